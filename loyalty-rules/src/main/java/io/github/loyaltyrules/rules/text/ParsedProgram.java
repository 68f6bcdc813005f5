package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.VoucherConversion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.ExpiryProtection;
import io.github.loyaltyrules.tier.TierExpiryHolds;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A program read from text by {@link ProgramText#parse(String)}: its id, zone, point currencies,
 * rule set, rewards, tier names and optional tier ladder, ready to become a {@link ProgramVersion}.
 *
 * <p>Instances are immutable. The rule set holds the running state of member caps and campaign
 * budgets, so parse the text again for an independent copy. {@link ProgramText#print(ParsedProgram)}
 * writes the program back as canonical text.
 *
 * @since 0.1.0
 */
public final class ParsedProgram {

    private final String id;
    private final ZoneId zone;
    private final List<PointCurrency> currencies;
    private final RuleSet ruleSet;
    private final List<Reward> rewards;
    private final List<String> tiers;
    private final TierLadder ladder;
    private final List<Problem> warnings;
    private final List<RedemptionRule> redemptionRules;
    private final List<VoucherConversion> voucherConversions;
    private final List<ExpiryProtection> expiryProtections;
    private final List<io.github.loyaltyrules.engagement.Challenge> challenges;

    ParsedProgram(String id, ZoneId zone, List<PointCurrency> currencies, RuleSet ruleSet,
            List<Reward> rewards, List<String> tiers, TierLadder ladder, List<RedemptionRule> redemptionRules,
            List<VoucherConversion> voucherConversions, List<ExpiryProtection> expiryProtections,
            List<io.github.loyaltyrules.engagement.Challenge> challenges) {
        this(id, zone, currencies, ruleSet, rewards, tiers, ladder, redemptionRules, voucherConversions,
                expiryProtections, List.of(), challenges);
    }

    private ParsedProgram(String id, ZoneId zone, List<PointCurrency> currencies, RuleSet ruleSet,
            List<Reward> rewards, List<String> tiers, TierLadder ladder, List<RedemptionRule> redemptionRules,
            List<VoucherConversion> voucherConversions, List<ExpiryProtection> expiryProtections,
            List<Problem> warnings, List<io.github.loyaltyrules.engagement.Challenge> challenges) {
        this.challenges = List.copyOf(challenges);
        this.expiryProtections = List.copyOf(expiryProtections);
        this.voucherConversions = List.copyOf(voucherConversions);
        this.warnings = List.copyOf(warnings);
        this.redemptionRules = List.copyOf(redemptionRules);
        this.ladder = ladder;
        this.id = id;
        this.zone = zone;
        this.currencies = currencies;
        this.ruleSet = ruleSet;
        this.rewards = rewards;
        this.tiers = tiers;
    }

    /**
     * Returns the program id from the {@code program "..."} statement, or {@code "program"} if there is none.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the program zone from the {@code zone "..."} statement, or UTC if there is none; campaign
     * and reward dates are read in it.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Returns the point currencies in the order declared.
     *
     * @return the currencies; unmodifiable, never empty
     */
    public List<PointCurrency> currencies() {
        return currencies;
    }

    /**
     * Returns the currency with the given code.
     *
     * @param code the currency code
     * @return the currency, or empty if the program has none with that code
     */
    public Optional<PointCurrency> currency(String code) {
        for (PointCurrency c : currencies) {
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the rule set built from the program's rules, groups and campaigns.
     *
     * @return the rule set
     */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * Returns the rewards catalogue in the order declared.
     *
     * @return the rewards; unmodifiable
     */
    public List<Reward> rewards() {
        return rewards;
    }

    /**
     * Returns the tier names, lowest first, from the {@code tiers} statement or the {@code tier} statements.
     *
     * @return the tier names; empty if the program declares none
     */
    public List<String> tiers() {
        return tiers;
    }

    /**
     * Returns the tier ladder described by the program's {@code tier} statements and its {@code ladder}
     * options, in the program zone.
     *
     * @return the ladder, or empty if the program has no {@code tier} statements
     */
    public Optional<TierLadder> ladder() {
        return Optional.ofNullable(ladder);
    }

    /**
     * Returns what the text says in a way that reads otherwise than it works, though the program was
     * built: {@code tier Gold from 650 PTS, 325 QP;} reads like "and" but means that any one of them
     * suffices. Each names its line and column and how to say it plainly; the canonical text
     * ({@link ProgramText#print(ParsedProgram)}) has none.
     *
     * @return the warnings in the order of the text; unmodifiable, empty for most programs
     */
    public List<Problem> warnings() {
        return warnings;
    }

    ParsedProgram withWarnings(List<Problem> found) {
        return new ParsedProgram(id, zone, currencies, ruleSet, rewards, tiers, ladder, redemptionRules,
                voucherConversions, expiryProtections, found, challenges);
    }

    /**
     * Returns the rules for paying with points, from the currencies' {@code redeem} clauses.
     *
     * @return the rules in the order the currencies are declared; unmodifiable, empty if there are none
     */
    public List<RedemptionRule> redemptionRules() {
        return redemptionRules;
    }

    /**
     * Returns the conversions of points into vouchers, from the currencies' {@code convert} clauses.
     *
     * @return the conversions in the order the currencies are declared; unmodifiable, empty if there are none
     */
    public List<VoucherConversion> voucherConversions() {
        return voucherConversions;
    }

    /**
     * Returns the terms under which points do not expire while their member holds given tiers, from
     * the currencies' {@code kept while tier} clauses. Apply them to a ledger with a
     * {@link TierExpiryHolds} registered as the tier engine's listener:
     *
     * <pre>{@code
     * TierLadder ladder = parsed.ladder().orElseThrow();
     * TierExpiryHolds holds = TierExpiryHolds.of(ledger, ladder, parsed.expiryProtections());
     * TierEngine tiers = TierEngine.of(ladder, holds);
     * }</pre>
     *
     * @return the terms in the order the currencies are declared; unmodifiable, empty if there are none
     */
    public List<ExpiryProtection> expiryProtections() {
        return expiryProtections;
    }

    /**
     * Returns the program as a version that a {@code LoyaltyProgram} can run: its id, rule set, rewards,
     * redemption rules, voucher conversions and challenges.
     *
     * @return the program version
     */
    public ProgramVersion toVersion() {
        return ProgramVersion.of(id, ruleSet, rewards).withRedemptionRules(redemptionRules.toArray(new RedemptionRule[0]))
                .withVoucherConversions(voucherConversions.toArray(new VoucherConversion[0]))
                .withChallenges(challenges.toArray(new io.github.loyaltyrules.engagement.Challenge[0]));
    }

    /**
     * Returns the program's challenges, from its {@code challenge} statements, in the order written.
     *
     * @return the challenges; empty if none
     */
    public List<io.github.loyaltyrules.engagement.Challenge> challenges() {
        return challenges;
    }

    /**
     * Returns a ledger builder set up for this program: its zone and its point currencies, in the order
     * declared. Add a store, a clock or listeners and build it.
     *
     * <pre>{@code
     * ParsedProgram parsed = ProgramText.parse(text);
     * JdbcLedgerStore store = JdbcLedgerStore.of(dataSource);
     * store.migrate();
     * Ledger ledger = parsed.ledgerBuilder().store(store).build();
     * LoyaltyProgram program = LoyaltyProgram.of(ledger, parsed.toVersion(), TierLookup.NONE);
     * }</pre>
     *
     * @return a new builder
     */
    public Ledger.Builder ledgerBuilder() {
        Ledger.Builder b = Ledger.builder().zone(zone);
        for (PointCurrency c : currencies) {
            b.currency(c);
        }
        return b;
    }

    /**
     * Returns this program with more rules, written in Java, next to the ones read from the text: for a
     * condition or an action the language cannot say. The rules are checked against the program as the
     * text's rules are (currencies, tiers, groups and campaigns it declares; ids unique) and run in the
     * same order (priority, then text rules before these, in the order given). The new program's rule set
     * draws on the same counters as this one's ({@link RuleSet#toBuilder()}). The canonical text
     * ({@link ProgramText#print}) cannot show a Java rule's condition or action; keep the Java rules with
     * the text.
     *
     * @param rules the rules to add
     * @return the program with the rules; this one is unchanged
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.rules.RuleDefinitionException if a rule does not fit the program
     */
    public ParsedProgram with(Rule... rules) {
        java.util.Objects.requireNonNull(rules, "rules must not be null");
        RuleSet.Builder b = ruleSet.toBuilder();
        for (Rule r : rules) {
            b.add(r);
        }
        return new ParsedProgram(id, zone, currencies, b.build(), rewards, tiers, ladder, redemptionRules,
                voucherConversions, expiryProtections, warnings, challenges);
    }

    /**
     * Returns the program as canonical text, the same as {@link ProgramText#print(ParsedProgram)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return ProgramText.print(this);
    }
}
