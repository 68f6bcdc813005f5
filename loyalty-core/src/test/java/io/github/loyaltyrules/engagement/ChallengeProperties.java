package io.github.loyaltyrules.engagement;

import io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Challenge progress and rewards match a model after every step of random runs, in memory. */
class ChallengeProperties {

    @Property(tries = 200)
    void progressAndRewardsMatchTheModelAfterEveryStep(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int steps) {
        io.github.loyaltyrules.engagement.contract.ChallengeModelCheck.run(InMemoryChallengeStore.create(), "ann", seed, steps);
    }
}
