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
 * @param rewardsRedeemed redemptions per reward id, and per reward id and period for rewards with
 *        per-period limits ({@link #periodCount}: the id, {@value #PERIOD_SEPARATOR_NAME}, the period's
 *        count name); each count positive
 *
 * @since 0.1.0
 */
public record MemberRecord(MemberId member, long version, Set<String> tags, Map<String, String> attributes,
        LocalDate birthday, long purchases, Map<String, Integer> rewardsRedeemed) {

    /**
     * What separates a reward id from a period in the keys of {@code rewardsRedeemed}: the unit
     * separator, a control character, which reward ids cannot contain.
     */
    public static final char PERIOD_SEPARATOR = '\u001F';

    /** The name of {@link #PERIOD_SEPARATOR} in documentation. */
    public static final String PERIOD_SEPARATOR_NAME = "U+001F";

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
     * Returns how often a reward was redeemed in a period.
     *
     * @param rewardId the reward id
     * @param period the period's count name; empty for the lifetime count
     * @return the count; 0 if never, or if the period's count was dropped for a later one
     * @throws NullPointerException if an argument is null
     */
    public int redeemed(String rewardId, String period) {
        return period.isEmpty() ? redeemed(rewardId) : rewardsRedeemed.getOrDefault(periodCount(rewardId, period), 0);
    }

    /**
     * Returns the key of {@code rewardsRedeemed} that counts a reward's redemptions in a period.
     *
     * @param rewardId the reward id
     * @param period the period's count name, as {@link io.github.loyaltyrules.program.UsageLimit#countOn}
     *        gives it; not empty
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code period} is empty
     */
    public static String periodCount(String rewardId, String period) {
        Objects.requireNonNull(rewardId, "reward id must not be null");
        if (period.isEmpty()) {
            throw new IllegalArgumentException("a period count needs a period; the lifetime count is the reward id");
        }
        return rewardId + PERIOD_SEPARATOR + period;
    }

    /**
     * Returns the next version with a reward's lifetime count and its counts in the given periods
     * changed by {@code delta}. Adding to a period drops the reward's counts of earlier periods of the
     * same kind (all but the last word of the count name equal, the last earlier), which no limit reads
     * any more; taking away from a period count that is gone leaves it gone.
     *
     * @param rewardId the reward id
     * @param periods the count names of the periods, as {@link io.github.loyaltyrules.program.UsageLimit#countOn}
     *        gives them; each not empty
     * @param delta +1 for a redemption, -1 to withdraw one that the ledger rejected
     * @return the next version
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lifetime count would become negative, or a period is empty
     */
    public MemberRecord plusRedemption(String rewardId, java.util.List<String> periods, int delta) {
        MemberRecord next = plusRedemption(rewardId, delta);
        if (periods.isEmpty()) {
            return next;
        }
        Map<String, Integer> counts = new java.util.HashMap<>(next.rewardsRedeemed);
        for (String period : periods) {
            String key = periodCount(rewardId, period);
            int n = counts.getOrDefault(key, 0) + delta;
            if (delta > 0) {
                int cut = key.lastIndexOf(' ') + 1;
                String kind = key.substring(0, cut);
                String start = key.substring(cut);
                counts.keySet().removeIf(k -> k.length() == key.length() && k.startsWith(kind)
                        && k.substring(cut).compareTo(start) < 0);
            }
            if (n <= 0) {
                counts.remove(key);
            } else {
                counts.put(key, n);
            }
        }
        return new MemberRecord(member, next.version, tags, attributes, birthday, purchases, counts);
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
