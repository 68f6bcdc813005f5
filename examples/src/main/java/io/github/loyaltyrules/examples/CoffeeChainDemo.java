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
import io.github.loyaltyrules.program.TierLookup;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo that the README's first command runs: a coffee chain's program over a simulated year.
 *
 * <p>Two members enrol; they buy coffee through the year (the clock is injected, so the run is the
 * same every time); one climbs to Gold and earns double stars on Tuesdays; she reserves a reward at
 * checkout and captures it; the other returns part of an order and lets his stars expire. At the end
 * each member's statement and the program's totals are printed.
 *
 * <p>The program: 2 stars per whole 1.00 of each line, doubled on Tuesdays for Gold members, 50 bonus
 * stars on a member's first purchase; stars expire 6 months after they were earned; a member is Gold
 * once they have 300 lifetime tier stars (a separate, non-redeemable currency); a drink costs 150 stars.
 */
public final class CoffeeChainDemo {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final PointCurrency STARS = PointCurrency.of("STAR", "Stars", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final PointCurrency TIER_STARS = PointCurrency.of("TIER", "Tier stars", 0);
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

    /**
     * Runs the demo, printing to the given stream.
     *
     * @param out where the story is printed
     * @return the ledger at the end, for tests to check
     */
    static Ledger run(PrintStream out) {
        Instant start = LocalDate.of(2026, 1, 5).atTime(8, 0).atZone(ZONE).toInstant();
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(start, ZONE))
                .currency(STARS).currency(TIER_STARS).build();
        TierLookup tiers = (member, at) -> Optional.of(
                ledger.balance(member, TIER_STARS, at).total() >= GOLD_THRESHOLD ? "Gold" : "Green");
        LoyaltyProgram program = LoyaltyProgram.of(ledger,
                ProgramVersion.of("coffee-2026.1", CoffeeChainDemo::evaluate,
                        List.of(Reward.of("drink", "Any handcrafted drink", STARS.points(150)))),
                tiers);

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
        out.println("Bob returns the mug (the basket's welcome bonus is shared over its lines by amount):\n"
                + indent(ret.render()));

        // Ada buys two lattes and a croissant every Tuesday of the year.
        int week = 0;
        boolean shownGold = false;
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(357))); t = t.plus(Duration.ofDays(7))) {
            week++;
            Instant tuesday = t.plus(Duration.ofDays(1)); // 5 Jan 2026 is a Monday
            String before = tiers.tierOf(ada, tuesday).orElseThrow();
            Receipt r = program.purchase(ada, Purchase.of("amsterdam-01", "pos", List.of(
                            BasketLine.of("1", "LATTE", "coffee", 2, Money.of("4.20", "EUR")),
                            BasketLine.of("2", "CROISSANT", "pastry", 1, Money.of("2.90", "EUR")))),
                    tuesday, IdempotencyKey.of("ada-week-" + week));
            if (week == 1) {
                out.println("Ada's first receipt:\n" + indent(r.render()));
            }
            String after = tiers.tierOf(ada, tuesday.plusSeconds(1)).orElseThrow();
            if (!before.equals(after)) {
                out.println("Week " + week + ": Ada is upgraded from " + before + " to " + after);
            }
            if (!shownGold && before.equals("Gold")) {
                shownGold = true;
                out.println("Week " + week + ", Ada's first Gold Tuesday:\n" + indent(r.render()));
            }
            if (week == 27) {
                checkout(program, ledger, ada, tuesday.plus(Duration.ofHours(2)), out);
            }
        }

        // The nightly sweep at year end expires what nobody used within six months.
        Instant yearEnd = LocalDate.of(2026, 12, 31).atTime(23, 0).atZone(ZONE).toInstant();
        ExpirySweep sweep = ledger.expire(yearEnd);
        out.println("Year-end expiry sweep: " + sweep.expired() + " expired over " + sweep.membersScanned()
                + " members");

        for (MemberId m : List.of(ada, bob)) {
            out.println("-- Statement of " + m.value() + " (tier "
                    + tiers.tierOf(m, yearEnd).orElseThrow() + ") --");
            long earnings = 0;
            long earned = 0;
            for (Entry e : ledger.statement(m)) {
                if (!e.currency().equals(STARS.code())) {
                    continue;
                }
                if (e.type() == EntryType.EARN) { // weekly earnings are summed up; everything else is listed
                    earnings++;
                    earned += e.amount();
                } else {
                    out.printf("  %s %-10s %+6d  %s%n", e.at().atZone(ZONE).toLocalDate(), e.type(), e.amount(),
                            e.reason());
                }
            }
            out.printf("  %d earnings, %+d stars in all%n", earnings, earned);
            out.println("  balance: " + describe(ledger.balance(m, STARS, yearEnd)));
        }
        long total = 0;
        for (MemberId m : List.of(ada, bob)) {
            total += ledger.balance(m, STARS, yearEnd).total();
        }
        out.println("Program totals: " + total + " stars outstanding, " + sweep.expired().getOrDefault("STAR", 0L)
                + " expired at year end");
        return ledger;
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

    /** The coffee chain's rules, written by hand against the rule SPI. */
    static Evaluation evaluate(RuleContext ctx) {
        if (!(ctx.activity() instanceof Purchase purchase)) {
            return Evaluation.NOTHING;
        }
        boolean goldTuesday = "Gold".equals(ctx.member().tier()) && ctx.at().getDayOfWeek() == DayOfWeek.TUESDAY;
        long multiplier = goldTuesday ? 2 : 1;
        Map<String, Long> shares = new LinkedHashMap<>();
        for (BasketLine line : purchase.lines()) {
            long wholeUnits = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), Math.multiplyExact(wholeUnits, 2 * multiplier));
        }
        long base = shares.values().stream().mapToLong(Long::longValue).sum();
        List<Award> awards = new ArrayList<>();
        if (base > 0) {
            awards.add(new Award("base", goldTuesday ? "Gold Tuesday double stars" : "Stars on your order",
                    STARS.code(), base, shares, new Explanation(purchase.total().toString(), "2 stars per 1.00",
                            goldTuesday ? "x2" : "", "floor per line", "")));
            awards.add(new Award("tier", "Tier stars", TIER_STARS.code(), base, shares,
                    new Explanation(purchase.total().toString(), "2 per 1.00", goldTuesday ? "x2" : "",
                            "floor per line", "")));
        }
        if (ctx.member().purchasesSoFar() == 0) {
            awards.add(new Award("welcome", "Welcome bonus", STARS.code(), 50, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    }

    private static String describe(Balance b) {
        return b.total() + " stars (" + b.available() + " available, " + b.reserved() + " reserved, " + b.pending()
                + " pending" + (b.expired() > 0 ? ", " + b.expired() + " expired and awaiting the sweep" : "") + ")";
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
