package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Keys;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** A rule with what evaluation needs precomputed, so that evaluating it reads fields and arrays only. */
final class CompiledRule {

    private static final long[] TENS = new long[19];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
    }

    final Rule rule;
    final int ordinal;
    final Multiplier multiplier;
    /** The position of the multiplier's currency in the rule set's currencies; -1 for an awarding rule. */
    final int multiplierCurrency;
    final String group;
    final GroupSelection selection;
    final Campaign campaign;
    final String[] budgetCounters;
    final long[] budgetLimits;
    final String[] budgetCurrencies;
    final List<Action> actions;
    final CompiledCondition condition;
    /** The per-transaction cap by currency position, -1 for none; null if the rule has none. */
    final long[] caps;
    final boolean memberCaps;
    /** First and last day of the validity window, as epoch days; the widest range if none. */
    final long firstDay;
    final long lastDay;
    final boolean dated;
    /** The campaign window, from (inclusive) and until (exclusive), in epoch seconds and nanoseconds. */
    final long fromSecond;
    final int fromNano;
    final long untilSecond;
    final int untilNano;
    /**
     * A fixed factor less one as {@code extraNumerator / extraDenominator} in longs, for a bonus
     * computed without {@code BigDecimal}; denominator 0 if it does not fit (or the factor is the tier's).
     */
    final long extraNumerator;
    final long extraDenominator;
    /** A fixed factor above one: the multiplier can add a bonus. */
    final boolean multiplies;
    /** The multiplier part of a fixed factor's explanation, e.g. {@code "2x (additive)"}; null for a tier's. */
    final String multiplierText;

    CompiledRule(Rule rule, int ordinal, GroupSelection selection, Campaign campaign, List<String> currencies,
            MultiplierStacking stacking) {
        this.rule = rule;
        this.ordinal = ordinal;
        this.multiplier = rule.multiplier().orElse(null);
        this.multiplierCurrency = multiplier == null ? -1 : currencies.indexOf(multiplier.currency());
        this.group = rule.exclusiveGroup().orElse(null);
        this.selection = selection;
        this.campaign = campaign;
        this.actions = rule.actions();
        this.condition = CompiledCondition.of(rule.condition());
        this.memberCaps = !rule.capsPerMember().isEmpty();
        if (rule.capsPerTransaction().isEmpty()) {
            caps = null;
        } else {
            caps = new long[currencies.size()];
            java.util.Arrays.fill(caps, -1);
            for (Map.Entry<String, Long> cap : rule.capsPerTransaction().entrySet()) {
                caps[currencies.indexOf(cap.getKey())] = cap.getValue();
            }
        }
        this.dated = rule.validFrom().isPresent();
        this.firstDay = Keys.epochDay(rule.validFrom().orElse(null), Long.MIN_VALUE);
        this.lastDay = Keys.epochDay(rule.validUntil().orElse(null), Long.MAX_VALUE);
        if (campaign == null) {
            budgetCurrencies = new String[0];
            budgetCounters = new String[0];
            budgetLimits = new long[0];
            fromSecond = Long.MIN_VALUE;
            fromNano = 0;
            untilSecond = Long.MAX_VALUE;
            untilNano = 0;
        } else {
            budgetCurrencies = campaign.budgets().keySet().toArray(new String[0]);
            budgetCounters = new String[budgetCurrencies.length];
            budgetLimits = new long[budgetCurrencies.length];
            for (int i = 0; i < budgetCurrencies.length; i++) {
                budgetCounters[i] = RuleSet.budgetCounter(campaign.id(), budgetCurrencies[i]);
                budgetLimits[i] = campaign.budgets().get(budgetCurrencies[i]);
            }
            fromSecond = campaign.from().getEpochSecond();
            fromNano = campaign.from().getNano();
            untilSecond = campaign.until().getEpochSecond();
            untilNano = campaign.until().getNano();
        }
        long num = 0;
        long den = 0;
        String text = null;
        if (multiplier != null && !multiplier.fromTier()) {
            BigDecimal extra = multiplier.factor().subtract(BigDecimal.ONE);
            if (extra.scale() < 0) {
                extra = extra.setScale(0);
            }
            BigInteger unscaled = extra.unscaledValue();
            if (extra.scale() < TENS.length && unscaled.bitLength() < 63) {
                num = unscaled.longValueExact();
                den = TENS[extra.scale()];
            }
            text = Evaluator.multiplierText(multiplier.factor(), false, null, stacking);
        }
        long g = den == 0 || num <= 0 ? 1 : Evaluator.gcd(num, den); // in lowest terms: 1.5 is 1/2, 2 is 1/1
        this.multiplies = multiplier != null && !multiplier.fromTier()
                && multiplier.factor().compareTo(BigDecimal.ONE) > 0;
        this.extraNumerator = num / g;
        this.extraDenominator = den / g;
        this.multiplierText = text;
    }

    /** Whether the rule is within its campaign window and validity window at the context's time. */
    boolean activeAt(RuleContext c) {
        ZonedDateTime at = c.at();
        if (campaign != null) {
            long s = at.toEpochSecond();
            int n = at.getNano();
            if (s < fromSecond || (s == fromSecond && n < fromNano) || s > untilSecond
                    || (s == untilSecond && n >= untilNano)) {
                return false;
            }
        }
        if (dated) {
            long d = at.toLocalDate().toEpochDay();
            return d >= firstDay && d <= lastDay;
        }
        return true;
    }

    /** The index of the campaign's budget in a currency, or -1 if it has none. */
    int budget(String currency) {
        for (int i = 0; i < budgetCurrencies.length; i++) {
            if (budgetCurrencies[i].equals(currency)) {
                return i;
            }
        }
        return -1;
    }
}
