package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What rules may know about a member when they evaluate: tier, tags, attributes, birthday and
 * purchase history counts. Personal attributes are optional; rules needing one that is absent
 * simply do not match.
 *
 * @param id the member
 * @param tier the current tier name, or {@code null} if the program has no tiers
 * @param tags free-form tags, e.g. "staff", "student"
 * @param attributes free-form attributes
 * @param birthday the birthday, or {@code null} if unknown
 * @param purchasesSoFar how many purchases the member made before this one
 */
public record MemberProfile(MemberId id, String tier, Set<String> tags, Map<String, String> attributes,
        LocalDate birthday, long purchasesSoFar) {

    /**
     * Validates the profile and makes its collections unmodifiable.
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
    public MemberProfile {
        Objects.requireNonNull(id, "member id must not be null");
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
        if (purchasesSoFar < 0) {
            throw new InvalidRequestException("purchases so far must not be negative; got " + purchasesSoFar);
        }
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
     * Returns the tier name.
     *
     * @return the tier, or empty
     */
    public Optional<String> currentTier() {
        return Optional.ofNullable(tier);
    }
}
