package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A business time outside years 1 to 9999 (Instant.MAX and Instant.MIN among them, which no zone
 * can hold) is refused by every entry point of the tier engine with {@link InvalidRequestException}
 * naming the value, and changes nothing.
 */
class OutOfRangeBusinessTimesTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final List<Instant> OUT_OF_RANGE = List.of(Instant.MAX, Instant.MIN,
            Instant.parse("+10000-01-01T00:00:00Z"));

    private final List<TierEvent> events = new ArrayList<>();
    private final TierEngine engine = TierEngine.of(Ladders.beauty().build(), events::add);
    private final Instant t0 = at("2026-03-01T10:00", PARIS);

    private void refused(String what, Function<Instant, Object> call) {
        engine.record(ANN, Money.of("400.00", "EUR"), t0, IdempotencyKey.of("first"));
        Instant later = at("2027-06-01T00:00", PARIS);
        for (Instant t : OUT_OF_RANGE) {
            TierProgress before = engine.progress(ANN, later);
            List<TierChange> history = engine.history(ANN);
            int eventCount = events.size();
            Throwable thrown = catchThrowable(() -> call.apply(t));
            assertThat(thrown).as(what + " at " + t).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(t.toString()).hasMessageContaining("years 1 to 9999");
            assertThat(engine.progress(ANN, later)).isEqualTo(before);
            assertThat(engine.history(ANN)).isEqualTo(history);
            assertThat(events).hasSize(eventCount);
            assertThat(engine.members()).containsExactly(ANN);
        }
    }

    @Test
    void everyEntryPointRefusesThem() {
        MemberId bob = MemberId.of("bob");
        refused("enrol", t -> {
            engine.enrol(bob, t);
            return null;
        });
        refused("record", t -> engine.record(ANN, SPEND_EUR, 100, t, IdempotencyKey.of("k")));
        refused("record money", t -> engine.record(bob, Money.of("1.00", "EUR"), t, IdempotencyKey.of("k")));
        refused("return", t -> engine.recordReturn(ANN, IdempotencyKey.of("first"), 100, t, IdempotencyKey.of("k")));
        refused("assign from", t -> engine.assign(ANN, "Gold", t, t0.plusSeconds(60), "match", IdempotencyKey.of("k")));
        refused("assign until", t -> engine.assign(ANN, "Gold", t0, t, "match", IdempotencyKey.of("k")));
        refused("assess", engine::assessTiers);
        refused("assess in batches", t -> engine.assessTiers(t, 10, AssessmentProgress.NONE));
        refused("tier at", t -> engine.tierAt(ANN, t));
        refused("tier of", t -> engine.tierOf(ANN, t));
        refused("history as of", t -> engine.history(ANN, t));
        refused("progress", t -> engine.progress(ANN, t));
    }
}
