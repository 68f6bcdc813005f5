package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NIGHTS;
import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Rejected calls throw a specific exception naming the value and the rule, and change nothing. */
class BadInputTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final IdempotencyKey FIRST = IdempotencyKey.of("first");

    private final List<TierEvent> events = new ArrayList<>();
    private final TierEngine engine = TierEngine.of(Ladders.beauty().build(), events::add);
    private final Instant t0 = at("2026-03-01T10:00", PARIS);

    private void assertRejectedAndNothingChanged(ThrowingCallable call, Class<? extends TierException> type,
            String message) {
        engine.record(ANN, Money.of("400.00", "EUR"), t0, FIRST);
        Instant later = at("2027-06-01T00:00", PARIS);
        TierProgress before = engine.progress(ANN, later);
        List<TierChange> history = engine.history(ANN);
        int eventCount = events.size();

        assertThatThrownBy(call).isInstanceOf(type).hasMessage(message);

        assertThat(engine.progress(ANN, later)).isEqualTo(before);
        assertThat(engine.history(ANN)).isEqualTo(history);
        assertThat(events).hasSize(eventCount);
        assertThat(engine.members()).containsExactly(ANN);
    }

    @Test
    void unknownMetricIsRejected() {
        assertRejectedAndNothingChanged(() -> engine.record(ANN, NIGHTS, 3, t0.plusSeconds(60), IdempotencyKey.of("n")),
                UnknownMetricException.class,
                "metric counter:nights is not declared by the tier ladder; declared metrics: [spend:EUR]");
    }

    @Test
    void zeroAmountIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.record(ANN, Ladders.SPEND_EUR, 0, t0.plusSeconds(60), IdempotencyKey.of("z")),
                InvalidTierRequestException.class,
                "qualifying amount of spend:EUR for member ann must not be zero (key z)");
    }

    @Test
    void totalThatWouldOverflowIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.record(ANN, Ladders.SPEND_EUR, Long.MAX_VALUE, t0.plusSeconds(60), IdempotencyKey.of("big")),
                InvalidTierRequestException.class,
                "activity big of member ann would make the recorded spend:EUR exceed 9223372036854775807 minor units");
    }

    @Test
    void reusedKeyWithOtherContentIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.record(ANN, Money.of("500.00", "EUR"), at("2027-05-01T10:00", PARIS), FIRST),
                InvalidTierRequestException.class,
                "idempotency key first of member ann was already used for 40000 spend:EUR at 2026-03-01T09:00:00Z; "
                        + "got 50000 spend:EUR at 2027-05-01T08:00:00Z");
    }

    @Test
    void returnOfMoreThanWasRecordedIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.recordReturn(ANN, FIRST, 40_001, t0.plusSeconds(60), IdempotencyKey.of("r")),
                InvalidTierRequestException.class,
                "return r of member ann would take back 40001 of spend:EUR in total, more than the 40000 recorded by first");
    }

    @Test
    void returnOfUnknownActivityIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.recordReturn(ANN, IdempotencyKey.of("nope"), 1, t0.plusSeconds(60), IdempotencyKey.of("r")),
                InvalidTierRequestException.class,
                "return r of member ann names original activity nope, which is not a recorded activity of theirs");
    }

    @Test
    void assignmentOfUnknownTierIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.assign(ANN, "Diamond", t0, t0.plusSeconds(60), "match", IdempotencyKey.of("m")),
                UnknownTierException.class, "tier 'Diamond' is not on the ladder; tiers are [Insider, VIB, Rouge]");
    }

    @Test
    void assignmentThatEndsBeforeItStartsIsRejected() {
        assertRejectedAndNothingChanged(
                () -> engine.assign(ANN, "Rouge", t0, t0, "match", IdempotencyKey.of("m")),
                InvalidTierRequestException.class,
                "assignment of tier 'Rouge' to member ann must end after it starts; got 2026-03-01T09:00:00Z to "
                        + "2026-03-01T09:00:00Z");
    }

    @Test
    void replayWithSameContentChangesNothing() {
        assertRejectedAndNothingChanged(() -> {
            engine.record(ANN, Money.of("400.00", "EUR"), t0, FIRST);
            throw new InvalidTierRequestException("replayed");
        }, InvalidTierRequestException.class, "replayed");
    }
}
