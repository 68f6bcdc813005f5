package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.engagement.contract.ChallengeModelCheck;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Challenge progress and rewards kept in {@link JdbcChallengeStore} match the model after every step of
 * random runs of purchases, returns, retries with the same key and store crashes across window
 * boundaries: on H2, and on PostgreSQL when {@code LOYALTY_PG_URL} is set. Each try runs on its own
 * member in one database per engine.
 */
class JdbcChallengeProperties {

    private static final AtomicInteger TRIES = new AtomicInteger();
    private static List<JdbcChallengeStore> stores;

    private static synchronized List<JdbcChallengeStore> stores() {
        if (stores == null) {
            stores = Databases.freshUrls("challenges").stream().map(u -> JdbcChallengeStore.of(new UrlDataSource(u)))
                    .toList();
        }
        return stores;
    }

    @Property(tries = 40)
    void progressAndRewardsMatchTheModelAfterEveryStep(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
        String member = "m" + TRIES.incrementAndGet();
        for (JdbcChallengeStore store : stores()) {
            ChallengeModelCheck.run(store, member, seed, steps);
        }
    }
}
