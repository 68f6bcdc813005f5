package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Pseudonyms;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Erasing a member also moves the counters of the rule set's per-member caps to the pseudonym,
 * with what was drawn on them, so the old id is found in no counter name; other members' counters
 * stay as they are.
 */
class ErasedMemberCapsTest {

    @Test
    void aMembersCapCountersAreExportedAndMoveToThePseudonym() {
        Quotas quotas = Quotas.inMemory();
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).rule("base", r -> r.name("2 per 1.00")
                .capPerMember("STARS", 100, CapPeriod.MONTH).award(Actions.perUnitSpent(stars(2), eur("1.00")))).build();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", rules, List.of()))
                .pseudonyms(Pseudonyms.keyed("a secret of the operator".getBytes(StandardCharsets.UTF_8))).build();
        MemberId ann = MemberId.of("ann");
        MemberId bob = MemberId.of("bob");
        Instant at = Instant.parse("2026-05-04T10:00:00Z");
        for (MemberId m : List.of(ann, bob)) {
            program.enrol(m, at.minusSeconds(60));
            program.purchase(m, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 1,
                    Money.of("30.00", "EUR")))), at, IdempotencyKey.of(m.value() + "-1"));
        }
        assertThat(quotas.counters("cap/")).containsExactly("cap/base/STARS/ann/2026-05-01",
                "cap/base/STARS/bob/2026-05-01");
        assertThat(rules.memberCounters(ann)).as("what the export shows").isEqualTo(
                java.util.Map.of("cap/base/STARS/ann/2026-05-01", 60L));
        assertThat(program.export(ann)).contains("\"cap/base/STARS/ann/2026-05-01\": 60")
                .doesNotContain("cap/base/STARS/bob");

        MemberId pseudonym = program.erase(ann);

        assertThat(quotas.counters("cap/")).containsExactlyInAnyOrder("cap/base/STARS/" + pseudonym.value()
                + "/2026-05-01", "cap/base/STARS/bob/2026-05-01");
        assertThat(quotas.used("cap/base/STARS/" + pseudonym.value() + "/2026-05-01")).isEqualTo(60);
        assertThat(quotas.drawn("ann-1", "cap/base/STARS/" + pseudonym.value() + "/2026-05-01")).isEqualTo(60);
        assertThat(quotas.used("cap/base/STARS/bob/2026-05-01")).isEqualTo(60);
        assertThat(rules.memberCounters(ann)).isEmpty();
        assertThat(rules.memberCounters(pseudonym)).containsOnlyKeys("cap/base/STARS/" + pseudonym.value()
                + "/2026-05-01");
        assertThat(program.erase(ann)).isEqualTo(pseudonym); // again: the same, and nothing moves twice
        assertThat(quotas.used("cap/base/STARS/" + pseudonym.value() + "/2026-05-01")).isEqualTo(60);
    }
}
