package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NEW_YORK;
import static io.github.loyaltyrules.tier.Ladders.TQP;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A ledger listener feeds qualifying points earned (and their reversals) into the tier engine. */
class TierFeedTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final MemberId FAY = MemberId.of("fay");

    @Test
    void earningQualifyingPointsUpgradesAndReversingThemIsAReturn() {
        TierEngine engine = TierEngine.of(Ladders.hotel().returnRule(ReturnRule.IMMEDIATE).build());
        Instant t0 = at("2026-03-01T10:00", NEW_YORK);
        Ledger ledger = Ledger.builder().zone(NEW_YORK).clock(Clock.fixed(t0, NEW_YORK)).currency(PTS).currency(TQP)
                .listener(TierFeed.of(engine)).build();
        ledger.enrol(FAY, t0);

        ledger.earn(FAY, PTS.points(90_000), t0, IdempotencyKey.of("redeemable"), "stay");
        ledger.earn(FAY, TQP.points(55_000), t0, IdempotencyKey.of("stay-1"), "stay");
        TierLookup lookup = engine.asLookup();
        assertThat(lookup.tierOf(FAY, t0)).contains("Gold");

        ledger.reverse(FAY, IdempotencyKey.of("stay-1"), t0.plusSeconds(60), IdempotencyKey.of("cancel-1"), "cancelled");
        assertThat(lookup.tierOf(FAY, t0.plusSeconds(60))).contains("Member");
        assertThat(engine.history(FAY)).extracting(TierChange::cause)
                .containsExactly(ChangeCause.THRESHOLD_REACHED, ChangeCause.RETURN);
    }
}
