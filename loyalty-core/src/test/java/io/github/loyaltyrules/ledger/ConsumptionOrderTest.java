package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A currency's consumption order: a term of the currency that every spend of the ledger follows. */
class ConsumptionOrderTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(100)));

    private static Instant day(int d) {
        return T.plus(Duration.ofDays(d));
    }

    @Test
    void theOrderIsATermOfTheCurrencyThatOtherChangesKeep() {
        assertThat(PTS.consumptionOrder()).isEqualTo(ConsumptionOrder.SOONEST_EXPIRY_FIRST);
        PointCurrency oldest = PTS.withConsumptionOrder(ConsumptionOrder.OLDEST_FIRST);
        assertThat(oldest.withExpiry(ExpiryPolicy.never()).withHold(Period.ofDays(2))
                .withActivity(EnumSet.of(PostingType.EARN)).consumptionOrder()).isEqualTo(ConsumptionOrder.OLDEST_FIRST);
        assertThat(oldest).isNotEqualTo(PTS).isEqualTo(PTS.withConsumptionOrder(ConsumptionOrder.OLDEST_FIRST));
        assertThat(oldest.hashCode()).isEqualTo(PTS.withConsumptionOrder(ConsumptionOrder.OLDEST_FIRST).hashCode());
        assertThat(oldest.withConsumptionOrder(ConsumptionOrder.SOONEST_EXPIRY_FIRST)).isEqualTo(PTS);
        assertThat(catchThrowable(() -> PTS.withConsumptionOrder(null))).isInstanceOf(NullPointerException.class)
                .hasMessage("consumption order must not be null");
    }

    @Test
    void theOrdersCompareLotsByExpiryOrByEarning() {
        Lot lasting = new Lot(LotId.of(1), "PTS", 5, 5, day(0), day(0), null, IdempotencyKey.of("a"), day(0));
        Lot expiring = new Lot(LotId.of(2), "PTS", 5, 5, day(1), day(1), day(30), IdempotencyKey.of("b"), day(1));
        Lot twin = new Lot(LotId.of(3), "PTS", 5, 5, day(1), day(1), day(30), IdempotencyKey.of("c"), day(1));
        assertThat(ConsumptionOrder.SOONEST_EXPIRY_FIRST.compare(expiring, lasting)).isNegative();
        assertThat(ConsumptionOrder.OLDEST_FIRST.compare(lasting, expiring)).isNegative();
        assertThat(ConsumptionOrder.OLDEST_FIRST.compare(expiring, twin)).isNegative();
        assertThat(ConsumptionOrder.SOONEST_EXPIRY_FIRST.comparator().compare(twin, expiring)).isPositive();
        assertThat(ConsumptionOrder.OLDEST_FIRST.compare(twin, twin)).isZero();
    }

    @Test
    void backdatedEarningsAreSpentByTheirEarningTimeNotTheOrderTheyWereBooked() {
        PointCurrency oldest = PTS.withConsumptionOrder(ConsumptionOrder.OLDEST_FIRST);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(day(20), ZoneOffset.UTC))
                .currency(oldest).build();
        ledger.enrol(ANN, T);
        ledger.earn(ANN, oldest.points(10), day(9), IdempotencyKey.of("late"), "visit");
        ledger.earn(ANN, oldest.points(10), day(2), IdempotencyKey.of("early"), "visit booked late");
        ledger.earn(ANN, oldest.points(10), day(5), IdempotencyKey.of("middle"), "visit booked late");
        Posting redeemed = ledger.redeem(ANN, oldest.points(15), day(20), IdempotencyKey.of("gift"), "gift");

        assertThat(redeemed.entries().get(0).lots()).containsExactly(new LotMovement(LotId.of(2), -10, 0),
                new LotMovement(LotId.of(3), -5, 0));
        assertThat(ledger.lots(ANN, oldest)).extracting(Lot::remaining).containsExactly(10L, 0L, 5L);
    }

    @Test
    void pointsOfACurrencyThatDiffersOnlyInItsOrderAreRefusedAndChangeNothing() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(day(1), ZoneOffset.UTC)).currency(PTS)
                .build();
        ledger.enrol(ANN, T);
        ledger.earn(ANN, PTS.points(10), day(1), IdempotencyKey.of("e"), "visit");
        List<Entry> before = ledger.statement(ANN);
        PointCurrency other = PTS.withConsumptionOrder(ConsumptionOrder.OLDEST_FIRST);
        assertThat(catchThrowable(() -> ledger.redeem(ANN, other.points(5), day(1), IdempotencyKey.of("r"), "gift")))
                .isInstanceOf(UnknownCurrencyException.class).hasMessageContaining("differs from the one configured");
        assertThat(ledger.statement(ANN)).isEqualTo(before);
        assertThat(ledger.balance(ANN, PTS).available()).isEqualTo(10);
    }
}
