package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Action;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.GroupSelection;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.MultiplierStacking;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of rule sets built with the Java builders and factories, and of activities to evaluate them on. */
final class JavaPrograms {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final List<String> TIERS = List.of("Green", "Gold", "Reserve");
    static final List<String> SKUS = List.of("LATTE", "CROISSANT", "ICED-LATTE", "MUG");
    static final List<String> CATEGORIES = List.of("coffee", "pastry", "iced", "merch");

    private JavaPrograms() {
    }

    static PointCurrency stars(ExpiryPolicy expiry, int holdDays) {
        return PointCurrency.of("STARS", "Stars \"gold\"", 0).withExpiry(expiry).withHold(Period.ofDays(holdDays));
    }

    static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 2)
            .withExpiry(ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, 2).withInactivity(Period.ofMonths(18)))
            .withActivity(EnumSet.of(PostingType.EARN, PostingType.ADJUST_CREDIT))
            .withConsumptionOrder(io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST);

    static Arbitrary<ExpiryPolicy> expiry() {
        return Arbitraries.oneOf(Arbitraries.just(ExpiryPolicy.never()),
                Arbitraries.integers().between(1, 36).map(m -> ExpiryPolicy.afterTerm(Period.ofMonths(m))),
                Combinators.combine(Arbitraries.of(CalendarPeriod.values()), Arbitraries.integers().between(0, 4))
                        .as(ExpiryPolicy::endOfPeriod),
                Combinators.combine(Arbitraries.of(CalendarPeriod.values()), Programs.anchor().filter(a -> a != null),
                        Arbitraries.integers().between(0, 4)).as(ExpiryPolicy::endOfPeriod));
    }

    static Arbitrary<LineMatcher> matcher(int depth) {
        Arbitrary<LineMatcher> atom = Arbitraries.oneOf(
                Arbitraries.of(SKUS).list().uniqueElements().ofMinSize(1).ofMaxSize(2)
                        .map(l -> LineMatcher.sku(l.toArray(new String[0]))),
                Arbitraries.of(CATEGORIES).list().uniqueElements().ofMinSize(1).ofMaxSize(2)
                        .map(l -> LineMatcher.category(l.toArray(new String[0]))));
        if (depth == 0) {
            return atom;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, atom),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(LineMatcher.anyLine())),
                net.jqwik.api.Tuple.of(2, Combinators.combine(matcher(depth - 1), matcher(depth - 1)).as(LineMatcher::or)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(matcher(depth - 1), matcher(depth - 1)).as(LineMatcher::and)));
    }

    static Arbitrary<Money> eur(int min, int max) {
        return Arbitraries.integers().between(min, max).map(c -> Money.of(BigDecimal.valueOf(c, 2).toPlainString(), "EUR"));
    }

    static Arbitrary<Condition> condition(int depth) {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 365).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        List<Arbitrary<? extends Condition>> atoms = List.of(
                Arbitraries.of(CATEGORIES).map(Conditions::category),
                Arbitraries.of(SKUS).map(Conditions::sku),
                Arbitraries.of("S1", "S2").map(Conditions::store),
                Arbitraries.of("pos", "web").map(Conditions::channel),
                Arbitraries.of("purchase", "review").map(Conditions::eventType),
                Arbitraries.just(Conditions.purchase()),
                Combinators.combine(matcher(1), Arbitraries.longs().between(1, 4)).as(Conditions::quantityAtLeast),
                matcher(1).map(Conditions::anyLine),
                Combinators.combine(matcher(1), eur(0, 2000)).as(Conditions::spendAtLeast),
                eur(0, 3000).map(Conditions::basketAtLeast),
                Combinators.combine(matcher(1), eur(0, 2000), Arbitraries.of(EarningBase.class))
                        .as(Conditions::spendAtLeast),
                Combinators.combine(eur(0, 3000), Arbitraries.of(EarningBase.class)).as(Conditions::basketAtLeast),
                Arbitraries.of("WELCOME", "spring").map(Conditions::code),
                Arbitraries.of("STORECARD", "cash").map(Conditions::paidWith),
                Arbitraries.of(DayOfWeek.values()).list().uniqueElements().ofMinSize(1).ofMaxSize(3)
                        .map(l -> Conditions.daysOfWeek(l.toArray(new DayOfWeek[0]))),
                Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(1, 12))
                        .as((h, n) -> Conditions.timeOfDay(LocalTime.of(h, 15), LocalTime.of(h + n, 0))),
                Combinators.combine(day, Arbitraries.integers().between(0, 60))
                        .as((d, n) -> Conditions.dates(d, d.plusDays(n))),
                Arbitraries.of(TIERS).list().uniqueElements().ofMinSize(1).ofMaxSize(2)
                        .map(l -> Conditions.tier(l.toArray(new String[0]))),
                Arbitraries.of("staff", "vip").map(Conditions::tag),
                Arbitraries.of("Paris", "Lyon").map(v -> Conditions.attribute("city", v)),
                Arbitraries.of("5", "4").map(v -> Conditions.eventAttribute("stars", v)),
                Arbitraries.just(Conditions.birthdayToday()),
                Arbitraries.just(Conditions.birthdayMonth()),
                Arbitraries.integers().between(0, 5).map(Conditions::birthdayWithin),
                Arbitraries.just(Conditions.firstPurchase()),
                Arbitraries.longs().between(0, 3).map(Conditions::purchasesSoFarAtLeast),
                Arbitraries.longs().between(0, 3).map(Conditions::purchasesSoFarAtMost),
                Arbitraries.just(Conditions.always()));
        Arbitrary<Condition> atom = Arbitraries.oneOf(atoms);
        if (depth == 0) {
            return atom;
        }
        Arbitrary<Condition> sub = condition(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, atom),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Condition::and)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Condition::or)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(1).ofMaxSize(3)
                        .map(l -> Conditions.allOf(l.toArray(new Condition[0])))),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(1).ofMaxSize(3)
                        .map(l -> Conditions.anyOf(l.toArray(new Condition[0])))),
                net.jqwik.api.Tuple.of(1, sub.map(Condition::not)));
    }

    static Arbitrary<Points> points(PointCurrency c) {
        return Arbitraries.longs().between(1, 500).map(c::points);
    }

    static Arbitrary<Action> action(PointCurrency stars) {
        Arbitrary<PointCurrency> cur = Arbitraries.of(stars, MILES);
        Arbitrary<Action> one = Arbitraries.oneOf(
                cur.flatMap(JavaPrograms::points).map(Actions::fixed),
                Combinators.combine(cur.flatMap(JavaPrograms::points), eur(1, 500)).as(Actions::perUnitSpent),
                Combinators.combine(matcher(1), cur.flatMap(JavaPrograms::points), eur(1, 500)).as(Actions::perUnitSpentOn),
                Combinators.combine(matcher(1), cur.flatMap(JavaPrograms::points)).as(Actions::perItem),
                Combinators.combine(matcher(1), cur.flatMap(JavaPrograms::points), eur(1, 500),
                        Arbitraries.of(EarningBase.class)).as(Actions::perUnitSpentOn),
                Combinators.combine(matcher(1), cur.flatMap(JavaPrograms::points),
                        Arbitraries.integers().between(1, 5000).map(k -> BigDecimal.valueOf(k, 3)),
                        Arbitraries.of("L", "kg")).as(Actions::perMeasureOn),
                Combinators.combine(matcher(1), cur.flatMap(JavaPrograms::points), Arbitraries.longs().between(1, 6))
                        .as(Actions::perItemsOn));
        return Arbitraries.oneOf(one, one.list().ofMinSize(1).ofMaxSize(2).map(l -> Actions.all(l.toArray(new Action[0]))));
    }

    static Arbitrary<Multiplier> multiplier() {
        Arbitrary<BigDecimal> factor = Arbitraries.integers().between(1, 3000).map(k -> BigDecimal.ONE.add(BigDecimal.valueOf(k, 3)));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("STARS", "MILES"), factor).as(Multiplier::of),
                Combinators.combine(matcher(1), Arbitraries.of("STARS", "MILES"), factor).as(Multiplier::on),
                Arbitraries.of("STARS", "MILES").map(Multiplier::ofTier),
                Combinators.combine(matcher(1), Arbitraries.of("STARS", "MILES"))
                        .as((m, c) -> new Multiplier(c, BigDecimal.ONE, m, true)));
    }

    /** A rule spec: builds one rule of a generated kind with generated parts. */
    static Arbitrary<Rule> rule(int index, PointCurrency stars) {
        Arbitrary<Boolean> isMultiplier = Arbitraries.of(false, false, false, true);
        return isMultiplier.flatMap(mult -> Combinators.combine(
                Arbitraries.integers().between(-3, 3),
                condition(2).injectNull(0.2),
                mult ? multiplier().map(List::<Object>of) : action(stars).list().ofMinSize(1).ofMaxSize(2).map(l -> List.<Object>copyOf(l)),
                Arbitraries.of(0, 1, 2).map(k -> k == 0 ? null : mult ? "g-first" : "g-best"),
                Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 200))
                .as((priority, when, what, group, inCampaign, caps, valid) -> {
                    Rule.Builder b = Rule.builder("r-" + index).priority(priority);
                    if (index % 2 == 0) {
                        b.name("Rule number " + index + " \u00e9");
                    }
                    if (when != null) {
                        b.when(when);
                    }
                    for (Object o : what) {
                        if (o instanceof Multiplier m) {
                            b.multiply(m);
                        } else {
                            b.award((Action) o);
                        }
                    }
                    if (group != null) {
                        b.exclusiveGroup(group);
                    }
                    if (inCampaign) {
                        b.campaign("summer");
                    }
                    if ((caps & 1) != 0) {
                        b.capPerTransaction("STARS", 40 + index);
                    }
                    if ((caps & 2) != 0) {
                        b.capPerMember("MILES", 5000 + index, CapPeriod.values()[index % CapPeriod.values().length]);
                    }
                    if (valid > 150) {
                        LocalDate from = LocalDate.of(2024, 1, 1).plusDays(valid);
                        b.validBetween(from, from.plusDays(40));
                    }
                    return b.build();
                }));
    }

    static Arbitrary<RuleSet> ruleSet() {
        return Combinators.combine(expiry(), Arbitraries.integers().between(0, 30),
                Arbitraries.of(MultiplierStacking.values()), Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .flatAs((exp, hold, stacking, n, seed) -> {
                    PointCurrency stars = stars(exp, hold);
                    List<Arbitrary<Rule>> rules = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        rules.add(rule(k, stars));
                    }
                    return Combinators.combine(rules).as(rs -> {
                        RuleSet.Builder b = RuleSet.builder(stars, MILES).multipliers(stacking)
                                .tiers(TIERS.toArray(new String[0])).memberAttributes("city")
                                .exclusiveGroup("g-best", GroupSelection.BEST)
                                .exclusiveGroup("g-first", GroupSelection.FIRST)
                                .campaign(Campaign.of("summer", "Summer \"sale\"",
                                        LocalDateTime.of(2024, 6, 1, 0, 0).atZone(ZONE).toInstant(),
                                        LocalDateTime.of(2024, 9, 1, 18, 30).atZone(ZONE).toInstant())
                                        .withBudget("STARS", 300));
                        rs.forEach(b::add);
                        return b.build();
                    });
                });
    }

    /**
     * The purchase with tenders, codes, a discount off its first line and off the order (their sizes from
     * {@code cents}; which of them from {@code shape}), tax on its lines, and its first line measured
     * in litres or kilograms when {@code measured} is 1 or 2.
     */
    static Purchase withPaymentAndDiscounts(Purchase p, int cents, EarningBase shape, Set<String> codes,
            Set<String> methods, int measured) {
        List<BasketLine> lines = new ArrayList<>();
        for (BasketLine l : p.lines()) {
            BasketLine line = l;
            if (lines.isEmpty() && measured > 0) {
                line = BasketLine.measured(l.lineId(), l.sku(), l.category(),
                        BigDecimal.valueOf(cents + 1L, 3), measured == 1 ? "L" : "kg", l.amount());
            }
            lines.add(shape.excludingTax() ? line.withTaxRate(new BigDecimal("0.19")) : line);
        }
        Money first = lines.get(0).amount();
        Money lineOff = Money.of(BigDecimal.valueOf(Math.min(cents, first.amount().movePointRight(2).longValue()), 2),
                first.currency());
        List<io.github.loyaltyrules.rule.Discount> discounts = new ArrayList<>();
        if (!lineOff.isZero()) {
            discounts.add(io.github.loyaltyrules.rule.Discount.line(lines.get(0).lineId(), lineOff));
        }
        Money left = p.total().minus(lineOff);
        Money orderOff = Money.of(left.amount().divide(BigDecimal.valueOf(shape.netOfDiscounts() ? 3 : 7), 2,
                java.math.RoundingMode.FLOOR), left.currency());
        if (!orderOff.isZero()) {
            discounts.add(io.github.loyaltyrules.rule.Discount.order(orderOff));
        }
        List<io.github.loyaltyrules.rule.Tender> tenders = new ArrayList<>();
        for (String m : methods) {
            tenders.add(io.github.loyaltyrules.rule.Tender.of(m, p.total()));
        }
        return new Purchase(lines, p.store(), p.channel(), tenders, codes, discounts);
    }

    static Arbitrary<RuleContext> context() {
        Arbitrary<BasketLine> line = Combinators.combine(Arbitraries.integers().between(0, SKUS.size() - 1),
                Arbitraries.longs().between(1, 4), Arbitraries.integers().between(1, 1500))
                .as((k, q, cents) -> BasketLine.of("L", SKUS.get(k), CATEGORIES.get(k), q,
                        Money.of(BigDecimal.valueOf(cents, 2).toPlainString(), "EUR")));
        Arbitrary<Activity> purchase = Combinators.combine(line.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of("S1", "S2"), Arbitraries.of("pos", "web")).as((ls, store, channel) -> {
                    List<BasketLine> numbered = new ArrayList<>();
                    for (int k = 0; k < ls.size(); k++) {
                        BasketLine l = ls.get(k);
                        numbered.add(BasketLine.of("L" + k, l.sku(), l.category(), l.quantity(), l.unitPrice()));
                    }
                    return Purchase.of(store, channel, numbered);
                });
        Arbitrary<Activity> paid = Combinators.combine(purchase, Arbitraries.integers().between(0, 1500),
                Arbitraries.of(EarningBase.class), Arbitraries.subsetOf("WELCOME", "SPRING"),
                Arbitraries.subsetOf("STORECARD", "CASH"), Arbitraries.integers().between(0, 3))
                .as((a, cents, shape, codes, methods, measured) -> withPaymentAndDiscounts((Purchase) a, cents, shape,
                        codes, methods, measured));
        Arbitrary<Activity> review = Arbitraries.of("5", "4").map(v -> new MemberEvent("review", Map.of("stars", v)));
        Arbitrary<MemberProfile> member = Combinators.combine(Arbitraries.of(TIERS).injectNull(0.2),
                Arbitraries.of(Set.<String>of(), Set.of("staff")), Arbitraries.of(Map.<String, String>of(), Map.of("city", "Paris")),
                Arbitraries.integers().between(0, 365).map(d -> LocalDate.of(1990, 1, 1).plusDays(d)).injectNull(0.3),
                Arbitraries.longs().between(0, 3), Arbitraries.of(BigDecimal.ONE, new BigDecimal("1.5")))
                .as((tier, tags, attrs, birthday, n, mult) -> new MemberProfile(MemberId.of("m"), tier, tags, attrs,
                        birthday, n, mult, Set.of()));
        Arbitrary<LocalDateTime> at = Combinators.combine(Arbitraries.integers().between(0, 365),
                Arbitraries.integers().between(0, 24 * 60 - 1))
                .as((d, m) -> LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(d).plusMinutes(m));
        return Combinators.combine(member, Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, purchase),
                net.jqwik.api.Tuple.of(5, paid),
                net.jqwik.api.Tuple.of(1, review)), at)
                .as((m, a, t) -> new RuleContext(m, a, t.atZone(ZONE), IdempotencyKey.of("k"), "v1"));
    }
}
