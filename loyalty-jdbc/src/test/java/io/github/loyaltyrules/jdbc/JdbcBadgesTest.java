package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.Badge;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Badges kept by {@link JdbcChallengeStore}: the first award of a badge stands, they list in the order
 * earned, and erasure moves them to the pseudonym; on H2, and on PostgreSQL when {@code LOYALTY_PG_URL}
 * is set.
 */
class JdbcBadgesTest {

    @Test
    void theFirstAwardStandsTheyListInOrderAndErasureMovesThem() {
        for (String url : Databases.freshUrls("badges")) {
            JdbcChallengeStore store = JdbcChallengeStore.of(new UrlDataSource(url));
            MemberId ann = MemberId.of("ann");
            Instant t = Instant.parse("2026-12-15T10:00:00.123456789Z");
            Badge late = new Badge("explorer", "three-stores", t.plusSeconds(60), IdempotencyKey.of("p-9"));
            Badge first = new Badge("coffee-connoisseur", "coffee-weeks", t, IdempotencyKey.of("p-3"));
            assertThat(store.badges(ann)).isEmpty();
            assertThat(store.award(ann, late)).isTrue();
            assertThat(store.award(ann, first)).isTrue();
            assertThat(store.award(ann, new Badge("explorer", "other", t, IdempotencyKey.of("p-1")))).as(url).isFalse();
            assertThat(store.badges(ann)).as(url).containsExactly(first, late);
            assertThat(store.badges(MemberId.of("bob"))).isEmpty();
            MemberId pseudonym = MemberId.of("erased-1");
            assertThat(store.pseudonymise(ann, pseudonym)).isTrue();
            assertThat(store.badges(ann)).isEmpty();
            assertThat(store.badges(pseudonym)).containsExactly(first, late);
            assertThat(store.pseudonymise(ann, pseudonym)).as("again: nothing to move").isFalse();
            List<Badge> moved = store.badges(pseudonym);
            assertThat(moved.get(0).at()).as("to the nanosecond").isEqualTo(t);
        }
    }
}
