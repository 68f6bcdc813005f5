package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.event;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.RuleContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rules keyed on SKU, category, store, channel or event type are never evaluated for activities they cannot match. */
class RuleIndexTest {

    private final AtomicInteger evaluated = new AtomicInteger();

    private Condition counting() {
        return c -> {
            evaluated.incrementAndGet();
            return true;
        };
    }

    @Test
    void rulesKeyedOnOtherSkusAreNeverEvaluated() {
        RuleSet.Builder b = RuleSet.builder(STARS);
        for (int i = 0; i < 500; i++) {
            String sku = "SKU" + i;
            b.rule("sku-" + i, r -> r.when(Conditions.sku(sku).and(counting())).award(Actions.fixed(stars(1))));
        }
        RuleSet rules = b.build();
        RuleContext c = purchaseContext(basket().line("SKU7", "misc", 1, "1.00").line("SKU42", "misc", 1, "1.00").build());
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(2);
        assertThat(evaluated).hasValue(2);
        assertThat(rules.candidates(c)).extracting(Rule::id).containsExactly("sku-7", "sku-42");
    }

    @Test
    void categoryStoreAndChannelKeysSelectCandidates() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("coffee", r -> r.when(Conditions.category("coffee")).award(Actions.fixed(stars(1))))
                .rule("tea", r -> r.when(Conditions.category("tea")).award(Actions.fixed(stars(1))))
                .rule("s9", r -> r.when(Conditions.store("S9")).award(Actions.fixed(stars(1))))
                .rule("web", r -> r.when(Conditions.channel("web").or(Conditions.channel("app")))
                        .award(Actions.fixed(stars(1))))
                .rule("any", r -> r.when(counting()).award(Actions.fixed(stars(1))))
                .rule("signup", r -> r.when(Conditions.eventType("signup")).award(Actions.fixed(stars(1))))
                .build();
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").store("S1").channel("app").build());
        assertThat(rules.candidates(c)).extracting(Rule::id).containsExactly("coffee", "web", "any");
        assertThat(rules.candidates(event("signup", Map.of()))).extracting(Rule::id).containsExactly("signup");
        assertThat(rules.candidates(event("review", Map.of()))).isEmpty();
    }

    @Test
    void candidatesFromManyIndexEntriesComeOnceEachInEvaluationOrder() {
        RuleSet.Builder b = RuleSet.builder(STARS)
                .rule("any", r -> r.award(Actions.fixed(stars(1))))
                .rule("s1", r -> r.priority(3).when(Conditions.store("S1")).award(Actions.fixed(stars(1))))
                .rule("pos", r -> r.when(Conditions.channel("pos")).award(Actions.fixed(stars(1))))
                .rule("coffee", r -> r.priority(5).when(Conditions.category("coffee")).award(Actions.fixed(stars(1))))
                .rule("coffee-or-a", r -> r.when(Conditions.category("coffee").or(Conditions.sku("A")))
                        .award(Actions.fixed(stars(1))));
        for (String sku : new String[] {"A", "B", "C", "D"}) {
            b.rule("sku-" + sku, r -> r.when(Conditions.sku(sku)).award(Actions.fixed(stars(1))));
        }
        RuleSet rules = b.build();
        RuleContext c = purchaseContext(basket().line("A", "coffee", 1, "1.00").line("B", "coffee", 1, "1.00")
                .line("C", "food", 1, "1.00").line("D", "food", 1, "1.00").line("E", "tea", 1, "1.00").build());

        assertThat(rules.candidates(c)).extracting(Rule::id).containsExactly("coffee", "s1", "any", "pos",
                "coffee-or-a", "sku-A", "sku-B", "sku-C", "sku-D");
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(9);
        RuleContext few = purchaseContext(basket().line("B", "tea", 1, "1.00").line("E", "coffee", 1, "1.00").build());
        assertThat(rules.candidates(few)).extracting(Rule::id).containsExactly("coffee", "s1", "any", "pos",
                "coffee-or-a", "sku-B");
    }

    @Test
    void spendOnACategoryIsIndexedByTheCategory() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("tea", r -> r.when(Conditions.spendAtLeast(LineMatcher.category("tea"), Fixtures.eur("5.00")))
                        .award(Actions.fixed(stars(1))))
                .build();
        assertThat(rules.candidates(purchaseContext(basket().coffee(1, "9.00").build()))).isEmpty();
    }

    @Test
    void unkeyedOrBranchPutsTheRuleOnTheAlwaysList() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("mixed", r -> r.when(Conditions.category("tea").or(Conditions.tag("staff")))
                        .award(Actions.fixed(stars(1))))
                .build();
        assertThat(rules.candidates(purchaseContext(basket().coffee(1, "1.00").build()))).hasSize(1);
    }
}
