package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.Shop.at;
import static io.github.loyaltyrules.rules.text.Shop.basket;
import static io.github.loyaltyrules.rules.text.Shop.context;
import static io.github.loyaltyrules.rules.text.Shop.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules on member events (signup, review) and on member data, written as text. */
class MemberEventRulesTextTest {

    private final ParsedProgram program = ProgramText.parse("""
            currency STARS "Stars" decimals 0;
            attributes segment;
            rule signup "Welcome" when event = "signup" then earn 100 STARS;
            rule review "Five-star review" when event = "review" and event attribute "stars" = "5" then earn 20 STARS;
            rule students "Students earn per item on food"
              when attribute segment = "student" and purchases <= 10
              then earn 3 STARS per item on category = "pastry" or sku = "BAGEL";
            rule big "Big basket" when basket >= 20.00 EUR or spend on category = "coffee" >= 8.00 EUR
              then earn 7 STARS;
            """);

    private long earn(MemberProfile m, Activity a) {
        return program.ruleSet().evaluate(context(m, a, at(6, 5, 12, 0))).total("STARS");
    }

    @Test
    void memberEventsEarnByTypeAndAttribute() {
        var m = member("m").build();
        assertThat(earn(m, new MemberEvent("signup", Map.of()))).isEqualTo(100);
        assertThat(earn(m, new MemberEvent("review", Map.of("stars", "5")))).isEqualTo(20);
        assertThat(earn(m, new MemberEvent("review", Map.of("stars", "4")))).isZero();
    }

    @Test
    void memberAttributesPurchaseCountsAndSpendConditionsApply() {
        var student = new MemberProfile(MemberId.of("s"), null, Set.of(), Map.of("segment", "student"), null, 3);
        var p = basket().pastry(2, "2.00").line("BAGEL", "bread", 1, "3.00").coffee(1, "2.00").build();
        assertThat(earn(student, p)).isEqualTo(3 * 3);
        assertThat(earn(member("x").build(), p)).isZero();
        assertThat(earn(member("y").build(), basket().coffee(4, "2.00").build())).isEqualTo(7);
        assertThat(earn(member("z").build(), basket().pastry(10, "2.00").build())).isEqualTo(7);
    }
}
