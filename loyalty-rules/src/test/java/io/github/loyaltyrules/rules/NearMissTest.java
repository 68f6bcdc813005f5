package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.ZONE;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.rule.Shortfall;
import io.github.loyaltyrules.rule.Shortfall.Kind;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Near misses: for each rule that does not fire on a quoted basket, which condition failed, with the
 * values; the same for a program written in the text language and with the Java builder.
 */
class NearMissTest {

    /** Wednesday 5 June 2024, noon, Paris. */
    private static final ZonedDateTime NOON = LocalDateTime.of(2024, 6, 5, 12, 0).atZone(ZONE);

    private static final String TEXT = """
            program "near";
            zone "Europe/Paris";
            currency STARS "Stars" decimals 0;
            tiers Silver, Gold;
            attributes segment;
            campaign xmas "Christmas" from 2024-12-01 until 2024-12-25;
            rule base "Base" then earn 1 STARS per 1.00 EUR;
            rule big "Big basket" when basket >= 30.00 EUR then earn 20 STARS;
            rule beans "Beans lover" when spend on category = "beans" >= 10.00 EUR then earn 5 STARS;
            rule pair "Two espressos" when quantity of sku = "ESPRESSO" >= 2 then earn 5 STARS;
            rule s1 "Store S1" when store = "S1" then earn 5 STARS;
            rule app "App" when channel = "app" then earn 5 STARS;
            rule gold "Gold" when tier = Gold then earn 5 STARS;
            rule staff "Staff" when attribute segment = "staff" then earn 5 STARS;
            rule vip "VIP" when tag = "vip" then earn 5 STARS;
            rule weekend "Weekend" when weekday in (SAT, SUN) then earn 5 STARS;
            rule morning "Morning" when time from 07:00 until 10:00 then earn 5 STARS;
            rule early "Early June" when date from 2024-06-01 to 2024-06-02 then earn 5 STARS;
            rule bday "Birthday" when birthday today then earn 5 STARS;
            rule first "Welcome" when first purchase then earn 5 STARS;
            rule loyal "Loyal" when purchases >= 5 then earn 5 STARS;
            rule christmas "Christmas" campaign xmas then earn 5 STARS;
            rule january "January" valid from 2024-01-01 to 2024-01-31 then earn 5 STARS;
            rule not-s2 "Not in S2" when not store = "S2" then earn 5 STARS;
            rule either "Either" when store = "S1" or basket >= 30.00 EUR then earn 5 STARS;
            rule two "Two conditions" when basket >= 28.00 EUR and channel = "app" then earn 5 STARS;
            rule beans-double "Double on beans" then multiply STARS by 2 on category = "beans";
            rule signup "Sign-up" when event = "signup" then earn 50 STARS;
            """;

    private static final Instant XMAS_FROM = LocalDateTime.of(2024, 12, 1, 0, 0).atZone(ZONE).toInstant();
    private static final Instant XMAS_UNTIL = LocalDateTime.of(2024, 12, 25, 0, 0).atZone(ZONE).toInstant();

    /** The same program with the Java builder. */
    private static RuleSet java() {
        return RuleSet.builder(STARS).tiers("Silver", "Gold").memberAttributes("segment")
                .campaign(Campaign.of("xmas", "Christmas", XMAS_FROM, XMAS_UNTIL))
                .rule("base", r -> r.name("Base").award(Actions.perUnitSpent(stars(1), eur("1.00"))))
                .rule("big", r -> r.name("Big basket").when(Conditions.basketAtLeast(eur("30.00")))
                        .award(Actions.fixed(stars(20))))
                .rule("beans", r -> r.name("Beans lover")
                        .when(Conditions.spendAtLeast(LineMatcher.category("beans"), eur("10.00")))
                        .award(Actions.fixed(stars(5))))
                .rule("pair", r -> r.name("Two espressos").when(Conditions.quantityAtLeast(LineMatcher.sku("ESPRESSO"), 2))
                        .award(Actions.fixed(stars(5))))
                .rule("s1", r -> r.name("Store S1").when(Conditions.store("S1")).award(Actions.fixed(stars(5))))
                .rule("app", r -> r.name("App").when(Conditions.channel("app")).award(Actions.fixed(stars(5))))
                .rule("gold", r -> r.name("Gold").when(Conditions.tier("Gold")).award(Actions.fixed(stars(5))))
                .rule("staff", r -> r.name("Staff").when(Conditions.attribute("segment", "staff"))
                        .award(Actions.fixed(stars(5))))
                .rule("vip", r -> r.name("VIP").when(Conditions.tag("vip")).award(Actions.fixed(stars(5))))
                .rule("weekend", r -> r.name("Weekend").when(Conditions.daysOfWeek(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
                        .award(Actions.fixed(stars(5))))
                .rule("morning", r -> r.name("Morning").when(Conditions.timeOfDay(LocalTime.of(7, 0), LocalTime.of(10, 0)))
                        .award(Actions.fixed(stars(5))))
                .rule("early", r -> r.name("Early June")
                        .when(Conditions.dates(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 2)))
                        .award(Actions.fixed(stars(5))))
                .rule("bday", r -> r.name("Birthday").when(Conditions.birthdayToday()).award(Actions.fixed(stars(5))))
                .rule("first", r -> r.name("Welcome").when(Conditions.firstPurchase()).award(Actions.fixed(stars(5))))
                .rule("loyal", r -> r.name("Loyal").when(Conditions.purchasesSoFarAtLeast(5))
                        .award(Actions.fixed(stars(5))))
                .rule("christmas", r -> r.name("Christmas").campaign("xmas").award(Actions.fixed(stars(5))))
                .rule("january", r -> r.name("January").validBetween(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).award(Actions.fixed(stars(5))))
                .rule("not-s2", r -> r.name("Not in S2").when(Condition.not(Conditions.store("S2")))
                        .award(Actions.fixed(stars(5))))
                .rule("either", r -> r.name("Either")
                        .when(Conditions.anyOf(Conditions.store("S1"), Conditions.basketAtLeast(eur("30.00"))))
                        .award(Actions.fixed(stars(5))))
                .rule("two", r -> r.name("Two conditions")
                        .when(Conditions.allOf(Conditions.basketAtLeast(eur("28.00")), Conditions.channel("app")))
                        .award(Actions.fixed(stars(5))))
                .rule("beans-double", r -> r.name("Double on beans")
                        .multiply(Multiplier.on(LineMatcher.category("beans"), "STARS", new BigDecimal("2"))))
                .rule("signup", r -> r.name("Sign-up").when(Conditions.eventType("signup")).award(Actions.fixed(stars(50))))
                .build();
    }

    /** A Silver member, 3 purchases before, attribute segment=student, born 1990-03-14. */
    private static MemberProfile silver() {
        return new MemberProfile(MemberId.of("m-1"), "Silver", Set.of(), Map.of("segment", "student"),
                LocalDate.of(1990, 3, 14), 3);
    }

    /** 27.50 EUR in store S2 at the till: one espresso and a croissant. */
    private static RuleContext quoted() {
        Purchase p = Purchase.of("S2", "pos", List.of(BasketLine.of("L1", "ESPRESSO", "coffee", 1, eur("2.50")),
                BasketLine.of("L2", "CAKE", "food", 1, eur("25.00"))));
        return new RuleContext(silver(), p, NOON, IdempotencyKey.of("q-1"), "v1");
    }

    private static Map<String, String> texts(List<NearMiss> misses) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NearMiss m : misses) {
            out.put(m.ruleId(), m.text());
        }
        return out;
    }

    private static List<NearMiss> nearMisses(RuleSet rules, RuleContext c) {
        return rules.nearMisses(c, rules.quote(c));
    }

    @Test
    void eachConditionKindSaysWhatFailedWithTheValuesInTheTextProgram() {
        RuleSet rules = ProgramText.parse(TEXT).ruleSet();
        List<NearMiss> misses = nearMisses(rules, quoted());
        Map<String, String> texts = texts(misses);
        assertThat(texts).doesNotContainKeys("base", "signup")
                .containsEntry("big", "Big basket: basket 27.50 of 30.00 EUR needed")
                .containsEntry("beans", "Beans lover: spend on category beans 0.00 of 10.00 EUR needed")
                .containsEntry("pair", "Two espressos: needs 2 of SKU ESPRESSO, basket has 1")
                .containsEntry("s1", "Store S1: needs store S1")
                .containsEntry("app", "App: needs channel app")
                .containsEntry("gold", "Gold: needs tier Gold, member is Silver")
                .containsEntry("staff", "Staff: needs member attribute 'segment' to match")
                .containsEntry("vip", "VIP: needs member tag 'vip'")
                .containsEntry("weekend", "Weekend: only on SATURDAY or SUNDAY, today is WEDNESDAY")
                .containsEntry("morning", "Morning: only from 07:00 until 10:00, now 12:00")
                .containsEntry("early", "Early June: only from 2024-06-01 to 2024-06-02")
                .containsEntry("bday", "Birthday: only on the member's birthday")
                .containsEntry("first", "Welcome: only on a member's first purchase")
                .containsEntry("loyal", "Loyal: needs at least 5 earlier purchases, member has 3")
                .containsEntry("christmas", "Christmas: outside the window of campaign 'Christmas' (" + XMAS_FROM
                        + " to " + XMAS_UNTIL + ")")
                .containsEntry("january", "January: outside the rule's validity dates (2024-01-01 to 2024-01-31)")
                .containsEntry("not-s2", "Not in S2: excluded: store S2")
                .containsEntry("either", "Either: one of: needs store S1; or basket 27.50 of 30.00 EUR needed")
                .containsEntry("two", "Two conditions: basket 27.50 of 28.00 EUR needed; needs channel app")
                .containsEntry("beans-double", "Double on beans: nothing earned for it to multiply");
        assertThat(String.join("\n", texts.values())).doesNotContain("student", "staff", "1990", "m-1");
        // closest first: single conditions before the two-condition rule, thresholds by the share missing
        // by the share missing (ties in rule order), then the other single conditions, then "two"
        assertThat(misses).extracting(NearMiss::ruleId).startsWith("big", "either", "pair", "beans")
                .endsWith("two"); // 2.50 of 30.00, the same on its closest alternative, 1 of 2, 10.00 of 10.00
        assertThat(misses).hasSize(20);
    }

    @Test
    void theJavaBuilderGivesTheSameNearMisses() {
        RuleContext c = quoted();
        assertThat(nearMisses(java(), c)).isEqualTo(nearMisses(ProgramText.parse(TEXT).ruleSet(), c));
    }

    @Test
    void typedValuesComeWithTheTexts() {
        Map<String, NearMiss> byRule = new LinkedHashMap<>();
        for (NearMiss m : nearMisses(java(), quoted())) {
            byRule.put(m.ruleId(), m);
        }
        Shortfall big = byRule.get("big").shortfalls().get(0);
        assertThat(big.kind()).isEqualTo(Kind.BASKET_TOTAL);
        assertThat(big.neededAmount()).contains(eur("30.00"));
        assertThat(big.actualAmount()).contains(eur("27.50"));
        assertThat(big.missingAmount()).contains(eur("2.50"));
        assertThat(big.missingShare()).contains(new BigDecimal("0.0834"));
        Shortfall pair = byRule.get("pair").shortfalls().get(0);
        assertThat(pair.kind()).isEqualTo(Kind.QUANTITY);
        assertThat(pair.neededUnits()).hasValue(2);
        assertThat(pair.actualUnits()).hasValue(1);
        Shortfall gold = byRule.get("gold").shortfalls().get(0);
        assertThat(gold.kind()).isEqualTo(Kind.TIER);
        assertThat(gold.neededValues()).containsExactly("Gold");
        assertThat(gold.actualValue()).contains("Silver");
        Shortfall store = byRule.get("s1").shortfalls().get(0);
        assertThat(store.neededValues()).containsExactly("S1");
        assertThat(store.actualValue()).contains("S2");
        assertThat(byRule.get("staff").shortfalls().get(0).actualValue()).isEmpty();
        Shortfall either = byRule.get("either").shortfalls().get(0);
        assertThat(either.kind()).isEqualTo(Kind.ANY_OF);
        assertThat(either.alternatives()).extracting(Shortfall::kind).containsExactly(Kind.STORE, Kind.BASKET_TOTAL);
        assertThat(either.missingShare()).contains(new BigDecimal("0.0834"));
        assertThat(byRule.get("two").shortfalls()).extracting(Shortfall::kind)
                .containsExactly(Kind.BASKET_TOTAL, Kind.CHANNEL);
        assertThat(byRule.get("two").single()).isFalse();
        assertThat(byRule.get("loyal").shortfalls().get(0).neededUnits()).hasValue(5);
        assertThat(byRule.get("christmas").shortfalls()).extracting(Shortfall::kind)
                .containsExactly(Kind.CAMPAIGN_WINDOW);
        assertThat(byRule.get("january").shortfalls()).extracting(Shortfall::kind).containsExactly(Kind.VALIDITY);
        assertThat(byRule.get("not-s2").shortfalls()).extracting(Shortfall::kind).containsExactly(Kind.EXCLUDED);
        assertThat(byRule.get("bday").shortfalls()).extracting(Shortfall::kind).containsExactly(Kind.BIRTHDAY);
    }

    @Test
    void anEventListsTheRulesOfItsTypeAndBasketConditionsNeedAPurchase() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("review", r -> r.name("Review").when(Conditions.allOf(Conditions.eventType("review"),
                        Conditions.eventAttribute("stars", "5"), Conditions.basketAtLeast(eur("1.00"))))
                        .award(Actions.fixed(stars(5))))
                .rule("signup", r -> r.when(Conditions.eventType("signup")).award(Actions.fixed(stars(5))))
                .rule("base", r -> r.award(Actions.perUnitSpent(stars(1), eur("1.00"))))
                .build();
        RuleContext c = new RuleContext(silver(), new MemberEvent("review", Map.of("stars", "3")), NOON,
                IdempotencyKey.of("e-1"), "v1");
        List<NearMiss> misses = nearMisses(rules, c);
        assertThat(texts(misses)).containsExactly(Map.entry("review",
                "Review: needs event attribute 'stars' to match; only on a purchase"));
        assertThat(misses.get(0).text()).doesNotContain("3");
    }

    @Test
    void aCapReachedABudgetSpentAndAnotherRuleOfTheGroupAreNamed() {
        Quotas quotas = Quotas.inMemory();
        Campaign summer = Campaign.of("summer", "Summer", Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z")).withBudget("STARS", 30);
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(summer)
                .exclusiveGroup("breakfast", GroupSelection.BEST)
                .rule("base", r -> r.name("Base").capPerMember("STARS", 10, CapPeriod.DAY)
                        .award(Actions.perUnitSpent(stars(1), eur("1.00"))))
                .rule("summer", r -> r.name("Summer bonus").campaign("summer").award(Actions.fixed(stars(30))))
                .rule("small", r -> r.name("Small breakfast").exclusiveGroup("breakfast").award(Actions.fixed(stars(3))))
                .rule("large", r -> r.name("Large breakfast").exclusiveGroup("breakfast").award(Actions.fixed(stars(7))))
                .rule("nothing", r -> r.name("Nothing").award(Actions.perUnitSpentOn(LineMatcher.category("tea"),
                        stars(1), eur("1.00"))))
                .build();
        RuleContext first = new RuleContext(silver(), basketOf("12.00"), NOON, IdempotencyKey.of("p-1"), "v1");
        assertThat(rules.evaluate(first).total("STARS")).isEqualTo(10 + 30 + 7);
        RuleContext second = new RuleContext(silver(), basketOf("12.00"), NOON, IdempotencyKey.of("p-2"), "v1");
        Map<String, String> texts = texts(nearMisses(rules, second));
        assertThat(texts).containsOnly(
                Map.entry("base", "Base: cap of 10 STARS per day reached"),
                Map.entry("summer", "Summer bonus: budget of campaign 'Summer' spent"),
                Map.entry("small", "Small breakfast: 'Large breakfast' applies instead (one of group 'breakfast')"),
                Map.entry("nothing", "Nothing: earns nothing on this basket"));
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(30); // nothing drawn by the quote
    }


    @Test
    void exclusionsLineMatchersAndTheRestAreSaidInWords() {
        Condition everyKind = Conditions.anyOf(Conditions.basketAtLeast(eur("100.00")),
                Conditions.spendAtLeast(LineMatcher.sku("A").or(LineMatcher.category("c")), eur("5.00")),
                Conditions.quantityAtLeast(LineMatcher.sku("A").and(LineMatcher.category("c")), 3),
                Conditions.channel("app"), Conditions.eventType("review"), Conditions.tier("Gold"),
                Conditions.attribute("segment", "staff"), Conditions.eventAttribute("stars", "5"), Conditions.tag("vip"),
                Conditions.daysOfWeek(DayOfWeek.MONDAY), Conditions.timeOfDay(LocalTime.of(1, 0), LocalTime.of(2, 0)),
                Conditions.dates(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2)), Conditions.birthdayMonth(),
                Conditions.purchasesSoFarAtMost(0), Condition.not(Conditions.store("S9")),
                Conditions.allOf(Conditions.store("S2"), ctx -> true));
        LineMatcher odd = line -> line.sku().startsWith("Z");
        RuleSet rules = RuleSet.builder(STARS)
                .rule("excluded", r -> r.name("Excluded").when(Condition.not(everyKind)).award(Actions.fixed(stars(1))))
                .rule("lines", r -> r.name("Lines").when(Conditions.anyLine(odd.or(LineMatcher.anyLine())
                        .and(LineMatcher.sku("Q")))).award(Actions.fixed(stars(1))))
                .rule("at-most", r -> r.name("At most").when(Conditions.purchasesSoFarAtMost(2))
                        .award(Actions.fixed(stars(1))))
                .rule("around", r -> r.name("Around").when(Conditions.birthdayWithin(3)).award(Actions.fixed(stars(1))))
                .rule("month", r -> r.name("Month").when(Conditions.birthdayMonth()).award(Actions.fixed(stars(1))))
                .rule("own", r -> r.name("Own").when(ctx -> false).award(Actions.fixed(stars(1))))
                .rule("web", r -> r.name("Web").when(Conditions.channel("web", "app")).award(Actions.fixed(stars(1))))
                .rule("both", r -> r.name("Both").when(Conditions.anyOf(Conditions.allOf(Conditions.store("S1"),
                        Conditions.tier("Gold")), Conditions.tag("vip"))).award(Actions.fixed(stars(1))))
                .build();
        RuleContext c = quoted();
        Map<String, String> texts = texts(nearMisses(rules, c));
        assertThat(texts).containsEntry("excluded", "Excluded: excluded: basket of at least 100.00 EUR or spend of at"
                + " least 5.00 EUR on SKU A or category c or 3 of SKU A and category c or channel app or event type review"
                + " or tier Gold or member attribute 'segment' or event attribute 'stars' or member tag 'vip' or on MONDAY"
                + " or from 01:00 until 02:00 or from 2020-01-01 to 2020-01-02 or the member's birthday or the member's count of purchases or not store"
                + " S9 or store S2 and the rule's own condition")
                .containsEntry("lines", "Lines: needs 1 of the rule's items or any item and SKU Q, basket has 0")
                .containsEntry("at-most", "At most: only up to 2 earlier purchases, member has 3")
                .containsEntry("around", "Around: only within 3 days of the member's birthday")
                .containsEntry("month", "Month: only in the member's birthday month")
                .containsEntry("own", "Own: the rule's own condition does not hold")
                .containsEntry("web", "Web: needs channel web or app")
                .containsEntry("both", "Both: one of: needs store S1 and needs tier Gold, member is Silver; or needs"
                        + " member tag 'vip'");
        assertThat(texts.get("excluded")).doesNotContain("staff", "student");

        RuleContext noTier = new RuleContext(MemberProfile.of(MemberId.of("m-2")), c.activity(), NOON,
                IdempotencyKey.of("q-2"), "v1");
        RuleSet gold = RuleSet.builder(STARS).rule("gold", r -> r.name("Gold").when(Conditions.tier("Gold"))
                .award(Actions.fixed(stars(1)))).build();
        NearMiss m = nearMisses(gold, noTier).get(0);
        assertThat(m.text()).isEqualTo("Gold: needs tier Gold, member is in no tier");
        assertThat(m.shortfalls().get(0).actualValue()).isEmpty();
    }

    @Test
    void onAnEventPurchaseConditionsNeedAPurchaseAndARuleWithoutAwardEarnsNothing() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("shop", r -> r.name("Shop").when(Conditions.allOf(Conditions.eventType("review"),
                        Conditions.store("S1"), Conditions.channel("app"), Conditions.firstPurchase(),
                        Conditions.spendAtLeast(LineMatcher.anyLine(), eur("1.00")),
                        Conditions.quantityAtLeast(LineMatcher.anyLine(), 1)))
                        .award(Actions.fixed(stars(1))))
                .rule("zero", r -> r.name("Zero").when(Conditions.eventType("review"))
                        .award(ctx -> List.of()))
                .build();
        RuleContext c = new RuleContext(silver(), new MemberEvent("review", Map.of()), NOON, IdempotencyKey.of("e-2"),
                "v1");
        Map<String, String> texts = texts(nearMisses(rules, c));
        assertThat(texts).containsOnly(
                Map.entry("zero", "Zero: earns nothing on this activity"),
                Map.entry("shop", "Shop: only on a purchase; only on a purchase; only on a purchase; only on a purchase;"
                        + " only on a purchase"));
    }

    @Test
    void aCapReachedWhileTheMemberStillHasRoomIsNamedByTheBudget() {
        Quotas quotas = Quotas.inMemory();
        Campaign spring = Campaign.of("spring", "Spring", Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z")).withBudget("STARS", 5);
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(spring)
                .rule("bonus", r -> r.name("Bonus").campaign("spring").capPerMember("STARS", 100, CapPeriod.DAY)
                        .award(Actions.fixed(stars(5))))
                .build();
        rules.evaluate(new RuleContext(silver(), basketOf("1.00"), NOON, IdempotencyKey.of("p-1"), "v1"));
        RuleContext next = new RuleContext(silver(), basketOf("1.00"), NOON, IdempotencyKey.of("p-2"), "v1");
        assertThat(texts(nearMisses(rules, next))).containsExactly(
                Map.entry("bonus", "Bonus: budget of campaign 'Spring' spent"));
    }

    private static Purchase basketOf(String price) {
        return Purchase.of("S1", "pos", List.of(BasketLine.of("L1", "ESPRESSO", "coffee", 1, eur(price))));
    }

    @Test
    void otherEnginesSayNothing() {
        RuleEngine engine = c -> Evaluation.NOTHING;
        assertThat(engine.nearMisses(quoted(), Evaluation.NOTHING)).isEmpty();
    }

    @Test
    void aBasketInAnotherCurrencySaysSo() {
        RuleSet rules = RuleSet.builder(STARS).rule("big", r -> r.name("Big").when(Conditions.basketAtLeast(eur("30.00")))
                .award(Actions.fixed(stars(5)))).build();
        RuleContext c = new RuleContext(silver(), Purchase.of("S1", "pos", List.of(BasketLine.of("L1", "X", "c", 1,
                Money.of("40.00", "GBP")))), NOON, IdempotencyKey.of("g-1"), "v1");
        NearMiss m = nearMisses(rules, c).get(0);
        assertThat(m.text()).isEqualTo("Big: basket is in GBP, needs 30.00 EUR");
        assertThat(m.shortfalls().get(0).missingAmount()).isEmpty();
        assertThat(m.shortfalls().get(0).missingShare()).isEmpty();
    }
}
