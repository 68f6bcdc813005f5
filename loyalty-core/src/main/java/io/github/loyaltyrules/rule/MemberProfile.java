package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What rules may know about a member when they evaluate: tier and its benefits (earning multiplier
 * and perks), tags, attributes, birthday, purchase history counts and badges. Personal attributes are
 * optional; rules needing one that is absent simply do not match.
 *
 * <p>The tier's earning multiplier is exact ({@link BigDecimal}); {@link BigDecimal#ONE} when the
 * member has no tier or the tier has no multiplier. An engine applies it as its program states
 * (the default engine through a tier multiplier rule).
 *
 * @param id the member
 * @param tier the current tier name, or {@code null} if the program has no tiers
 * @param tags free-form tags, e.g. "staff", "student"
 * @param attributes free-form attributes
 * @param birthday the birthday, or {@code null} if unknown
 * @param purchasesSoFar how many purchases the member made before this one
 * @param tierMultiplier the earning multiplier of the member's tier; positive and below 10^18, {@code 1} for none
 * @param perks the perks of the member's tier, e.g. "free-refill"; empty for none
 * @param badges the ids of the badges the member holds (earned by completing challenges), e.g.
 *     "coffee-connoisseur"; empty for none
 *
 * @since 0.1.0
 */
public record MemberProfile(MemberId id, String tier, Set<String> tags, Map<String, String> attributes,
        LocalDate birthday, long purchasesSoFar, BigDecimal tierMultiplier, Set<String> perks, Set<String> badges) {

    /**
     * Validates the profile and makes its collections unmodifiable.
     *
     * @param id the member
     * @param tier the current tier name, or {@code null} if the program has no tiers
     * @param tags free-form tags, e.g. "staff", "student"
     * @param attributes free-form attributes
     * @param birthday the birthday, or {@code null} if unknown
     * @param purchasesSoFar how many purchases the member made before this one
     * @param tierMultiplier the earning multiplier of the member's tier; positive and below 10^18, {@code 1} for none
     * @param perks the perks of the member's tier, e.g. "free-refill"; empty for none
     * @param badges the ids of the badges the member holds; empty for none
     * @throws NullPointerException if a required component is null
     * @throws InvalidRequestException if {@code purchasesSoFar} is negative or the multiplier is not positive
     *         or is 10^18 or more
     */
    public MemberProfile {
        Objects.requireNonNull(id, "member id must not be null");
        Objects.requireNonNull(tierMultiplier, "tier multiplier must not be null (use BigDecimal.ONE for none)");
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
        perks = Set.copyOf(perks);
        badges = Set.copyOf(badges);
        if (purchasesSoFar < 0) {
            throw new InvalidRequestException("purchases so far must not be negative; got " + purchasesSoFar);
        }
        if (tierMultiplier.signum() <= 0) {
            throw new InvalidRequestException("tier multiplier of member " + id + " must be positive; got "
                    + Inputs.shown(tierMultiplier));
        }
        if (Inputs.tooLargeFactor(tierMultiplier)) {
            throw new InvalidRequestException("tier multiplier of member " + id + " must be below 10^"
                    + Inputs.FACTOR_DIGITS + "; got " + Inputs.shown(tierMultiplier));
        }
    }

    /**
     * Returns a profile without badges.
     *
     * @param id the member
     * @param tier the current tier name, or {@code null} if the program has no tiers
     * @param tags free-form tags, e.g. "staff", "student"
     * @param attributes free-form attributes
     * @param birthday the birthday, or {@code null} if unknown
     * @param purchasesSoFar how many purchases the member made before this one
     * @param tierMultiplier the earning multiplier of the member's tier; positive and below 10^18, {@code 1} for none
     * @param perks the perks of the member's tier, e.g. "free-refill"; empty for none
     * @throws NullPointerException if a required component is null
     * @throws InvalidRequestException as the canonical constructor does
     */
    public MemberProfile(MemberId id, String tier, Set<String> tags, Map<String, String> attributes,
            LocalDate birthday, long purchasesSoFar, BigDecimal tierMultiplier, Set<String> perks) {
        this(id, tier, tags, attributes, birthday, purchasesSoFar, tierMultiplier, perks, Set.of());
    }

    /**
     * Returns a profile without tier benefits: multiplier {@code 1}, no perks.
     *
     * @param id the member
     * @param tier the current tier name, or {@code null} if the program has no tiers
     * @param tags free-form tags, e.g. "staff", "student"
     * @param attributes free-form attributes
     * @param birthday the birthday, or {@code null} if unknown
     * @param purchasesSoFar how many purchases the member made before this one
     * @throws NullPointerException if a required component is null
     * @throws InvalidRequestException if {@code purchasesSoFar} is negative
     */
    public MemberProfile(MemberId id, String tier, Set<String> tags, Map<String, String> attributes,
            LocalDate birthday, long purchasesSoFar) {
        this(id, tier, tags, attributes, birthday, purchasesSoFar, BigDecimal.ONE, Set.of());
    }

    /**
     * Returns a profile with only an id: no tier, tags, attributes or birthday, no earlier purchases.
     *
     * @param id the member
     * @return the profile
     * @throws NullPointerException if {@code id} is null
     */
    public static MemberProfile of(MemberId id) {
        return new MemberProfile(id, null, Set.of(), Map.of(), null, 0);
    }

    /**
     * Returns a copy with the benefits of the member's tier.
     *
     * @param multiplier the tier's earning multiplier; positive
     * @param tierPerks the tier's perks
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the multiplier is not positive
     */
    public MemberProfile withTierBenefits(BigDecimal multiplier, Set<String> tierPerks) {
        return new MemberProfile(id, tier, tags, attributes, birthday, purchasesSoFar, multiplier, tierPerks, badges);
    }

    /**
     * Returns a copy with the badges the member holds.
     *
     * @param held the badge ids
     * @return the copy
     * @throws NullPointerException if {@code held} is null
     */
    public MemberProfile withBadges(Set<String> held) {
        return new MemberProfile(id, tier, tags, attributes, birthday, purchasesSoFar, tierMultiplier, perks, held);
    }

    /**
     * Returns whether the member's tier grants a perk.
     *
     * @param perk the perk name
     * @return true if the tier has it
     */
    public boolean hasPerk(String perk) {
        return perks.contains(perk);
    }

    /**
     * Returns the tier name.
     *
     * @return the tier, or empty
     */
    public Optional<String> currentTier() {
        return Optional.ofNullable(tier);
    }

    /**
     * Describes the profile without personal data: tags and attribute values, and the birthday,
     * are shown only as what is held, never their values.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "MemberProfile[id=" + id + ", tier=" + tier + ", tags=" + tags.size() + ", attributes="
                + Inputs.keysOnly(attributes) + ", birthday=" + Inputs.hidden(birthday) + ", purchasesSoFar="
                + purchasesSoFar + ", tierMultiplier=" + tierMultiplier + ", perks=" + perks + ", badges=" + badges + "]";
    }
}
