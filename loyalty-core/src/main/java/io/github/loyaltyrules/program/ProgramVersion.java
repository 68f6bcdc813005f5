package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.rule.RuleEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable version of a program's terms: its id, the rule engine that decides awards, the
 * rewards catalogue, and the rules for paying with points per currency. A {@link LoyaltyProgram}
 * runs exactly one version at a time and can swap to another atomically; every receipt names the
 * version that computed it.
 *
 * @param id the version id, e.g. "2026-11-spring-promo"; not blank
 * @param engine the rule engine
 * @param rewards the rewards catalogue by reward id
 * @param redemptionRules the rules for free-amount redemptions by currency code; a currency without
 *        one may be redeemed in any positive amount
 * @param voucherConversions the terms by which points turn into vouchers, by currency code; a currency
 *        without any is not converted
 * @param challenges the challenges members complete for a reward, by challenge id
 *        ({@link io.github.loyaltyrules.engagement.Challenge}); may be empty
 *
 * @since 0.1.0
 */
public record ProgramVersion(String id, RuleEngine engine, Map<String, Reward> rewards,
        Map<String, RedemptionRule> redemptionRules, Map<String, VoucherConversion> voucherConversions,
        Map<String, io.github.loyaltyrules.engagement.Challenge> challenges) {

    /**
     * Validates the version and makes its maps unmodifiable.
     *
     * @param id the version id, e.g. "2026-11-spring-promo"; not blank
     * @param engine the rule engine
     * @param rewards the rewards catalogue by reward id
     * @param redemptionRules the redemption rules by currency code
     * @param voucherConversions the voucher conversions by currency code
     * @param challenges the challenges by id
     * @throws NullPointerException if a component, key or value is null
     * @throws InvalidRequestException if the id is blank or a redemption rule or voucher conversion is filed
     *         under another currency's code
     * @throws io.github.loyaltyrules.engagement.ChallengeException if a challenge is filed under another id, or
     *         two challenges' ids share a {@linkplain io.github.loyaltyrules.engagement.Challenge#tag() tag}
     */
    public ProgramVersion {
        Objects.requireNonNull(id, "program version id must not be null");
        Objects.requireNonNull(engine, "rule engine must not be null");
        Objects.requireNonNull(rewards, "rewards must not be null");
        Objects.requireNonNull(redemptionRules, "redemption rules must not be null");
        if (id.isBlank()) {
            throw new InvalidRequestException("program version id must not be blank");
        }
        rewards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rewards));
        for (Map.Entry<String, RedemptionRule> e : redemptionRules.entrySet()) {
            if (!e.getValue().currency().code().equals(e.getKey())) {
                throw new InvalidRequestException("redemption rule for " + e.getValue().currency().code()
                        + " is filed under '" + e.getKey() + "'; file each rule under its currency's code");
            }
        }
        redemptionRules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(redemptionRules));
        Objects.requireNonNull(voucherConversions, "voucher conversions must not be null");
        for (Map.Entry<String, VoucherConversion> e : voucherConversions.entrySet()) {
            if (!e.getValue().currency().code().equals(e.getKey())) {
                throw new InvalidRequestException("voucher conversion of " + e.getValue().currency().code()
                        + " is filed under '" + e.getKey() + "'; file each under its currency's code");
            }
        }
        voucherConversions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(voucherConversions));
        Objects.requireNonNull(challenges, "challenges must not be null");
        Map<String, String> tags = new java.util.HashMap<>();
        for (Map.Entry<String, io.github.loyaltyrules.engagement.Challenge> e : challenges.entrySet()) {
            if (!e.getValue().id().equals(e.getKey())) {
                throw new io.github.loyaltyrules.engagement.ChallengeException(
                        io.github.loyaltyrules.ledger.LoyaltyException.Reason.INVALID_DEFINITION, "challenge "
                        + e.getValue().id() + " is filed under '" + e.getKey() + "'; file each under its own id");
            }
            String other = tags.put(e.getValue().tag(), e.getKey());
            if (other != null) {
                throw new io.github.loyaltyrules.engagement.ChallengeException(
                        io.github.loyaltyrules.ledger.LoyaltyException.Reason.INVALID_DEFINITION, "challenges " + other
                        + " and " + e.getKey() + " share the key tag " + e.getValue().tag() + "; rename one of them");
            }
        }
        challenges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(challenges));
    }

    /**
     * Creates a version without challenges.
     *
     * @param id the version id, e.g. "2026-11-spring-promo"; not blank
     * @param engine the rule engine
     * @param rewards the rewards catalogue by reward id
     * @param redemptionRules the redemption rules by currency code
     * @param voucherConversions the voucher conversions by currency code
     * @throws NullPointerException if a component, key or value is null
     * @throws InvalidRequestException if the id is blank or a redemption rule or voucher conversion is filed
     *         under another currency's code
     */
    public ProgramVersion(String id, RuleEngine engine, Map<String, Reward> rewards,
            Map<String, RedemptionRule> redemptionRules, Map<String, VoucherConversion> voucherConversions) {
        this(id, engine, rewards, redemptionRules, voucherConversions, Map.of());
    }

    /**
     * Creates a version without voucher conversions.
     *
     * @param id the version id, e.g. "2026-11-spring-promo"; not blank
     * @param engine the rule engine
     * @param rewards the rewards catalogue by reward id
     * @param redemptionRules the redemption rules by currency code
     * @throws NullPointerException if a component, key or value is null
     * @throws InvalidRequestException if the id is blank or a redemption rule is filed under another
     *         currency's code
     */
    public ProgramVersion(String id, RuleEngine engine, Map<String, Reward> rewards,
            Map<String, RedemptionRule> redemptionRules) {
        this(id, engine, rewards, redemptionRules, Map.of());
    }

    /**
     * Creates a version without redemption rules.
     *
     * @param id the version id, e.g. "2026-11-spring-promo"; not blank
     * @param engine the rule engine
     * @param rewards the rewards catalogue by reward id
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the id is blank
     */
    public ProgramVersion(String id, RuleEngine engine, Map<String, Reward> rewards) {
        this(id, engine, rewards, Map.of());
    }

    /**
     * Returns a version with the given rewards.
     *
     * @param id the version id
     * @param engine the rule engine
     * @param rewards the rewards; ids must be unique
     * @return the version
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the id is blank or two rewards share an id
     */
    public static ProgramVersion of(String id, RuleEngine engine, List<Reward> rewards) {
        Map<String, Reward> byId = new LinkedHashMap<>();
        for (Reward r : Objects.requireNonNull(rewards, "rewards must not be null")) {
            if (byId.put(r.id(), r) != null) {
                throw new InvalidRequestException("reward id '" + r.id() + "' appears twice in program version " + id
                        + "; reward ids must be unique");
            }
        }
        return new ProgramVersion(id, engine, byId);
    }

    /**
     * Returns a copy with these redemption rules added, each replacing the rule of its currency.
     *
     * @param rules the rules
     * @return the copy
     * @throws NullPointerException if {@code rules} or a rule is null
     */
    public ProgramVersion withRedemptionRules(RedemptionRule... rules) {
        Map<String, RedemptionRule> all = new LinkedHashMap<>(redemptionRules);
        for (RedemptionRule r : Objects.requireNonNull(rules, "redemption rules must not be null")) {
            Objects.requireNonNull(r, "redemption rule must not be null");
            all.put(r.currency().code(), r);
        }
        return new ProgramVersion(id, engine, rewards, all, voucherConversions, challenges);
    }

    /**
     * Returns a copy with these voucher conversions added, each replacing the conversion of its currency.
     *
     * @param conversions the conversions
     * @return the copy
     * @throws NullPointerException if {@code conversions} or a conversion is null
     */
    public ProgramVersion withVoucherConversions(VoucherConversion... conversions) {
        Map<String, VoucherConversion> all = new LinkedHashMap<>(voucherConversions);
        for (VoucherConversion c : Objects.requireNonNull(conversions, "voucher conversions must not be null")) {
            Objects.requireNonNull(c, "voucher conversion must not be null");
            all.put(c.currency().code(), c);
        }
        return new ProgramVersion(id, engine, rewards, redemptionRules, all, challenges);
    }

    /**
     * Returns the redemption rule of a currency.
     *
     * @param currencyCode the point currency code
     * @return the rule, or empty if any positive amount may be redeemed
     * @throws NullPointerException if {@code currencyCode} is null
     */
    public Optional<RedemptionRule> redemptionRule(String currencyCode) {
        return Optional.ofNullable(redemptionRules.get(Objects.requireNonNull(currencyCode, "currency code must not be null")));
    }

    /**
     * Returns a copy with these challenges added, each replacing a challenge of its id.
     *
     * @param added the challenges
     * @return the copy
     * @throws NullPointerException if {@code added} or a challenge is null
     * @throws io.github.loyaltyrules.engagement.ChallengeException if two challenges' ids share a key tag
     */
    public ProgramVersion withChallenges(io.github.loyaltyrules.engagement.Challenge... added) {
        Map<String, io.github.loyaltyrules.engagement.Challenge> all = new LinkedHashMap<>(challenges);
        for (io.github.loyaltyrules.engagement.Challenge c : Objects.requireNonNull(added, "challenges must not be null")) {
            Objects.requireNonNull(c, "challenge must not be null");
            all.put(c.id(), c);
        }
        return new ProgramVersion(id, engine, rewards, redemptionRules, voucherConversions, all);
    }
}
