package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walkthrough from the issue: a member is upgraded, retained, then downgraded after a window closes. */
class TierDemoTest {

    @Test
    void memberIsUpgradedRetainedThenDowngradedWithProgressPrinted() {
        List<String> log = new ArrayList<>();
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), event -> log.add(event.toString()));
        MemberId zoe = MemberId.of("zoe");

        engine.record(zoe, Money.of("180.00", "EUR"), at("2026-02-10T14:00", PARIS), IdempotencyKey.of("order-1"));
        log.add(engine.progress(zoe, at("2026-02-10T14:00", PARIS)).toString());
        engine.record(zoe, Money.of("250.00", "EUR"), at("2026-05-03T16:30", PARIS), IdempotencyKey.of("order-2"));
        log.add(engine.progress(zoe, at("2026-05-03T16:30", PARIS)).toString());
        engine.assessTiers(at("2027-01-01T00:00", PARIS));
        log.add(engine.progress(zoe, at("2027-01-01T00:00", PARIS)).toString());
        engine.assessTiers(at("2028-01-01T00:00", PARIS));
        log.add(engine.progress(zoe, at("2028-01-01T00:00", PARIS)).toString());
        log.forEach(System.out::println);

        assertThat(log).filteredOn(l -> !l.startsWith("TierProgress")).extracting(l -> l.substring(0, l.indexOf('[')))
                .containsExactly("TierUpgraded", "TierRetained", "TierDowngraded");
        assertThat(engine.history(zoe)).extracting(TierChange::to).containsExactly("VIB", "Insider");
    }
}
