package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.WEDNESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coffee chain built with the Java builders prints as readable text that runs the same. */
class JavaBuiltCoffeeChainPrintsAsTextTest {

    @Test
    void coffeeChainPrintsAsCanonicalTextAndEvaluatesTheSame() {
        RuleSet java = CoffeeChainProgramTest.coffeeChain();
        String text = ProgramText.print(java, Fixtures.ZONE);
        assertThat(text).isEqualTo("""
                zone "%s";

                currency STARS "Stars" decimals 0;

                tiers Green, Gold;

                rule welcome "50 bonus stars on the first purchase"
                  priority 10
                  when first purchase
                  then earn 50 STARS;

                rule base "2 stars per 1.00"
                  then earn 2 STARS per 1.00 EUR;

                rule gold-tuesday "Double stars on Tuesdays for Gold"
                  when tier = Gold and weekday = TUE
                  then multiply STARS by 2;
                """.formatted(Fixtures.ZONE.getId()));
        RuleSet back = ProgramText.parse(text).ruleSet();
        Purchase p = basket().coffee(2, "12.50").food(1, "0.75").build();
        for (RuleContext c : List.of(context(member().tier("Gold").purchasesSoFar(0).build(), p, TUESDAY_NOON),
                context(member().tier("Green").purchasesSoFar(3).build(), p, TUESDAY_NOON),
                context(member().tier("Gold").purchasesSoFar(3).build(), p, WEDNESDAY_NOON))) {
            assertThat(back.evaluate(c)).isEqualTo(java.evaluate(c));
        }
    }
}
