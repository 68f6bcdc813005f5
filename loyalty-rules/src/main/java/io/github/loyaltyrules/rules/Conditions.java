package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in conditions. Times and dates are read from {@link RuleContext#at()}, which is in the
 * program's zone. Conditions about a purchase (basket, lines, store, channel) do not hold for
 * other events.
 *
 * @since 0.1.0
 */
public final class Conditions {

    private static final Condition ALWAYS = new Nodes.Always();

    private Conditions() {
    }

    /**
     * Returns a condition that always holds.
     *
     * @return the condition
     */
    public static Condition always() {
        return ALWAYS;
    }

    /**
     * Returns a condition that holds when all the given conditions hold.
     *
     * @param conditions the conditions; at least one
     * @return the conjunction
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given
     */
    public static Condition allOf(Condition... conditions) {
        return new Nodes.AllOf(parts(conditions));
    }

    /**
     * Returns a condition that holds when at least one of the given conditions holds.
     *
     * @param conditions the conditions; at least one
     * @return the disjunction
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given
     */
    public static Condition anyOf(Condition... conditions) {
        return new Nodes.AnyOf(parts(conditions));
    }

    private static List<Condition> parts(Condition... conditions) {
        Objects.requireNonNull(conditions, "conditions must not be null");
        if (conditions.length == 0) {
            throw new InvalidRuleException("allOf/anyOf needs at least one condition");
        }
        return List.of(conditions);
    }

    /**
     * Returns a condition that holds for a purchase whose basket total is at least {@code threshold}
     * (in the same money currency; a basket in another currency does not meet it).
     *
     * @param threshold the least basket total; not negative
     * @return the condition
     * @throws NullPointerException if {@code threshold} is null
     * @throws InvalidRuleException if the threshold is negative
     */
    public static Condition basketAtLeast(Money threshold) {
        Objects.requireNonNull(threshold, "threshold must not be null");
        if (threshold.isNegative()) {
            throw new InvalidRuleException("basket threshold must not be negative; got " + threshold);
        }
        return new Nodes.BasketAtLeast(threshold);
    }

    /**
     * Returns a condition that holds for a purchase whose basket total on an earning base is at least
     * {@code threshold}, e.g. 50.00 EUR net of discounts ({@link EarningBase#NET}). On
     * {@link EarningBase#GROSS} it is {@link #basketAtLeast(Money)}.
     *
     * @param threshold the least basket total; not negative
     * @param base the amounts counted
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the threshold is negative
     */
    public static Condition basketAtLeast(Money threshold, EarningBase base) {
        Objects.requireNonNull(base, "earning base must not be null");
        Condition gross = basketAtLeast(threshold);
        return base == EarningBase.GROSS ? gross : new Nodes.BasketAtLeast(threshold, base);
    }

    /**
     * Returns a condition that holds for a purchase with at least one line selected by {@code matcher}.
     *
     * @param matcher the line matcher
     * @return the condition
     * @throws NullPointerException if {@code matcher} is null
     */
    public static Condition anyLine(LineMatcher matcher) {
        return new Nodes.LinesMatch(Objects.requireNonNull(matcher, "line matcher must not be null"), 1);
    }

    /**
     * Returns a condition that holds for a purchase with at least {@code units} units on lines
     * selected by {@code matcher}.
     *
     * @param matcher the line matcher
     * @param units the least number of units; at least 1
     * @return the condition
     * @throws NullPointerException if {@code matcher} is null
     * @throws InvalidRuleException if {@code units} is less than 1
     */
    public static Condition quantityAtLeast(LineMatcher matcher, long units) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        if (units < 1) {
            throw new InvalidRuleException("quantity threshold must be at least 1; got " + units);
        }
        return new Nodes.LinesMatch(matcher, units);
    }

    /**
     * Returns a condition that holds for a purchase that spends at least {@code threshold} on at
     * least one line selected by {@code matcher}, e.g. 10.00 EUR on coffee. A basket in another
     * money currency does not meet it.
     *
     * @param matcher the line matcher
     * @param threshold the least spend on those lines; not negative
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the threshold is negative
     */
    public static Condition spendAtLeast(LineMatcher matcher, Money threshold) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        Objects.requireNonNull(threshold, "threshold must not be null");
        if (threshold.isNegative()) {
            throw new InvalidRuleException("spend threshold must not be negative; got " + threshold);
        }
        return new Nodes.LinesSpend(matcher, threshold);
    }

    /**
     * Returns a condition that holds for a purchase that spends at least {@code threshold} on lines
     * selected by {@code matcher}, counted on an earning base. On {@link EarningBase#GROSS} it is
     * {@link #spendAtLeast(LineMatcher, Money)}.
     *
     * @param matcher the line matcher
     * @param threshold the least spend on those lines; not negative
     * @param base the amounts counted
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the threshold is negative
     */
    public static Condition spendAtLeast(LineMatcher matcher, Money threshold, EarningBase base) {
        Objects.requireNonNull(base, "earning base must not be null");
        Condition gross = spendAtLeast(matcher, threshold);
        return base == EarningBase.GROSS ? gross : new Nodes.LinesSpend(matcher, threshold, base);
    }

    /**
     * Returns a condition that holds for a purchase with one of the codes applied
     * ({@link io.github.loyaltyrules.rule.Purchase#codes()}), e.g. a coupon code {@code "WELCOME"}.
     * Codes compare in upper case.
     *
     * @param codes the codes; at least one, each 1 to 64 letters, digits, {@code _} or {@code -}
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is malformed
     */
    public static Condition code(String... codes) {
        return new Nodes.CodeIn(upper("code", codes));
    }

    /**
     * Returns a condition that holds for a purchase paid, in whole or in part, with one of the tender
     * methods ({@link io.github.loyaltyrules.rule.Purchase#tenders()}), e.g. {@code "STORECARD"}. Methods
     * compare in upper case.
     *
     * @param methods the tender methods; at least one, each 1 to 64 letters, digits, {@code _} or {@code -}
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is malformed
     */
    public static Condition paidWith(String... methods) {
        return new Nodes.PaidWith(upper("tender", methods));
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static Set<String> upper(String what, String... values) {
        Set<String> names = Nodes.names(what, values);
        Set<String> out = new java.util.TreeSet<>();
        for (String v : names) {
            if (!CODE.matcher(v).matches()) {
                throw new InvalidRuleException("a " + what + " must be 1 to 64 letters, digits, '_' or '-'; got '"
                        + Inputs.shown(v) + "'");
            }
            out.add(v.toUpperCase(java.util.Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /**
     * Returns a condition that holds for a purchase with a line of one of the SKUs.
     *
     * @param skus the SKUs; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition sku(String... skus) {
        return anyLine(LineMatcher.sku(skus));
    }

    /**
     * Returns a condition that holds for a purchase with a line in one of the categories.
     *
     * @param categories the categories; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition category(String... categories) {
        return anyLine(LineMatcher.category(categories));
    }

    /**
     * Returns a condition that holds for a purchase in one of the stores.
     *
     * @param stores the store ids; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition store(String... stores) {
        return new Nodes.StoreIn(Nodes.names("store", stores));
    }

    /**
     * Returns a condition that holds for a purchase through one of the channels.
     *
     * @param channels the channels, e.g. "pos", "web", "app"; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition channel(String... channels) {
        return new Nodes.ChannelIn(Nodes.names("channel", channels));
    }

    /**
     * Returns a condition that holds for an activity of one of the event types. A rule applies to
     * the event types its condition requires; a rule whose condition requires none applies to
     * purchases only.
     *
     * @param types the event types, e.g. "purchase", "signup", "review"; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition eventType(String... types) {
        return new Nodes.EventTypeIn(Nodes.names("event type", types));
    }

    /**
     * Returns a condition that holds for an event (not a purchase) whose attribute {@code key} has
     * the given value.
     *
     * @param key the attribute name
     * @param value the value
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition eventAttribute(String key, String value) {
        Objects.requireNonNull(key, "attribute key must not be null");
        Objects.requireNonNull(value, "attribute value must not be null");
        return new Nodes.EventAttributeIs(key, value);
    }

    /**
     * Returns a condition that holds on the given days of the week (in the program zone).
     *
     * @param days the days; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given
     */
    public static Condition daysOfWeek(DayOfWeek... days) {
        Objects.requireNonNull(days, "days must not be null");
        if (days.length == 0) {
            throw new InvalidRuleException("a day-of-week condition needs at least one day");
        }
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : days) {
            set.add(Objects.requireNonNull(d, "day must not be null"));
        }
        return new Nodes.DaysOfWeek(java.util.Collections.unmodifiableSet(set));
    }

    /**
     * Returns a condition that holds from {@code from} (inclusive) to {@code until} (exclusive) each
     * day, in the program zone. A window across midnight is written as two windows joined with
     * {@link Condition#or}.
     *
     * @param from the start time
     * @param until the end time; after {@code from}
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidWindowException if {@code until} is not after {@code from}
     */
    public static Condition timeOfDay(LocalTime from, LocalTime until) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(until, "until must not be null");
        if (!until.isAfter(from)) {
            throw new InvalidWindowException("time-of-day window " + from + "-" + until
                    + " must end after it starts; write a window across midnight as two windows joined with or()");
        }
        return new Nodes.TimeOfDay(from, until);
    }

    /**
     * Returns a condition that holds from {@code first} to {@code last}, both days inclusive, in the
     * program zone.
     *
     * @param first the first day
     * @param last the last day; not before {@code first}
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidWindowException if {@code last} is before {@code first}
     */
    public static Condition dates(LocalDate first, LocalDate last) {
        Objects.requireNonNull(first, "first day must not be null");
        Objects.requireNonNull(last, "last day must not be null");
        if (last.isBefore(first)) {
            throw new InvalidWindowException("date window " + first + " to " + last
                    + " ends before it starts; the last day must be on or after the first");
        }
        return new Nodes.Dates(first, last);
    }

    /**
     * Returns a condition that holds for members in one of the tiers.
     *
     * @param tiers the tier names; at least one
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or one is blank
     */
    public static Condition tier(String... tiers) {
        return new Nodes.TierIn(Nodes.names("tier", tiers));
    }

    /**
     * Returns a condition that holds for members with the tag.
     *
     * @param tag the tag, e.g. "staff"
     * @return the condition
     * @throws NullPointerException if {@code tag} is null
     */
    public static Condition tag(String tag) {
        Objects.requireNonNull(tag, "tag must not be null");
        return new Nodes.HasTag(tag);
    }

    /**
     * Returns a condition that holds for members who hold the badge (awarded by completing a
     * challenge that declares it), e.g. {@code badge("coffee-connoisseur")}.
     *
     * @param badge the badge id
     * @return the condition
     * @throws NullPointerException if {@code badge} is null
     * @throws InvalidRuleException if the badge id is blank
     */
    public static Condition badge(String badge) {
        Objects.requireNonNull(badge, "badge must not be null");
        return new Nodes.HasBadge(Nodes.names("badge", badge).iterator().next());
    }

    /**
     * Returns a condition that holds for members whose attribute {@code key} has the given value.
     * A member without the attribute does not meet it.
     *
     * @param key the attribute name
     * @param value the value
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    public static Condition attribute(String key, String value) {
        Objects.requireNonNull(key, "attribute key must not be null");
        Objects.requireNonNull(value, "attribute value must not be null");
        return new Nodes.AttributeIs(key, value);
    }

    /**
     * Returns a condition that holds on the member's birthday (in the program zone). A birthday on
     * 29 February is celebrated on 28 February in other years. A member without a birthday does
     * not meet it.
     *
     * @return the condition
     */
    public static Condition birthdayToday() {
        return new Nodes.BirthdayToday();
    }

    /**
     * Returns a condition that holds within {@code days} days either side of the member's birthday
     * (in the program zone), e.g. 3 for a birthday week.
     *
     * @param days days either side; zero or more
     * @return the condition
     * @throws InvalidRuleException if {@code days} is negative
     */
    public static Condition birthdayWithin(int days) {
        if (days < 0) {
            throw new InvalidRuleException("birthday window must be zero or more days either side; got " + days);
        }
        return new Nodes.BirthdayWithin(days);
    }

    /**
     * Returns a condition that holds in the month of the member's birthday (in the program zone).
     *
     * @return the condition
     */
    public static Condition birthdayMonth() {
        return new Nodes.BirthdayMonth();
    }

    /**
     * Returns a condition that holds for the member's first purchase (no purchases before it).
     *
     * @return the condition
     */
    public static Condition firstPurchase() {
        return new Nodes.FirstPurchase();
    }

    /**
     * Returns a condition that holds when the member made at least {@code count} purchases before
     * this activity.
     *
     * @param count the least number of earlier purchases; zero or more
     * @return the condition
     * @throws InvalidRuleException if {@code count} is negative
     */
    public static Condition purchasesSoFarAtLeast(long count) {
        if (count < 0) {
            throw new InvalidRuleException("purchase count must be zero or more; got " + count);
        }
        return new Nodes.PurchasesSoFar(count, true);
    }

    /**
     * Returns a condition that holds when the member made at most {@code count} purchases before
     * this activity.
     *
     * @param count the most earlier purchases; zero or more
     * @return the condition
     * @throws InvalidRuleException if {@code count} is negative
     */
    public static Condition purchasesSoFarAtMost(long count) {
        if (count < 0) {
            throw new InvalidRuleException("purchase count must be zero or more; got " + count);
        }
        return new Nodes.PurchasesSoFar(count, false);
    }

    /**
     * Returns a condition that holds for purchases only: {@code eventType("purchase")}.
     *
     * @return the condition
     */
    public static Condition purchase() {
        return eventType(Purchase.TYPE);
    }
}
