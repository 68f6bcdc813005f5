package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the program keeps about a member besides points: the optional profile rules read (tags,
 * attributes, birthday), the number of purchases recorded, and how often each reward was redeemed.
 * Versioned: version 0 is a member the store has no record of; each change stores the next version.
 *
 * @param member the member
 * @param version the version; 0 for a member not stored yet
 * @param tags tags such as "staff"
 * @param attributes free-form attributes
 * @param birthday the birthday, or {@code null} if unknown
 * @param purchases the number of purchases recorded
 * @param rewardsRedeemed redemptions per reward id; each count positive
 */
public record MemberRecord(MemberId member, long version, Set<String> tags, Map<String, String> attributes,
        LocalDate birthday, long purchases, Map<String, Integer> rewardsRedeemed) {

    /**
     * Validates and copies the record.
     *
     * @throws NullPointerException if an argument other than {@code birthday} is null
     * @throws IllegalArgumentException if the version or the purchases are negative, or a count is not positive
     */
    public MemberRecord {
        Objects.requireNonNull(member, "member must not be null");
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
        rewardsRedeemed = Map.copyOf(rewardsRedeemed);
        if (version < 0) {
            throw new IllegalArgumentException("member record version must not be negative; got " + version);
        }
        if (purchases < 0) {
            throw new IllegalArgumentException("purchases must not be negative; got " + purchases);
        }
        for (Map.Entry<String, Integer> e : rewardsRedeemed.entrySet()) {
            if (e.getValue() <= 0) {
                throw new IllegalArgumentException("redemptions of reward " + e.getKey() + " must be positive; got "
                        + e.getValue());
            }
        }
    }

    /**
     * Returns the record of a member the store knows nothing about: version 0, empty profile.
     *
     * @param member the member
     * @return the record
     * @throws NullPointerException if {@code member} is null
     */
    public static MemberRecord empty(MemberId member) {
        return new MemberRecord(member, 0, Set.of(), Map.of(), null, 0, Map.of());
    }

    /**
     * Returns the next version with another profile.
     *
     * @param newTags the tags
     * @param newAttributes the attributes
     * @param newBirthday the birthday, or {@code null}
     * @return the next version
     * @throws NullPointerException if {@code newTags} or {@code newAttributes} is null
     */
    public MemberRecord withProfile(Set<String> newTags, Map<String, String> newAttributes, LocalDate newBirthday) {
        return new MemberRecord(member, version + 1, newTags, newAttributes, newBirthday, purchases, rewardsRedeemed);
    }

    /**
     * Returns the next version with one more purchase.
     *
     * @return the next version
     */
    public MemberRecord plusPurchase() {
        return new MemberRecord(member, version + 1, tags, attributes, birthday, purchases + 1, rewardsRedeemed);
    }

    /**
     * Returns the next version with one purchase less: a recorded purchase withdrawn because the
     * ledger refused its points.
     *
     * @return the next version
     * @throws IllegalArgumentException if no purchase is counted
     */
    public MemberRecord minusPurchase() {
        if (purchases == 0) {
            throw new IllegalArgumentException("member has no purchase counted; cannot withdraw one");
        }
        return new MemberRecord(member, version + 1, tags, attributes, birthday, purchases - 1, rewardsRedeemed);
    }

    /**
     * Returns this record moved to a pseudonym with the profile gone, for the erasure of the member:
     * the next version, under {@code pseudonym}, with no tags, attributes or birthday; the purchase and
     * reward counts stay, so that the program's figures still add up.
     *
     * @param pseudonym the id the record moves to
     * @return the moved record
     * @throws NullPointerException if {@code pseudonym} is null
     */
    public MemberRecord pseudonymised(MemberId pseudonym) {
        return new MemberRecord(pseudonym, version + 1, Set.of(), Map.of(), null, purchases, rewardsRedeemed);
    }

    /**
     * Returns how often a reward was redeemed.
     *
     * @param rewardId the reward id
     * @return the count; 0 if never
     */
    public int redeemed(String rewardId) {
        return rewardsRedeemed.getOrDefault(rewardId, 0);
    }

    /**
     * Returns the next version with a reward's count changed.
     *
     * @param rewardId the reward id
     * @param delta +1 for a redemption, -1 to withdraw one that the ledger rejected
     * @return the next version
     * @throws IllegalArgumentException if the count would become negative
     */
    public MemberRecord plusRedemption(String rewardId, int delta) {
        int n = redeemed(rewardId) + delta;
        if (n < 0) {
            throw new IllegalArgumentException("reward " + rewardId + " was redeemed " + redeemed(rewardId)
                    + " times; cannot withdraw " + (-delta));
        }
        Map<String, Integer> counts = new java.util.HashMap<>(rewardsRedeemed);
        if (n == 0) {
            counts.remove(rewardId);
        } else {
            counts.put(rewardId, n);
        }
        return new MemberRecord(member, version + 1, tags, attributes, birthday, purchases, counts);
    }

    /**
     * Describes the record without personal data: tags, attribute values and the birthday are shown
     * only as what is held, never their values.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "MemberRecord[member=" + member + ", version=" + version + ", tags=" + tags.size() + ", attributes="
                + Inputs.keysOnly(attributes) + ", birthday=" + Inputs.hidden(birthday) + ", purchases=" + purchases
                + ", rewardsRedeemed=" + rewardsRedeemed + "]";
    }
}
