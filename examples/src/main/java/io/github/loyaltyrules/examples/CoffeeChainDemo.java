package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.ExpirySweep;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierDowngraded;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierEvent;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierProgress;
import io.github.loyaltyrules.tier.TierRetained;
import io.github.loyaltyrules.tier.TierUpgraded;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The demo that the README's first command runs: a coffee chain's program over a simulated year,
 * and the year after it.
 *
 * <p>Two members enrol; they buy coffee through 2026 (the clock is injected, so the run is the same
 * every time); Ada climbs to Gold and earns double stars on Tuesdays; she reserves a reward at
 * checkout and captures it; Bob returns part of an order and lets his stars expire. At the close of
 * 2026 Ada keeps Gold (she qualified that year); in 2027 she only drops in once a month, so at the
 * close of 2027 she falls back to Green. Her progress is printed as a member app would show it, and
 * at the end each member's statement and the program's totals.
 *
 * <p>The program, run by the default rule engine ({@link RuleSet}): 2 stars per whole 1.00 of the
 * basket, and as many tier stars (a separate, non-redeemable currency); double stars on Tuesdays for
 * Gold members; 50 bonus stars on a member's first purchase. Stars expire 6 months after they were
 * earned; a drink costs 150 stars. The tier ladder: Green, and Gold from 300 tier stars in a calendar
 * year, kept through the next year (retention).
 */
public final class CoffeeChainDemo {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final PointCurrency STARS = PointCurrency.of("STAR", "Stars", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final PointCurrency TIER_STARS = PointCurrency.of("TIER", "Tier stars", 0);
    static final Metric QUALIFYING = Metric.points(TIER_STARS);
    static final long GOLD_THRESHOLD = 300;

    private CoffeeChainDemo() {
    }

    /**
     * Runs the demo and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /** The coffee chain's rules, on the default engine. */
    static RuleSet rules() {
        return RuleSet.builder(STARS, TIER_STARS)
                .tiers("Green", "Gold")
                .rule("base", r -> r.name("2 stars per 1.00").award(
                        Actions.perUnitSpent(STARS.points(2), Money.of("1.00", "EUR")),
                        Actions.perUnitSpent(TIER_STARS.points(2), Money.of("1.00", "EUR"))))
                .rule("gold-tuesday", r -> r.name("Double stars on Tuesdays for Gold")
                        .when(Conditions.tier("Gold").and(Conditions.daysOfWeek(DayOfWeek.TUESDAY)))
                        .multiply(Multiplier.of(STARS.code(), BigDecimal.valueOf(2))))
                .rule("welcome", r -> r.name("Welcome bonus").priority(10)
                        .when(Conditions.firstPurchase()).award(Actions.fixed(STARS.points(50))))
                .build();
    }

    /** The tier ladder: Gold from 300 tier stars per calendar year, kept through the next year. */
    static TierLadder ladder() {
        return TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear()).metrics(QUALIFYING)
                .retention(true)
                .tier(Tier.of("Green"))
                .tier(Tier.of("Gold").withThreshold(QUALIFYING, GOLD_THRESHOLD).withPerks("free-refills"))
                .build();
    }

    /**
     * Runs the demo, printing to the given stream.
     *
     * @param out where the story is printed
     * @return the program at the end, for tests to check
     */
    static LoyaltyProgram run(PrintStream out) {
        Instant start = LocalDate.of(2026, 1, 5).atTime(8, 0).atZone(ZONE).toInstant();
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(start, ZONE))
                .currency(STARS).currency(TIER_STARS).build();
        TierEngine tiers = TierEngine.of(ladder(), event -> out.println("  [tier] " + describe(event)));
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("coffee-2026.1", rules(),
                List.of(Reward.of("drink", "Any handcrafted drink", STARS.points(150)))), tiers);

        MemberId ada = MemberId.of("ada");
        MemberId bob = MemberId.of("bob");
        program.enrol(ada, start);
        program.enrol(bob, start);
        out.println("== Coffee chain: a year of two members (program " + program.version().id() + ") ==");

        // Bob orders beans online in January and returns the mug, then is never seen again.
        Instant jan = start.plus(Duration.ofDays(3));
        IdempotencyKey bobOrder = IdempotencyKey.of("bob-order-1");
        Receipt bobs = program.purchase(bob, Purchase.of("web", "online", List.of(
                BasketLine.of("1", "BEANS-ETHIOPIA", "beans", 2, Money.of("14.50", "EUR")),
                BasketLine.of("2", "MUG", "merch", 1, Money.of("9.99", "EUR")))), jan, bobOrder);
        out.println("Bob's online order:\n" + indent(bobs.render()));
        Receipt ret = program.returnPurchase(bob, bobOrder, Map.of("2", 1L), jan.plus(Duration.ofDays(2)),
                IdempotencyKey.of("bob-return-1"));
        out.println("Bob returns the mug (each award is shared over the basket's lines by amount):\n"
                + indent(ret.render()));

        // Ada buys two lattes and a croissant every Tuesday of 2026.
        int week = 0;
        boolean shownGold = false;
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(357))); t = t.plus(Duration.ofDays(7))) {
            week++;
            Instant tuesday = t.plus(Duration.ofDays(1)); // 5 Jan 2026 is a Monday
            boolean gold = tiers.tierAt(ada, tuesday).name().equals("Gold");
            Receipt r = program.purchase(ada, adasUsual(), tuesday, IdempotencyKey.of("ada-week-" + week));
            if (week == 1) {
                out.println("Ada's first receipt:\n" + indent(r.render()));
            }
            if (!shownGold && gold) {
                shownGold = true;
                out.println("Week " + week + ", Ada's first Gold Tuesday:\n" + indent(r.render()));
            }
            if (week == 27) {
                checkout(program, ledger, ada, tuesday.plus(Duration.ofHours(2)), out);
            }
        }
        printProgress(out, tiers.progress(ada, start.plus(Duration.ofDays(300))));

        // The nightly jobs at the end of 2026: expiry sweep, then the tier assessment at the year close.
        Instant close2026 = LocalDate.of(2027, 1, 1).atStartOfDay(ZONE).toInstant();
        ExpirySweep sweep = ledger.expire(close2026.minus(Duration.ofHours(1)));
        out.println("Year-end expiry sweep: " + sweep.expired() + " expired over " + sweep.membersScanned()
                + " members");
        out.println("Tier assessment at the close of 2026:");
        tiers.assessTiers(close2026);
        printProgress(out, tiers.progress(ada, close2026));

        // 2027: Ada only drops in on the first Tuesday of each month; not enough to qualify again.
        for (int month = 1; month <= 12; month++) {
            LocalDate firstTuesday = LocalDate.of(2027, month, 1);
            while (firstTuesday.getDayOfWeek() != DayOfWeek.TUESDAY) {
                firstTuesday = firstTuesday.plusDays(1);
            }
            program.purchase(ada, adasUsual(), firstTuesday.atTime(8, 30).atZone(ZONE).toInstant(),
                    IdempotencyKey.of("ada-2027-" + month));
        }
        Instant close2027 = LocalDate.of(2028, 1, 1).atStartOfDay(ZONE).toInstant();
        printProgress(out, tiers.progress(ada, close2027.minus(Duration.ofDays(1))));
        ExpirySweep sweep2 = ledger.expire(close2027.minus(Duration.ofHours(1)));
        out.println("Year-end expiry sweep: " + sweep2.expired() + " expired over " + sweep2.membersScanned()
                + " members");
        out.println("Tier assessment at the close of 2027:");
        tiers.assessTiers(close2027);
        printProgress(out, tiers.progress(ada, close2027));

        Instant end = close2027.minus(Duration.ofHours(1));
        for (MemberId m : List.of(ada, bob)) {
            out.println("-- Statement of " + m.value() + " (tier " + tiers.tierAt(m, close2027).name() + ") --");
            long earnings = 0;
            long earned = 0;
            long expiries = 0;
            long expired = 0;
            for (Entry e : ledger.statement(m)) {
                if (!e.currency().equals(STARS.code())) {
                    continue;
                }
                if (e.type() == EntryType.EARN) { // earnings and expiries are summed up; everything else is listed
                    earnings++;
                    earned += e.amount();
                } else if (e.type() == EntryType.EXPIRY) {
                    expiries++;
                    expired += e.amount();
                } else {
                    out.printf("  %s %-10s %+6d  %s%n", e.at().atZone(ZONE).toLocalDate(), e.type(), e.amount(),
                            e.reason());
                }
            }
            out.printf("  %d earnings, %+d stars in all; %d lots expired, %+d stars%n", earnings, earned, expiries,
                    expired);
            out.println("  balance: " + describe(ledger.balance(m, STARS, end)));
        }
        long total = 0;
        for (MemberId m : List.of(ada, bob)) {
            total += ledger.balance(m, STARS, end).total();
        }
        out.println("Program totals: " + total + " stars outstanding, "
                + (sweep.expired().getOrDefault(STARS.code(), 0L) + sweep2.expired().getOrDefault(STARS.code(), 0L))
                + " expired at the two year ends");
        return program;
    }

    /** Two lattes and a croissant: 11.30 EUR. */
    private static Purchase adasUsual() {
        return Purchase.of("amsterdam-01", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 2, Money.of("4.20", "EUR")),
                BasketLine.of("2", "CROISSANT", "pastry", 1, Money.of("2.90", "EUR"))));
    }

    /** Ada reserves a drink at checkout; the payment goes through and the reservation is captured. */
    private static void checkout(LoyaltyProgram program, Ledger ledger, MemberId ada, Instant at, PrintStream out) {
        IdempotencyKey hold = IdempotencyKey.of("ada-checkout-hold");
        program.reserve(ada, STARS.points(150), Duration.ofMinutes(15), at, hold, "drink at checkout");
        out.println("Ada reserves 150 stars at checkout: " + describe(ledger.balance(ada, STARS, at.plusSeconds(1))));
        program.capture(ada, hold, at.plusSeconds(60), IdempotencyKey.of("ada-checkout-capture"));
        out.println("Payment succeeded, reservation captured: "
                + describe(ledger.balance(ada, STARS, at.plusSeconds(61))));
        program.redeemReward(ada, "drink", at.plusSeconds(120), IdempotencyKey.of("ada-reward-1"));
        out.println("Ada redeems a drink reward: " + describe(ledger.balance(ada, STARS, at.plusSeconds(121))));
    }

    /** Prints what Ada's app shows: tier, kept until, this year's tier stars, what is missing for the next tier. */
    private static void printProgress(PrintStream out, TierProgress p) {
        StringBuilder sb = new StringBuilder("Progress of " + p.member().value() + " on "
                + p.asOf().atZone(ZONE).toLocalDate() + ": " + p.tier().name());
        p.keptUntil().ifPresent(k -> sb.append(" (kept until ").append(k.atZone(ZONE).toLocalDate()).append(')'));
        sb.append("; ").append(p.values().get(QUALIFYING).toPlainString()).append(" tier stars this year");
        p.nextTier().ifPresent(n -> {
            sb.append("; ").append(p.needed().get(QUALIFYING).toPlainString()).append(" more for ").append(n.name());
            p.deadline().ifPresent(d -> sb.append(" by ").append(d.atZone(ZONE).toLocalDate()));
        });
        out.println(sb);
    }

    private static String describe(TierEvent event) {
        if (event instanceof TierUpgraded u) {
            return u.change().member().value() + " upgraded from " + u.change().from() + " to " + u.change().to()
                    + " on " + u.change().at().atZone(ZONE).toLocalDate() + " (" + u.change().reason() + ")";
        }
        if (event instanceof TierDowngraded d) {
            return d.change().member().value() + " downgraded from " + d.change().from() + " to " + d.change().to()
                    + " on " + d.change().at().atZone(ZONE).toLocalDate() + " (" + d.change().reason() + ")";
        }
        TierRetained r = (TierRetained) event;
        return r.member().value() + " retained " + r.tier() + " on " + r.at().atZone(ZONE).toLocalDate() + " ("
                + r.reason() + ")";
    }

    private static String describe(Balance b) {
        return b.total() + " stars (" + b.available() + " available, " + b.reserved() + " reserved, " + b.pending()
                + " pending" + (b.expired() > 0 ? ", " + b.expired() + " expired and awaiting the sweep" : "") + ")";
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
