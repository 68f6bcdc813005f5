package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An e-commerce order flow: points on a multi-line order are pending during the 30-day return
 * window, a partial refund claws back exactly what the returned units earned, and what is left
 * becomes spendable when the window closes.
 *
 * <p>The shop's currency is {@code PointCurrency.withHold(Period.ofDays(30))}: an earning is
 * booked at once (the member sees it as pending) but cannot be redeemed until its hold is over,
 * so points on goods that are sent back are never spent. The program: 1 point per whole 1.00 of
 * each line, and 100 bonus points on an order of 150.00 or more, which the library shares out over
 * the lines by amount, so a return takes back its part of the bonus too.
 */
public final class OnlineOrderFlow {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Period RETURN_WINDOW = Period.ofDays(30);
    static final PointCurrency POINTS = PointCurrency.of("PTS", "Shop points", 0)
            .withHold(RETURN_WINDOW)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(24)));
    static final Money BONUS_THRESHOLD = Money.of("150.00", "EUR");
    static final long BONUS = 100;

    /** When the order is placed. */
    static final Instant ORDERED = LocalDate.of(2026, 5, 4).atTime(10, 0).atZone(ZONE).toInstant();
    /** When the refund is made, twelve days later. */
    static final Instant REFUNDED = ORDERED.plus(Duration.ofDays(12));

    private OnlineOrderFlow() {
    }

    /**
     * Runs the order flow and prints it to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the order flow, printing to the given stream.
     *
     * @param out where the flow is printed
     * @return the ledger at the end, for tests to check
     */
    static Ledger run(PrintStream out) {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(ORDERED, ZONE)).currency(POINTS).build();
        LoyaltyProgram shop = LoyaltyProgram.of(ledger, ProgramVersion.of("shop-2026.2", OnlineOrderFlow::evaluate,
                List.of(Reward.of("voucher-5", "5.00 EUR voucher", POINTS.points(250)))), TierLookup.NONE);
        MemberId chloe = MemberId.of("chloe");
        shop.enrol(chloe, ORDERED.minus(Duration.ofDays(40)));
        out.println("== Online order with a 30-day return window (program " + shop.version().id() + ") ==");

        IdempotencyKey order = IdempotencyKey.of("order-100234");
        Receipt receipt = shop.purchase(chloe, Purchase.of("webshop", "online", List.of(
                BasketLine.of("1", "HEADPHONES-X2", "audio", 1, Money.of("199.00", "EUR")),
                BasketLine.of("2", "USB-C-CABLE", "accessories", 3, Money.of("9.99", "EUR")),
                BasketLine.of("3", "CASE-SLIM", "accessories", 2, Money.of("24.50", "EUR")))), ORDERED, order);
        out.println(day(ORDERED) + " order " + order + " placed:\n" + indent(receipt.render()));
        out.println("  balance: " + describe(ledger.balance(chloe, POINTS, ORDERED)));

        try {
            shop.redeemReward(chloe, "voucher-5", ORDERED.plus(Duration.ofDays(1)), IdempotencyKey.of("voucher-1"));
        } catch (InsufficientPointsException e) {
            out.println(day(ORDERED.plus(Duration.ofDays(1))) + " a voucher is refused while the points are pending: "
                    + e.getMessage());
        }

        Receipt refund = shop.returnPurchase(chloe, order, Map.of("2", 2L, "3", 1L), REFUNDED,
                IdempotencyKey.of("refund-100234-1"));
        out.println(day(REFUNDED) + " partial refund (2 of 3 cables, 1 of 2 cases) takes back:\n"
                + indent(refund.render()));
        out.println("  balance: " + describe(ledger.balance(chloe, POINTS, REFUNDED)));

        Instant lastDay = ORDERED.atZone(ZONE).plus(RETURN_WINDOW).toInstant().minusSeconds(1);
        Instant released = ORDERED.atZone(ZONE).plus(RETURN_WINDOW).toInstant();
        out.println(day(lastDay) + " the return window is still open: " + describe(ledger.balance(chloe, POINTS, lastDay)));
        out.println(day(released) + " the window has closed:          "
                + describe(ledger.balance(chloe, POINTS, released)));

        Instant spend = released.plus(Duration.ofHours(2));
        shop.redeemReward(chloe, "voucher-5", spend, IdempotencyKey.of("voucher-2"));
        out.println(day(spend) + " a 5.00 EUR voucher for 250 points: " + describe(ledger.balance(chloe, POINTS, spend)));
        return ledger;
    }

    /** The shop's rules, written by hand against the rule SPI. */
    static Evaluation evaluate(RuleContext ctx) {
        if (!(ctx.activity() instanceof Purchase purchase)) {
            return Evaluation.NOTHING;
        }
        Map<String, Long> shares = new LinkedHashMap<>();
        long base = 0;
        for (BasketLine line : purchase.lines()) {
            long points = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), points);
            base = Math.addExact(base, points);
        }
        Award award = new Award("base", "Points on your order", POINTS.code(), base, shares,
                new Explanation(purchase.total().toString(), "1 pt per 1.00", "", "floor per line", ""));
        BigDecimal total = purchase.total().amount();
        if (total.compareTo(BONUS_THRESHOLD.amount()) < 0) {
            return new Evaluation(List.of(award));
        }
        // No line shares: the library shares the bonus over the lines by amount, exactly.
        return new Evaluation(List.of(award, new Award("bonus", "Big-order bonus", POINTS.code(), BONUS, Map.of(),
                Explanation.fixed())));
    }

    private static String describe(Balance b) {
        return b.total() + " points (" + b.pending() + " pending, " + b.available() + " available)";
    }

    private static String day(Instant at) {
        return at.atZone(ZONE).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ');
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
