package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.LoyaltyException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Each refusal says what it means for the caller, so that callers switch on reasons, not classes. */
class ExceptionReasonsTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    private static Reason reasonOf(Runnable call) {
        return catchThrowableOfType(call::run, LoyaltyException.class).reason();
    }

    @Test
    void refusalsOfTheLedgerCarryTheirReason() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        ledger.enrol(ANN, T0);
        ledger.earn(ANN, PTS.points(10), T0, IdempotencyKey.of("e-1"), "first");

        assertThat(reasonOf(() -> ledger.earn(ANN, PTS.points(-5), T0, IdempotencyKey.of("e-2"), "x")))
                .isEqualTo(Reason.INVALID_REQUEST);
        assertThat(reasonOf(() -> ledger.earn(MemberId.of("bob"), PTS.points(5), T0, IdempotencyKey.of("e-3"), "x")))
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(reasonOf(() -> ledger.balance(ANN, PointCurrency.of("MILES", "Miles", 0))))
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(reasonOf(() -> ledger.earn(ANN, PTS.points(7), T0, IdempotencyKey.of("e-1"), "other")))
                .isEqualTo(Reason.CONFLICT);
        assertThat(reasonOf(() -> ledger.enrol(ANN, T0))).isEqualTo(Reason.CONFLICT);
        assertThat(reasonOf(() -> ledger.redeem(ANN, PTS.points(50), T0, IdempotencyKey.of("r-1"), "x")))
                .isEqualTo(Reason.INSUFFICIENT_POINTS);
        ledger.reserve(ANN, PTS.points(5), Duration.ofMinutes(5), T0, IdempotencyKey.of("h-1"), "hold");
        ledger.release(ANN, IdempotencyKey.of("h-1"), T0, IdempotencyKey.of("h-1/release"));
        assertThat(reasonOf(() -> ledger.capture(ANN, IdempotencyKey.of("h-1"), T0, IdempotencyKey.of("h-1/capture"))))
                .isEqualTo(Reason.CONFLICT);
        ledger.suspend(ANN, T0, "fraud check");
        assertThat(reasonOf(() -> ledger.earn(ANN, PTS.points(5), T0, IdempotencyKey.of("e-4"), "x")))
                .isEqualTo(Reason.NOT_ALLOWED);
    }

    @Test
    void onlyAConcurrentUpdateIsWorthSendingAgainUnchanged() {
        for (Reason r : Reason.values()) {
            assertThat(r.retryable()).as(r.name()).isEqualTo(r == Reason.CONCURRENT_UPDATE);
        }
        assertThat(new ConcurrentUpdateException("busy").reason()).isEqualTo(Reason.CONCURRENT_UPDATE);
    }
}
