package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.InvalidRuleException;
import io.github.loyaltyrules.rules.LineMatcher;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The built-in condition and line-matcher nodes. They are records so that the rule set can read
 * their structure to index rules (see {@link Keys}); their behaviour is plain predicate logic.
 *
 * @since 0.1.0
 */
public final class Nodes {

    /** The matcher selecting every line. */
    public static final LineMatcher ANY_LINE = new AnyLine();

    private Nodes() {
    }

    /**
     * Validates and copies a list of names.
     *
     * @param what what the names are, for the message
     * @param names the names
     * @return an unmodifiable set in the given order (a singleton for one name)
     * @throws InvalidRuleException if there are none or one is blank
     */
    public static Set<String> names(String what, String... names) {
        Objects.requireNonNull(names, what + " names must not be null");
        if (names.length == 0) {
            throw new InvalidRuleException("a " + what + " condition needs at least one " + what);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            Objects.requireNonNull(n, what + " must not be null");
            if (n.isBlank()) {
                throw new InvalidRuleException("a " + what + " must not be blank; got '" + Inputs.shown(n) + "'");
            }
            out.add(n);
        }
        // one name, the usual case: a test is one equals, not a hash lookup
        return out.size() == 1 ? java.util.Collections.singleton(names[0])
                : java.util.Collections.unmodifiableSet(out);
    }

    /**
     * Tests a line as {@code matcher.matches(line)} does, calling the built-in matchers by their own
     * (final) types, so that a loop over the lines makes no interface call for them.
     *
     * @param matcher the matcher
     * @param line the line
     * @return whether the matcher selects the line
     */
    public static boolean matches(LineMatcher matcher, BasketLine line) {
        if (matcher instanceof CategoryIn) {
            return ((CategoryIn) matcher).categories.contains(line.category());
        }
        if (matcher instanceof SkuIn) {
            return ((SkuIn) matcher).skus.contains(line.sku());
        }
        return matcher instanceof AnyLine || matcher.matches(line);
    }

    /** Every line. */
    public record AnyLine() implements LineMatcher {
        @Override
        public boolean matches(BasketLine line) {
            return true;
        }
    }

    /**
     * Lines with one of the SKUs.
     *
     * @param skus the SKUs
     */
    public record SkuIn(Set<String> skus) implements LineMatcher {
        @Override
        public boolean matches(BasketLine line) {
            return skus.contains(line.sku());
        }
    }

    /**
     * Lines in one of the categories.
     *
     * @param categories the categories
     */
    public record CategoryIn(Set<String> categories) implements LineMatcher {
        @Override
        public boolean matches(BasketLine line) {
            return categories.contains(line.category());
        }
    }

    /**
     * Lines matched by either.
     *
     * @param a one matcher
     * @param b the other
     */
    public record EitherLine(LineMatcher a, LineMatcher b) implements LineMatcher {
        @Override
        public boolean matches(BasketLine line) {
            return a.matches(line) || b.matches(line);
        }
    }

    /**
     * Lines matched by both.
     *
     * @param a one matcher
     * @param b the other
     */
    public record BothLine(LineMatcher a, LineMatcher b) implements LineMatcher {
        @Override
        public boolean matches(BasketLine line) {
            return a.matches(line) && b.matches(line);
        }
    }

    /**
     * All conditions hold; evaluated left to right, stopping at the first that fails.
     *
     * @param parts the conditions
     */
    public record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            for (int i = 0; i < parts.size(); i++) { // indexed: no iterator per evaluation
                if (!parts.get(i).test(context)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * At least one condition holds.
     *
     * @param parts the conditions
     */
    public record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(context)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The condition does not hold.
     *
     * @param part the negated condition
     */
    public record Not(Condition part) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return !part.test(context);
        }
    }

    /**
     * The purchase has at least {@code minQuantity} units on lines selected by the matcher.
     *
     * @param matcher the line matcher
     * @param minQuantity the least number of units; at least 1
     */
    public record LinesMatch(LineMatcher matcher, long minQuantity) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            if (!(context.activity() instanceof Purchase)) {
                return false;
            }
            long units = 0;
            List<BasketLine> lines = ((Purchase) context.activity()).lines();
            for (int i = 0; i < lines.size(); i++) { // indexed: no iterator per evaluation
                BasketLine line = lines.get(i);
                if (matches(matcher, line)) {
                    if (line.quantity() >= minQuantity - units) { // units < minQuantity: no overflow
                        return true;
                    }
                    units += line.quantity();
                }
            }
            return false;
        }
    }

    /**
     * The purchase spends at least {@code threshold} on lines selected by the matcher, counted on an
     * earning base.
     *
     * @param matcher the line matcher
     * @param threshold the least spend; in the basket's money currency to be met
     * @param base the amounts counted
     */
    public record LinesSpend(LineMatcher matcher, io.github.loyaltyrules.ledger.Money threshold, EarningBase base)
            implements Condition {
        /**
         * The spend on the gross line amounts.
         *
         * @param matcher the line matcher
         * @param threshold the least spend
         */
        public LinesSpend(LineMatcher matcher, io.github.loyaltyrules.ledger.Money threshold) {
            this(matcher, threshold, EarningBase.GROSS);
        }

        @Override
        public boolean test(RuleContext context) {
            if (!(context.activity() instanceof Purchase)) {
                return false;
            }
            java.math.BigDecimal spend = java.math.BigDecimal.ZERO;
            boolean any = false;
            Purchase p = (Purchase) context.activity();
            List<BasketLine> lines = p.lines();
            List<Money> amounts = base == EarningBase.GROSS ? null : p.baseAmounts(base);
            for (int i = 0; i < lines.size(); i++) { // indexed: no iterator per evaluation
                BasketLine line = lines.get(i);
                if (matcher.matches(line)) {
                    if (!line.unitPrice().currency().equals(threshold.currency())) {
                        return false;
                    }
                    spend = spend.add(amounts == null ? line.amount().amount() : amounts.get(i).amount());
                    any = true;
                }
            }
            return any && spend.compareTo(threshold.amount()) >= 0;
        }
    }

    /**
     * The purchase has one of the codes applied.
     *
     * @param codes the codes, in upper case
     */
    public record CodeIn(Set<String> codes) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            if (!(context.activity() instanceof Purchase)) {
                return false;
            }
            for (String code : ((Purchase) context.activity()).codes()) {
                if (codes.contains(code)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The purchase was paid, in whole or in part, with one of the tender methods.
     *
     * @param methods the tender methods, in upper case
     */
    public record PaidWith(Set<String> methods) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            if (!(context.activity() instanceof Purchase)) {
                return false;
            }
            for (io.github.loyaltyrules.rule.Tender t : ((Purchase) context.activity()).tenders()) {
                if (methods.contains(t.method())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The purchase was made in one of the stores.
     *
     * @param stores the store ids
     */
    public record StoreIn(Set<String> stores) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.activity() instanceof Purchase && stores.contains(((Purchase) context.activity()).store());
        }
    }

    /**
     * The purchase was made through one of the channels.
     *
     * @param channels the channels
     */
    public record ChannelIn(Set<String> channels) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.activity() instanceof Purchase
                    && channels.contains(((Purchase) context.activity()).channel());
        }
    }

    /**
     * The activity has one of the event types.
     *
     * @param types the event types
     */
    public record EventTypeIn(Set<String> types) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return types.contains(context.activity().type());
        }
    }

    /**
     * The member is in one of the tiers.
     *
     * @param tiers the tier names
     */
    public record TierIn(Set<String> tiers) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            String tier = context.member().tier();
            return tier != null && tiers.contains(tier);
        }
    }

    /**
     * The member's attribute {@code key} has the value.
     *
     * @param key the attribute name
     * @param value the value
     */
    public record AttributeIs(String key, String value) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return value.equals(context.member().attributes().get(key));
        }
    }

    /** Always holds: the condition of a rule without one. */
    public record Always() implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return true;
        }
    }

    /**
     * A purchase whose basket total on an earning base, in the threshold's money currency, is at least
     * the threshold.
     *
     * @param threshold the least basket total
     * @param base the amounts counted
     */
    public record BasketAtLeast(Money threshold, EarningBase base) implements Condition {
        /**
         * The gross basket total at least a threshold.
         *
         * @param threshold the least basket total
         */
        public BasketAtLeast(Money threshold) {
            this(threshold, EarningBase.GROSS);
        }

        @Override
        public boolean test(RuleContext context) {
            if (!(context.activity() instanceof Purchase)) {
                return false;
            }
            Money total = ((Purchase) context.activity()).total(base);
            return total.currency().equals(threshold.currency()) && total.compareTo(threshold) >= 0;
        }
    }

    /**
     * An event (not a purchase) whose attribute {@code key} has the value.
     *
     * @param key the attribute name
     * @param value the value
     */
    public record EventAttributeIs(String key, String value) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.activity() instanceof MemberEvent
                    && value.equals(((MemberEvent) context.activity()).attributes().get(key));
        }
    }

    /**
     * On one of the days of the week, in the program zone.
     *
     * @param days the days
     */
    public record DaysOfWeek(Set<DayOfWeek> days) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return days.contains(context.at().getDayOfWeek());
        }
    }

    /**
     * From {@code from} (inclusive) to {@code until} (exclusive) each day, in the program zone.
     *
     * @param from the start time
     * @param until the end time
     */
    public record TimeOfDay(LocalTime from, LocalTime until) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            LocalTime t = context.at().toLocalTime();
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    /**
     * From {@code first} to {@code last}, both days inclusive, in the program zone.
     *
     * @param first the first day
     * @param last the last day
     */
    public record Dates(LocalDate first, LocalDate last) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            LocalDate d = context.at().toLocalDate();
            return !d.isBefore(first) && !d.isAfter(last);
        }
    }

    /**
     * The member has the tag.
     *
     * @param tag the tag
     */
    public record HasTag(String tag) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.member().tags().contains(tag);
        }
    }

    /**
     * The member holds the badge.
     *
     * @param badge the badge id
     */
    public record HasBadge(String badge) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.member().badges().contains(badge);
        }
    }

    /** On the member's birthday; 29 February is celebrated on 28 February in other years. */
    public record BirthdayToday() implements Condition {
        @Override
        public boolean test(RuleContext context) {
            LocalDate b = context.member().birthday();
            if (b == null) {
                return false;
            }
            LocalDate today = context.at().toLocalDate();
            return MonthDay.from(b).atYear(today.getYear()).equals(today);
        }
    }

    /**
     * Within {@code days} days either side of the member's birthday.
     *
     * @param days days either side
     */
    public record BirthdayWithin(int days) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            LocalDate b = context.member().birthday();
            if (b == null) {
                return false;
            }
            LocalDate today = context.at().toLocalDate();
            for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
                LocalDate day = MonthDay.from(b).atYear(y);
                if (Math.abs(day.toEpochDay() - today.toEpochDay()) <= days) {
                    return true;
                }
            }
            return false;
        }
    }

    /** In the month of the member's birthday. */
    public record BirthdayMonth() implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.member().birthday() != null
                    && context.member().birthday().getMonth() == context.at().getMonth();
        }
    }

    /** The member's first purchase. */
    public record FirstPurchase() implements Condition {
        @Override
        public boolean test(RuleContext context) {
            return context.activity() instanceof Purchase && context.member().purchasesSoFar() == 0;
        }
    }

    /**
     * The member made at least ({@code atLeast}) or at most (otherwise) {@code count} purchases before.
     *
     * @param count the count
     * @param atLeast true for "at least", false for "at most"
     */
    public record PurchasesSoFar(long count, boolean atLeast) implements Condition {
        @Override
        public boolean test(RuleContext context) {
            long n = context.member().purchasesSoFar();
            return atLeast ? n >= count : n <= count;
        }
    }

    /**
     * Collects the member attribute names a condition refers to.
     *
     * @param condition the condition
     * @param out where to add them
     */
    public static void attributes(Condition condition, Set<String> out) {
        leaves(condition, c -> {
            if (c instanceof AttributeIs) {
                out.add(((AttributeIs) c).key());
            }
        });
    }

    /**
     * Collects the tier names a condition refers to.
     *
     * @param condition the condition
     * @param out where to add them
     */
    public static void tiers(Condition condition, Set<String> out) {
        leaves(condition, c -> {
            if (c instanceof TierIn) {
                out.addAll(((TierIn) c).tiers());
            }
        });
    }

    /** Calls {@code visit} with each condition inside {@code all of}, {@code any of} and {@code not}. */
    private static void leaves(Condition condition, Consumer<Condition> visit) {
        if (condition instanceof AllOf) {
            for (Condition c : ((AllOf) condition).parts()) {
                leaves(c, visit);
            }
        } else if (condition instanceof AnyOf) {
            for (Condition c : ((AnyOf) condition).parts()) {
                leaves(c, visit);
            }
        } else if (condition instanceof Not) {
            leaves(((Not) condition).part(), visit);
        } else {
            visit.accept(condition);
        }
    }

    /**
     * Returns a new mutable set, for callers that collect.
     *
     * @return an empty set
     */
    public static Set<String> newSet() {
        return new HashSet<>();
    }
}
