package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NEW_YORK;
import static io.github.loyaltyrules.tier.Ladders.NIGHTS;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A manual tier assignment (status match) with an expiry date, recorded in history. */
class StatusMatchTest {

    private static final MemberId EVA = MemberId.of("eva");

    @Test
    void statusMatchShowsTheAssignedTierUntilItExpiresAndBothChangesAreInHistory() {
        TierEngine engine = TierEngine.of(Ladders.hotel().build());
        Instant from = at("2026-05-01T09:00", NEW_YORK);
        Instant until = at("2026-08-01T00:00", NEW_YORK);
        engine.record(EVA, NIGHTS, 12, at("2026-04-01T20:00", NEW_YORK), key());
        engine.assign(EVA, "Platinum", from, until, "status match with Airline X Gold", key());

        assertThat(engine.tierAt(EVA, from).name()).isEqualTo("Platinum");
        assertThat(engine.progress(EVA, from).keptUntil()).contains(until);
        List<TierEvent> events = engine.assessTiers(until);

        assertThat(engine.tierAt(EVA, until).name()).isEqualTo("Silver");
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("TierUpgraded", "TierDowngraded");
        assertThat(engine.history(EVA)).extracting(TierChange::to, TierChange::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Silver", ChangeCause.THRESHOLD_REACHED),
                org.assertj.core.groups.Tuple.tuple("Platinum", ChangeCause.STATUS_MATCH),
                org.assertj.core.groups.Tuple.tuple("Silver", ChangeCause.STATUS_MATCH_ENDED));
        assertThat(engine.history(EVA).get(1).reason())
                .isEqualTo("status match with Airline X Gold (until 2026-08-01T04:00:00Z)");
    }

    @Test
    void earnedTierAboveTheMatchWins() {
        TierEngine engine = TierEngine.of(Ladders.hotel().build());
        Instant from = at("2026-05-01T09:00", NEW_YORK);
        engine.assign(EVA, "Silver", from, at("2026-08-01T00:00", NEW_YORK), "match", key());
        engine.record(EVA, NIGHTS, 30, at("2026-06-01T20:00", NEW_YORK), key());

        assertThat(engine.tierAt(EVA, at("2026-09-01T00:00", NEW_YORK)).name()).isEqualTo("Gold");
        assertThat(engine.history(EVA)).extracting(TierChange::to).containsExactly("Silver", "Gold");
    }
}
