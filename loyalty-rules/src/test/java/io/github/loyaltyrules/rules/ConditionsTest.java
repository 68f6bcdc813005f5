package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.WEDNESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.event;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each built-in condition, with examples that meet it and examples that do not. */
class ConditionsTest {

    private final RuleContext coffeeAndFood = purchaseContext(basket().coffee(2, "3.00").food(1, "2.50").build());

    @Test
    void basketAtLeastComparesTheBasketTotal() {
        assertThat(Conditions.basketAtLeast(eur("8.50")).test(coffeeAndFood)).isTrue();
        assertThat(Conditions.basketAtLeast(eur("8.51")).test(coffeeAndFood)).isFalse();
        assertThat(Conditions.basketAtLeast(Fixtures.eur("1.00")).test(event("signup", Map.of()))).isFalse();
    }

    @Test
    void basketInAnotherMoneyCurrencyDoesNotMeetTheThreshold() {
        assertThat(Conditions.basketAtLeast(io.github.loyaltyrules.ledger.Money.of("1.00", "USD")).test(coffeeAndFood))
                .isFalse();
    }

    @Test
    void skuAndCategoryMatchAnyLine() {
        assertThat(Conditions.sku("ESPRESSO").test(coffeeAndFood)).isTrue();
        assertThat(Conditions.sku("LATTE").test(coffeeAndFood)).isFalse();
        assertThat(Conditions.category("food").test(coffeeAndFood)).isTrue();
        assertThat(Conditions.category("tea", "juice").test(coffeeAndFood)).isFalse();
    }

    @Test
    void quantityAtLeastCountsUnitsOnMatchingLines() {
        assertThat(Conditions.quantityAtLeast(LineMatcher.category("coffee"), 2).test(coffeeAndFood)).isTrue();
        assertThat(Conditions.quantityAtLeast(LineMatcher.category("coffee"), 3).test(coffeeAndFood)).isFalse();
        assertThat(Conditions.quantityAtLeast(LineMatcher.anyLine(), 3).test(coffeeAndFood)).isTrue();
    }

    @Test
    void spendAtLeastSumsMatchingLines() {
        assertThat(Conditions.spendAtLeast(LineMatcher.category("coffee"), eur("6.00")).test(coffeeAndFood)).isTrue();
        assertThat(Conditions.spendAtLeast(LineMatcher.category("coffee"), eur("6.01")).test(coffeeAndFood)).isFalse();
        assertThat(Conditions.spendAtLeast(LineMatcher.category("tea"), eur("0.00")).test(coffeeAndFood)).isFalse();
    }

    @Test
    void storeAndChannelMatchThePurchase() {
        RuleContext web = purchaseContext(basket().coffee(1, "1.00").store("S9").channel("web").build());
        assertThat(Conditions.store("S9").test(web)).isTrue();
        assertThat(Conditions.store("S1").test(web)).isFalse();
        assertThat(Conditions.channel("web", "app").test(web)).isTrue();
        assertThat(Conditions.channel("pos").test(web)).isFalse();
    }

    @Test
    void dayOfWeekAndTimeOfDayAreReadInTheProgramZone() {
        RuleContext tuesday = context(member().build(), basket().coffee(1, "1.00").build(), TUESDAY_NOON);
        assertThat(Conditions.daysOfWeek(DayOfWeek.TUESDAY).test(tuesday)).isTrue();
        assertThat(Conditions.daysOfWeek(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).test(tuesday)).isFalse();
        assertThat(Conditions.timeOfDay(LocalTime.of(12, 0), LocalTime.of(14, 0)).test(tuesday)).isTrue();
        assertThat(Conditions.timeOfDay(LocalTime.of(7, 0), LocalTime.of(12, 0)).test(tuesday)).isFalse();
    }

    @Test
    void dateWindowIncludesBothEnds() {
        RuleContext tuesday = context(member().build(), basket().coffee(1, "1.00").build(), TUESDAY_NOON);
        assertThat(Conditions.dates(LocalDate.of(2024, 6, 4), LocalDate.of(2024, 6, 4)).test(tuesday)).isTrue();
        assertThat(Conditions.dates(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 3)).test(tuesday)).isFalse();
    }

    @Test
    void tierTagAndAttributeReadTheProfile() {
        RuleContext gold = context(member().tier("Gold").tags("staff").attribute("city", "Lyon").build(),
                basket().coffee(1, "1.00").build(), WEDNESDAY_NOON);
        assertThat(Conditions.tier("Gold").test(gold)).isTrue();
        assertThat(Conditions.tier("Green").test(gold)).isFalse();
        assertThat(Conditions.tier("Gold").test(coffeeAndFood)).isFalse();
        assertThat(Conditions.tag("staff").test(gold)).isTrue();
        assertThat(Conditions.tag("student").test(gold)).isFalse();
        assertThat(Conditions.attribute("city", "Lyon").test(gold)).isTrue();
        assertThat(Conditions.attribute("city", "Paris").test(gold)).isFalse();
    }

    @Test
    void birthdayMatchesTheDayTheWindowAndTheMonth() {
        RuleContext born4June = context(member().birthday(LocalDate.of(1990, 6, 4)).build(),
                basket().coffee(1, "1.00").build(), TUESDAY_NOON);
        RuleContext born7June = context(member().birthday(LocalDate.of(1990, 6, 7)).build(),
                basket().coffee(1, "1.00").build(), TUESDAY_NOON);
        assertThat(Conditions.birthdayToday().test(born4June)).isTrue();
        assertThat(Conditions.birthdayToday().test(born7June)).isFalse();
        assertThat(Conditions.birthdayWithin(3).test(born7June)).isTrue();
        assertThat(Conditions.birthdayWithin(2).test(born7June)).isFalse();
        assertThat(Conditions.birthdayMonth().test(born7June)).isTrue();
        assertThat(Conditions.birthdayToday().test(coffeeAndFood)).isFalse();
    }

    @Test
    void leapDayBirthdayIsCelebratedOnTheTwentyEighthInOtherYears() {
        RuleContext c = context(member().birthday(LocalDate.of(2000, 2, 29)).build(), basket().coffee(1, "1.00").build(),
                LocalDate.of(2023, 2, 28).atTime(10, 0).atZone(Fixtures.ZONE));
        assertThat(Conditions.birthdayToday().test(c)).isTrue();
    }

    @Test
    void eventTypeAndEventAttribute() {
        RuleContext review = context(member().build(), new MemberEvent("review", Map.of("stars", "5")), WEDNESDAY_NOON);
        assertThat(Conditions.eventType("review").test(review)).isTrue();
        assertThat(Conditions.eventType("signup").test(review)).isFalse();
        assertThat(Conditions.purchase().test(coffeeAndFood)).isTrue();
        assertThat(Conditions.eventAttribute("stars", "5").test(review)).isTrue();
        assertThat(Conditions.eventAttribute("stars", "4").test(review)).isFalse();
    }

    @Test
    void firstPurchaseAndPurchaseCounts() {
        RuleContext first = context(member().purchasesSoFar(0).build(), basket().coffee(1, "1.00").build(),
                WEDNESDAY_NOON);
        RuleContext tenth = context(member().purchasesSoFar(9).build(), basket().coffee(1, "1.00").build(),
                WEDNESDAY_NOON);
        assertThat(Conditions.firstPurchase().test(first)).isTrue();
        assertThat(Conditions.firstPurchase().test(tenth)).isFalse();
        assertThat(Conditions.purchasesSoFarAtLeast(9).test(tenth)).isTrue();
        assertThat(Conditions.purchasesSoFarAtLeast(10).test(tenth)).isFalse();
        assertThat(Conditions.purchasesSoFarAtMost(0).test(first)).isTrue();
        assertThat(Conditions.purchasesSoFarAtMost(8).test(tenth)).isFalse();
    }

    @Test
    void andOrNotCompose() {
        Condition coffee = Conditions.category("coffee");
        Condition tea = Conditions.category("tea");
        assertThat(coffee.and(tea).test(coffeeAndFood)).isFalse();
        assertThat(coffee.or(tea).test(coffeeAndFood)).isTrue();
        assertThat(Condition.not(tea).test(coffeeAndFood)).isTrue();
        assertThat(Conditions.allOf(coffee, Condition.not(tea)).test(coffeeAndFood)).isTrue();
        assertThat(Conditions.anyOf(tea, Conditions.always()).test(coffeeAndFood)).isTrue();
    }
}
