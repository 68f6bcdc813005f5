package io.github.loyaltyrules.rules.text;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;

/** The syntax tree of program text; positions are kept for semantic errors and ignored by the printer. */
final class Ast {

    private Ast() {
    }

    /** A position in the text with the text found there. */
    record Pos(int line, int column, String text) {
        static Pos of(Token t) {
            return new Pos(t.line(), t.column(), t.source());
        }
    }

    /** A name used as an identifier or a reference. */
    record Name(Pos pos, String value) {
    }

    /** A decimal amount in a point currency. */
    record Amount(Pos pos, BigDecimal value, Name currency) {
    }

    /** A money amount, e.g. {@code 1.00 EUR}. */
    record Cash(Pos pos, BigDecimal value, Name currency) {
    }

    /** A whole program. */
    record Program(List<Stmt> statements) {
    }

    /** A statement. */
    sealed interface Stmt permits ProgramId, Zone, Stacking, CurrencyDecl, TiersDecl, AttributesDecl, GroupDecl,
            CampaignDecl, RuleDecl, RewardDecl, LadderDecl, TierDecl, ChallengeDecl {
        Pos pos();
    }

    record ProgramId(Pos pos, String id) implements Stmt {
    }

    record Zone(Pos pos, String zone, Pos zonePos) implements Stmt {
    }

    record Stacking(Pos pos, String mode) implements Stmt {
    }

    /** Expiry of a currency: never, after a term, or at the end of a calendar period. */
    sealed interface Expiry permits Never, After, EndOf {
    }

    record Never() implements Expiry {
    }

    record After(Period term) implements Expiry {
    }

    /** The end of a period {@code after} periods after earning; {@code anchor} null for calendar periods. */
    record EndOf(String period, int after, java.time.MonthDay anchor) implements Expiry {
    }

    /**
     * A currency; {@code activity} lists the posting types that count as activity, null for the default;
     * {@code redeem} is its rule for paying with points, null for none; {@code order} the order spends
     * take its lots in ({@code spend oldest first}); {@code kept} the tiers that keep its points from
     * expiring, null for none.
     */
    record CurrencyDecl(Pos pos, Name code, String name, int decimals, Expiry expiry, Period hold, Period inactivity,
            List<Name> activity, io.github.loyaltyrules.ledger.ConsumptionOrder order, Redeem redeem,
            Convert convert, Kept kept) implements Stmt {
    }

    /** {@code kept while tier Gold, Platinum then expires after 24 months}: the tiers, and the expiry from the end. */
    record Kept(Pos pos, List<Name> tiers, Expiry after) {
    }

    /** {@code convert 500 into vouchers of 5.00 EUR valid for 3 months}: validity null when not given. */
    record Convert(Pos pos, BigDecimal every, Cash value, Period validity) {
    }

    /**
     * {@code redeem from 200 in multiples of 100 refund pro rata}: a minimum and a step, either null when not
     * given, and what a return gives back of points spent on the purchase ({@code none} when not given).
     */
    record Redeem(Pos pos, BigDecimal from, BigDecimal step, String refund, Worth worth) {
        Redeem(Pos pos, BigDecimal from, BigDecimal step) {
            this(pos, from, step, "none", null);
        }

        Redeem(Pos pos, BigDecimal from, BigDecimal step, String refund) {
            this(pos, from, step, refund, null);
        }

        /** This rule with the points' value; a rule of the {@code worth} clause alone has no minimum or step. */
        Redeem withWorth(Worth w) {
            return new Redeem(pos, from, step, refund, w);
        }
    }

    /**
     * {@code worth 1.00 EUR per 100, times 2 at channel partner-x}: what {@code per} points are worth, and
     * the factor of that per channel (in the order written).
     */
    record Worth(Pos pos, Cash value, BigDecimal per, List<ChannelFactor> channels) {
    }

    /** {@code times 2 at channel partner-x}. */
    record ChannelFactor(Pos pos, BigDecimal factor, Name channel) {
    }

    record TiersDecl(Pos pos, List<Name> tiers) implements Stmt {
    }

    record AttributesDecl(Pos pos, List<Name> names) implements Stmt {
    }

    record GroupDecl(Pos pos, Name name, String selection) implements Stmt {
    }

    /** A day, and a time of day on it; {@code time} null is the start of the day. */
    record DayTime(LocalDate day, LocalTime time) {
    }

    record CampaignDecl(Pos pos, Name id, String name, DayTime from, DayTime until, List<Amount> budgets)
            implements Stmt {
    }

    /** A cap: per transaction when {@code period} is null, else per member per period. */
    record Cap(Pos pos, Amount amount, String period) {
    }

    record RuleDecl(Pos pos, Name id, String name, int priority, LocalDate validFrom, LocalDate validTo, Name group,
            Name campaign, Cond when, List<Act> actions, List<Cap> caps) implements Stmt {
    }

    /**
     * {@code limit} is the per-member limit for the reward's life; {@code usage} its other limits in uses;
     * {@code upTo} the most units one redemption takes ({@code each up to 5}), null for one.
     */
    record RewardDecl(Pos pos, Name id, String name, Amount cost, List<Name> tiers, Integer limit, DayTime from,
            DayTime until, List<Usage> usage, Integer upTo) implements Stmt {
    }

    /**
     * {@code challenge ID "NAME" MEASURE TARGET [PERIODS] [in category NAME] (per WINDOW | ever) reward
     * AMOUNT [once | repeatable] [returns revoke | keep] [badge ID]}: {@code measure} is "purchases", "spend" (with
     * {@code spend} set), "items", "stores" or "streak" (with {@code period} "days", "weeks" or "months";
     * null otherwise); {@code target} the count (null for spend); {@code window} "week", "month",
     * "quarter", "year" or "lifetime".
     */
    record ChallengeDecl(Pos pos, Name id, String name, String measure, Long target, Cash spend, String period,
            Name category, String window, Amount reward, boolean repeatable, boolean keep, Name badge) implements Stmt {
    }

    /**
     * {@code limit 2 per member per month starting 1 October}: uses, per member or overall, the period
     * ("month", "quarter", "half-year", "year"; null for the reward's life) and its anchor (null for 1 January).
     */
    record Usage(Pos pos, int uses, boolean perMember, String period, java.time.MonthDay anchor) {
    }

    /**
     * The ladder's options: window is "calendar year", "anniversary year", "lifetime" or "rolling"
     * (with {@code months}); null fields are not given. {@code tracked} are metrics the ladder counts
     * beyond its thresholds' (thresholds without a value).
     */
    record LadderDecl(Pos pos, String window, int months, Boolean retention, Period grace, boolean softLanding,
            boolean immediateReturns, List<Threshold> tracked) implements Stmt {
    }

    /** A tier's entry requirement: a threshold, or all of or any of requirements. */
    sealed interface Req permits Threshold, AllReq, AnyReq {
    }

    /** An entry threshold: {@code kind} is "amount" (unit is a currency code), "purchases" or "counter". */
    record Threshold(Pos pos, BigDecimal value, String kind, Name unit) implements Req {
    }

    record AllReq(Pos pos, List<Req> parts) implements Req {
    }

    record AnyReq(Pos pos, List<Req> parts) implements Req {
    }

    /** A tier; {@code requirement} is null for the base tier. */
    record TierDecl(Pos pos, Name name, Req requirement, BigDecimal multiplier, List<String> perks,
            boolean neverDowngrade) implements Stmt {
    }

    /** A line selector: the union of its terms, each the intersection of its atoms; no terms means every line. */
    record Lines(List<List<LineAtom>> terms) {
    }

    /** Lines whose {@code field} (category or sku) is one of {@code values}. */
    record LineAtom(String field, List<String> values) {
    }

    /** A condition. */
    sealed interface Cond permits And, Or, Not, In, Weekdays, TimeOfDay, Dates, TierIs, Tag, HasBadge, Attr, EventAttr, Birthday,
            FirstPurchase, Purchases, Basket, Quantity, Spend, Always {
    }

    record And(List<Cond> parts) implements Cond {
    }

    record Or(List<Cond> parts) implements Cond {
    }

    record Not(Cond inner) implements Cond {
    }

    /** {@code field in (values)} for category, sku, store, channel and event. */
    record In(String field, List<String> values) implements Cond {
    }

    record Weekdays(List<DayOfWeek> days) implements Cond {
    }

    record TimeOfDay(Pos pos, LocalTime from, LocalTime until) implements Cond {
    }

    record Dates(Pos pos, LocalDate from, LocalDate to) implements Cond {
    }

    /** A tier condition: op is "=" (one of the names) or "&gt;=" (the name or higher). */
    record TierIs(Pos pos, String op, List<Name> tiers) implements Cond {
    }

    record Tag(String tag) implements Cond {
    }

    /** {@code badge = ID}: the member holds the badge. */
    record HasBadge(Name badge) implements Cond {
    }

    record Attr(Name key, String value) implements Cond {
    }

    record EventAttr(String key, String value) implements Cond {
    }

    /** Birthday today ({@code days == -1}), this month ({@code days == -2}) or within {@code days}. */
    record Birthday(int days) implements Cond {
    }

    record FirstPurchase() implements Cond {
    }

    record Always() implements Cond {
    }

    record Purchases(String op, long count) implements Cond {
    }

    record Basket(Cash threshold, io.github.loyaltyrules.rule.EarningBase base) implements Cond {
        Basket(Cash threshold) {
            this(threshold, io.github.loyaltyrules.rule.EarningBase.GROSS);
        }
    }

    record Quantity(Lines lines, long units) implements Cond {
    }

    record Spend(Lines lines, Cash threshold, io.github.loyaltyrules.rule.EarningBase base) implements Cond {
        Spend(Lines lines, Cash threshold) {
            this(lines, threshold, io.github.loyaltyrules.rule.EarningBase.GROSS);
        }
    }

    /** An action. */
    sealed interface Act permits Earn, PerItem, PerMeasure, Multiply {
    }

    /** Earn a fixed amount ({@code per == null}) or an amount per {@code per} spent on {@code lines}. */
    record Earn(Amount amount, Cash per, Lines lines, io.github.loyaltyrules.rule.EarningBase base) implements Act {
        Earn(Amount amount, Cash per, Lines lines) {
            this(amount, per, lines, io.github.loyaltyrules.rule.EarningBase.GROSS);
        }
    }

    /** {@code earn 1 PTS per 2 L measured [on lines]}: points per step of a measured unit; unit "": per 3 items. */
    record PerMeasure(Pos pos, Amount amount, BigDecimal step, String unit, Lines lines) implements Act {
    }

    record PerItem(Amount amount, Lines lines) implements Act {
    }

    /** Multiply by {@code factor}, or by the member's tier multiplier when it is null. */
    record Multiply(Pos pos, Name currency, BigDecimal factor, Lines lines) implements Act {
    }
}
