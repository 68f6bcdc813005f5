package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.TierStateMachine.Transition;
import io.github.loyaltyrules.tier.spi.TierState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state machine on its own: a stored state and an input give the next state and the events, and nothing else. */
class TierStateMachineTest {

    private static final MemberId ANN = MemberId.of("ann");

    private final TierStateMachine machine = new TierStateMachine(Ladders.beauty().build());

    @Test
    void activityReachingAThresholdGivesTheNextStateTheAddedActivityAndTheUpgrade() {
        Instant when = at("2026-04-02T11:30", PARIS);
        IdempotencyKey key = key();

        Transition<Tier> t = machine.record(null, ANN, SPEND_EUR, 40_000, when, key, null);

        assertThat(t.result().name()).isEqualTo("VIB");
        assertThat(t.next().version()).isEqualTo(1);
        assertThat(t.next().shown()).isEqualTo("VIB");
        assertThat(t.added().key()).isEqualTo(key);
        assertThat(t.next().activities()).containsExactly(t.added());
        TierChange change = t.next().history().get(0);
        assertThat(change.cause()).isEqualTo(ChangeCause.THRESHOLD_REACHED);
        assertThat(t.events()).containsExactly(new TierUpgraded(change));
    }

    @Test
    void theSameRequestUnderItsKeyAgainIsNothingToStore() {
        Instant when = at("2026-04-02T11:30", PARIS);
        IdempotencyKey key = key();
        TierState stored = machine.record(null, ANN, SPEND_EUR, 40_000, when, key, null).next();

        Transition<Tier> again = machine.record(stored, ANN, SPEND_EUR, 40_000, when, key, null);

        assertThat(again.next()).isNull();
        assertThat(again.events()).isEmpty();
        assertThat(again.result().name()).isEqualTo("VIB");
    }

    @Test
    void aWindowCloseKeepsTheTierWithRetentionThenNothingIsLeftToDoAtTheSameInstant() {
        TierState stored = machine.record(null, ANN, SPEND_EUR, 40_000, at("2026-04-02T11:30", PARIS), key(), null)
                .next();
        Instant close = at("2027-01-01T00:00", PARIS);

        Transition<List<TierEvent>> t = machine.assess(stored, close);

        assertThat(t.next().version()).isEqualTo(2);
        assertThat(t.next().clock()).isEqualTo(close);
        assertThat(t.result()).singleElement().isInstanceOf(TierRetained.class);
        assertThat(machine.assess(t.next(), close).next()).isNull();
    }
}
