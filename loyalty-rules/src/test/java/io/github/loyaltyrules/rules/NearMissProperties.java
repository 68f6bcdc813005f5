package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.Shortfall;
import io.github.loyaltyrules.rules.IndexedEvaluationProperties.Spec;
import io.github.loyaltyrules.rules.internal.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On random programs (every condition kind, nested and/or/not, windows, campaigns with budgets,
 * groups, caps, multipliers) and random activities: a rule of the activity's type is a near miss
 * exactly when it has no award in the quote, each with at least one reason, closest first; working
 * them out draws and changes nothing, and the quote is what the evaluation made next awards.
 */
class NearMissProperties {

    private final IndexedEvaluationProperties generators = new IndexedEvaluationProperties();

    @Provide
    Arbitrary<List<Spec>> programs() {
        return generators.programs();
    }

    @Provide
    Arbitrary<List<RuleContext>> activities() {
        return generators.activities();
    }

    private static RuleSet build(List<Spec> specs, Quotas quotas) {
        RuleSet.Builder b = RuleSet.builder(STARS, PointCurrency.of("CASH", "Store cash", 2)).quotas(quotas)
                .exclusiveGroup("a-best", GroupSelection.BEST).exclusiveGroup("a-first", GroupSelection.FIRST)
                .exclusiveGroup("m-best", GroupSelection.BEST).exclusiveGroup("m-first", GroupSelection.FIRST)
                .campaign(Campaign.of("spring", "Spring", TUESDAY_NOON.plusHours(30).toInstant(),
                        TUESDAY_NOON.plusDays(6).toInstant()).withBudget("STARS", 400));
        for (int i = 0; i < specs.size(); i++) {
            specs.get(i).addTo(b, "r" + i);
        }
        return b.build();
    }

    private static boolean applies(Rule r, RuleContext c) {
        Set<String> types = Keys.eventTypes(r.condition());
        return types == null ? c.activity() instanceof Purchase : types.contains(c.activity().type());
    }

    /** Every counter the quotas keep, with what is drawn on it. */
    private static Map<String, Long> counters(Quotas quotas) {
        Map<String, Long> out = new HashMap<>();
        for (String counter : new TreeSet<>(quotas.counters(""))) {
            out.put(counter, quotas.used(counter));
        }
        return out;
    }

    @Property
    void aRuleIsANearMissExactlyWhenItDidNotFireAndNothingChanges(@ForAll("programs") List<Spec> specs,
            @ForAll("activities") List<RuleContext> activities) {
        Quotas quotas = Quotas.inMemory();
        RuleSet rules = build(specs, quotas);
        for (RuleContext c : activities) {
            Map<String, Long> before = counters(quotas);
            Evaluation quoted = rules.quote(c);
            List<NearMiss> misses = rules.nearMisses(c, quoted);
            assertThat(counters(quotas)).as("counters after a quote").isEqualTo(before);

            Set<String> fired = new HashSet<>();
            for (Award a : quoted.awards()) {
                fired.add(a.ruleId());
            }
            Set<String> expected = new HashSet<>();
            for (Rule r : rules.rules()) {
                if (applies(r, c) && !fired.contains(r.id())) {
                    expected.add(r.id());
                }
            }
            List<String> ids = new ArrayList<>();
            for (NearMiss m : misses) {
                ids.add(m.ruleId());
                assertThat(m.shortfalls()).isNotEmpty();
                for (Shortfall s : m.shortfalls()) {
                    assertThat(s.text()).isNotBlank();
                    s.missingShare().ifPresent(share -> assertThat(share).isBetween(java.math.BigDecimal.ZERO,
                            java.math.BigDecimal.ONE));
                }
            }
            assertThat(ids).as("near misses of %s at %s", c.activity(), c.at()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (int i = 0; i + 1 < misses.size(); i++) {
                assertThat(NearMiss.CLOSEST_FIRST.compare(misses.get(i), misses.get(i + 1))).isLessThanOrEqualTo(0);
            }
            assertThat(rules.evaluate(c)).as("the evaluation after the quote").isEqualTo(quoted);
        }
    }
}
