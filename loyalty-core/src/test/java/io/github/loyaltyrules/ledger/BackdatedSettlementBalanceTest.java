package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A credit dated before a reversal that made debt settles that debt now; a balance as of a time
 * between the two shows the credit as points, not as a negative debt (found by the report property:
 * the balance threw IllegalStateException, "debt -5").
 */
class BackdatedSettlementBalanceTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static Instant day(int d) {
        return T.plus(Duration.ofDays(d));
    }

    @Test
    void aBackdatedCreditThatSettledALaterDebtIsPointsBeforeThatDebt() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(day(60), ZoneOffset.UTC)).currency(PTS)
                .build();
        ledger.enrol(ANN, T);
        ledger.earn(ANN, PTS.points(10), T, IdempotencyKey.of("earn-10"), "visit");
        ledger.redeem(ANN, PTS.points(10), day(20), IdempotencyKey.of("redeem-10"), "cake");
        ledger.reverse(ANN, IdempotencyKey.of("earn-10"), day(30), IdempotencyKey.of("undo-earn"), "refund");
        ledger.earn(ANN, PTS.points(5), day(5), IdempotencyKey.of("earn-5"), "late visit"); // settles 5 of the 10 owed

        assertThat(ledger.balance(ANN, PTS).debt()).isEqualTo(5);
        assertThat(ledger.balance(ANN, PTS).total()).isZero();
        Balance atDay10 = ledger.balance(ANN, PTS, day(10)); // before the redemption and the reversal
        assertThat(atDay10.total()).isEqualTo(15);
        assertThat(atDay10.debt()).isZero();
        Balance atDay25 = ledger.balance(ANN, PTS, day(25)); // after the redemption, before the reversal
        assertThat(atDay25.total()).isEqualTo(5);
        assertThat(atDay25.debt()).isZero();
        Balance atDay35 = ledger.balance(ANN, PTS, day(35));
        assertThat(atDay35.total()).isZero();
        assertThat(atDay35.debt()).isEqualTo(5);
        assertThat(atDay35.net()).isEqualTo(-5);
        assertThat(atDay10.net()).isEqualTo(15);
    }

    @Test
    void theNetBalanceIsWhatIsAvailableLessTheDebtAndLaterEarningsSettleTheDebtFirst() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(day(60), ZoneOffset.UTC)).currency(PTS)
                .build();
        ledger.enrol(ANN, T);
        ledger.earn(ANN, PTS.points(30), T, IdempotencyKey.of("earn-30"), "visit");
        ledger.redeem(ANN, PTS.points(30), day(1), IdempotencyKey.of("redeem-30"), "cake");
        ledger.reverse(ANN, IdempotencyKey.of("earn-30"), day(2), IdempotencyKey.of("undo"), "refund");
        assertThat(ledger.balance(ANN, PTS).net()).isEqualTo(-30);
        ledger.earn(ANN, PTS.points(50), day(3), IdempotencyKey.of("earn-50"), "visit");
        Balance after = ledger.balance(ANN, PTS);
        assertThat(after.net()).isEqualTo(20).isEqualTo(after.available() - after.debt());
        assertThat(after.available()).isEqualTo(20);
    }
}
