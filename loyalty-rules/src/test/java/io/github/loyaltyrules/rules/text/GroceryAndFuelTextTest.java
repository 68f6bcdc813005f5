package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grocery chain with fuel stations, its terms published as text: points on the amount net of
 * discounts, 1 point per 2 litres of fuel, double points paid with the store card, and 100 points once
 * for the coupon code WELCOME. The balances follow one member through a month of shopping and returns.
 */
class GroceryAndFuelTextTest {

    static final String TERMS = """
            program "fresh-and-fuel-2026";
            zone "Europe/Berlin";
            currency PTS "Points" decimals 0;

            rule base "1 point per 1.00 EUR on groceries, net of discounts"
              then earn 1 PTS per 1.00 EUR net of discounts on category in ("grocery", "deli");
            rule fuel "1 point per 2 litres of fuel"
              then earn 1 PTS per 2 L measured on category = "fuel";
            rule storecard "Double points paid with the store card"
              when tender = "STORECARD"
              then multiply PTS by 2;
            rule welcome "Coupon code WELCOME gives 100 points, once"
              when code = "WELCOME"
              then earn 100 PTS
              cap 100 PTS per member;
            """;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final MemberId ANN = MemberId.of("ann");

    private static Instant at(int day) {
        return LocalDateTime.of(2026, 11, day, 18, 0).atZone(BERLIN).toInstant();
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** 2 Nov: milk, 0.412 kg of cheese and two bags of coffee, 3.00 off the coffee and 4.00 off the order. */
    static Purchase firstShop() {
        return new Purchase(List.of(
                BasketLine.of("G1", "MILK", "grocery", 4, eur("1.25")),                               // 5.00
                BasketLine.measured("G2", "GOUDA", "deli", new BigDecimal("0.412"), "kg", eur("9.06")),
                BasketLine.of("G3", "COFFEE", "grocery", 2, eur("12.99"))),                           // 25.98
                "berlin-mitte", "pos", List.of(Tender.of("CASH", eur("33.04"))), java.util.Set.of("welcome", "SAVE4"),
                List.of(Discount.line("G3", eur("3.00")), Discount.order(eur("4.00"))));
    }

    /** 5 Nov: 42.37 litres of fuel and a chocolate bar, paid partly with the store card. */
    static Purchase fuelStop() {
        return new Purchase(List.of(
                BasketLine.measured("F1", "DIESEL", "fuel", new BigDecimal("42.37"), "L", eur("76.22")),
                BasketLine.of("F2", "CHOC", "grocery", 1, eur("2.49"))),
                "station-7", "pos", List.of(Tender.of("storecard", eur("50.00")), Tender.of("CASH", eur("28.71"))),
                java.util.Set.of(), List.of());
    }

    @Test
    void aMonthOfShoppingFuelCouponsAndReturns() {
        ParsedProgram parsed = ProgramText.parse(TERMS);
        Ledger.Builder lb = Ledger.builder().zone(parsed.zone()).clock(Clock.fixed(at(30), parsed.zone()));
        parsed.currencies().forEach(lb::currency);
        Ledger ledger = lb.build();
        PointCurrency pts = parsed.currency("PTS").orElseThrow();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, parsed.toVersion(), TierLookup.NONE);
        program.enrol(ANN, at(1));

        // 2 Nov: gross 40.04; net of the 3.00 line and 4.00 order discounts 33.04 -> 33; WELCOME 100
        Receipt first = program.purchase(ANN, firstShop(), at(2), IdempotencyKey.of("shop-1"));
        assertThat(first.total("PTS")).isEqualTo(133);
        assertThat(first.awards().get(0).explanation().base()).contains("net of discounts");
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(133);

        // 5 Nov: floor(42.37 / 2) = 21 for fuel, 2 for 2.49 of chocolate; doubled for the store card
        Receipt fuel = program.purchase(ANN, fuelStop(), at(5), IdempotencyKey.of("fuel-1"));
        assertThat(fuel.total("PTS")).isEqualTo(46);
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(179);

        // 9 Nov: WELCOME again, paid in cash: 12.50 -> 12, the coupon's 100 points were given once
        Purchase again = new Purchase(List.of(BasketLine.of("A1", "BREAD", "grocery", 5, eur("2.50"))),
                "berlin-mitte", "pos", List.of(Tender.of("CASH", eur("12.50"))), java.util.Set.of("WELCOME"), List.of());
        assertThat(program.purchase(ANN, again, at(9), IdempotencyKey.of("shop-2")).total("PTS")).isEqualTo(12);
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(191);

        // 12 Nov: one bag of coffee back: half of what the coffee line earned of each award
        Receipt coffeeBack = program.returnPurchase(ANN, IdempotencyKey.of("shop-1"), Map.of("G3", 1L), at(12),
                IdempotencyKey.of("ret-1"));
        Map<String, Long> byRule = byRule(coffeeBack);
        assertThat(byRule).containsEntry("base", shareOfUnits(first, "base", "G3", 1, 2))
                .containsEntry("welcome", shareOfUnits(first, "welcome", "G3", 1, 2));
        assertThat(byRule.get("base")).isEqualTo(10); // the coffee line earned 21 of the 33 on its 20.50 net
        assertThat(byRule.get("welcome")).isEqualTo(32); // and 65 of the 100 by its 25.98 gross
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(191 - 42);

        // 20 Nov: the fuel back (a measured line goes back whole): its 21 and the store card's 21 on it
        Receipt fuelBack = program.returnPurchase(ANN, IdempotencyKey.of("fuel-1"), Map.of("F1", 1L), at(20),
                IdempotencyKey.of("ret-2"));
        assertThat(fuelBack.total("PTS")).isEqualTo(42);
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(191 - 42 - 42);

        // 25 Nov: everything else of the first shop back: it takes back exactly what the shop earned
        program.returnPurchase(ANN, IdempotencyKey.of("shop-1"), Map.of("G1", 4L, "G2", 1L, "G3", 1L), at(25),
                IdempotencyKey.of("ret-3"));
        assertThat(ledger.balance(ANN, pts).total()).isEqualTo(191 - 133 - 42);
    }

    private static Map<String, Long> byRule(Receipt r) {
        Map<String, Long> out = new java.util.TreeMap<>();
        r.awards().forEach(a -> out.merge(a.ruleId(), a.amount(), Long::sum));
        return out;
    }

    private static long shareOfUnits(Receipt bought, String rule, String line, long units, long of) {
        long share = bought.awards().stream().filter(a -> a.ruleId().equals(rule))
                .mapToLong(a -> a.lineShares().getOrDefault(line, 0L)).sum();
        return share * units / of;
    }

    @Test
    void theSameTermsBuiltInJavaPrintAsThisText() {
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        RuleSet rules = RuleSet.builder(pts)
                .rule("base", r -> r.name("1 point per 1.00 EUR on groceries, net of discounts")
                        .award(Actions.perUnitSpentOn(LineMatcher.category("grocery", "deli"), pts.points(1),
                                eur("1.00"), EarningBase.NET)))
                .rule("fuel", r -> r.name("1 point per 2 litres of fuel")
                        .award(Actions.perMeasureOn(LineMatcher.category("fuel"), pts.points(1), new BigDecimal("2.0"),
                                "L")))
                .rule("storecard", r -> r.name("Double points paid with the store card")
                        .when(Conditions.paidWith("StoreCard"))
                        .multiply(new Multiplier("PTS", BigDecimal.valueOf(2), LineMatcher.anyLine())))
                .rule("welcome", r -> r.name("Coupon code WELCOME gives 100 points, once")
                        .when(Conditions.code("WELCOME"))
                        .award(Actions.fixed(pts.points(100)))
                        .capPerMember("PTS", 100, io.github.loyaltyrules.rules.CapPeriod.LIFETIME))
                .build();
        ProgramVersion version = ProgramVersion.of("fresh-and-fuel-2026", rules, List.of());
        String text = ProgramText.print(ProgramText.parse(TERMS));
        assertThat(ProgramText.print(version, BERLIN)).isEqualTo(text);
        assertThat(text).contains("earn 1 PTS per 1.00 EUR net of discounts on category in (\"deli\", \"grocery\")",
                "earn 1 PTS per 2 L measured on category = \"fuel\"", "when tender = \"STORECARD\"",
                "when code = \"WELCOME\"");
        assertThat(ProgramText.print(ProgramText.parse(text))).isEqualTo(text);
    }

    @Test
    void taxExcludedBasesAndThresholdsReadAndPrintBack() {
        String terms = """
                currency PTS "Points" decimals 0;
                rule base then earn 1 PTS per 1.00 EUR excluding tax;
                rule big when basket >= 50.00 EUR net of discounts excluding tax then earn 20 PTS;
                rule wine when spend on category = "wine" >= 20.00 EUR net of discounts then earn 5 PTS;
                rule cases "10 points per 3 bottles" then earn 10 PTS per 3 items on category = "wine";
                rule single then earn 1 PTS per 1 items on sku = "CORK";
                """;
        ParsedProgram p = ProgramText.parse(terms);
        String text = ProgramText.print(p);
        assertThat(text).contains("earn 1 PTS per 1.00 EUR excluding tax",
                "basket >= 50.00 EUR net of discounts excluding tax",
                "spend on category = \"wine\" >= 20.00 EUR net of discounts",
                "earn 10 PTS per 3 items on category = \"wine\"", "earn 1 PTS per item on sku = \"CORK\"");
        assertThat(ProgramText.print(ProgramText.parse(text))).isEqualTo(text);

        // 60.00 of wine with 12.00 tax in it and 5.00 off: base 48.00 ex tax -> 48; basket 55.00 * 48 / 60 = 44.00
        // net ex tax: no
        // bonus; wine 55.00 net -> 5; 4 bottles -> 1 step of 3 -> 10
        Purchase wine = new Purchase(List.of(BasketLine.of("W", "RIOJA", "wine", 4, eur("15.00")).withTax(eur("12.00"))),
                "s", "pos", List.of(), java.util.Set.of(), List.of(Discount.order(eur("5.00"))));
        var evaluation = p.toVersion().engine()
                .evaluate(Shop.context(Shop.member("m").build(), wine, Shop.at(6, 4, 12, 0)));
        assertThat(evaluation.awards()).extracting(a -> a.ruleId() + "=" + a.amount())
                .containsExactly("base=48", "wine=5", "cases=10");
    }
}
