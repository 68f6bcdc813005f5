package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A term of a program: points of one currency do not expire while their member holds one of the
 * given tiers, and when the member leaves those tiers, the points they hold expire as {@code after}
 * dates a lot earned on the day the status ended, unless they would expire later anyway. "Miles do
 * not expire while you hold Gold or Platinum status; when your status ends, your miles expire 24
 * months after the day it ended" is
 * {@code ExpiryProtection.of("MILES", Set.of("Gold", "Platinum"), ExpiryPolicy.afterTerm(Period.ofMonths(24)))}.
 * {@link TierExpiryHolds} applies it to a ledger as members' tiers change.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param currency the code of the protected currency
 * @param tiers the names of the protecting tiers, in the order given
 * @param after how the points expire counted from the day the status ended
 *
 * @since 0.1.0
 */
public record ExpiryProtection(String currency, Set<String> tiers, ExpiryPolicy after) {

    /**
     * Validates the term.
     *
     * @param currency the code of the protected currency
     * @param tiers the names of the protecting tiers
     * @param after how the points expire counted from the day the status ended
     * @throws NullPointerException if an argument, or a tier name, is null
     * @throws InvalidTierRequestException if the currency code is blank, there is no tier, or {@code after}
     *     has an inactivity rule
     */
    public ExpiryProtection {
        Objects.requireNonNull(currency, "protected currency must not be null");
        Objects.requireNonNull(tiers, "protecting tiers must not be null");
        Objects.requireNonNull(after, "expiry after the status must not be null");
        if (currency.isBlank()) {
            throw new InvalidTierRequestException("protected currency must not be blank; got '"
                    + Inputs.shown(currency) + "'");
        }
        if (tiers.isEmpty()) {
            throw new InvalidTierRequestException("expiry protection of " + currency
                    + " needs at least one protecting tier; got none");
        }
        for (String t : tiers) {
            Objects.requireNonNull(t, "protecting tier name must not be null");
        }
        if (after.inactivity().isPresent()) {
            throw new InvalidTierRequestException("expiry of " + currency + " after a protecting status must date"
                    + " lots, not count inactivity; got '" + after + "'");
        }
        tiers = Collections.unmodifiableSet(new LinkedHashSet<>(tiers));
    }

    /**
     * Returns the term; see the class description.
     *
     * @param currency the code of the protected currency
     * @param tiers the names of the protecting tiers
     * @param after how the points expire counted from the day the status ended
     * @return the term
     * @throws NullPointerException if an argument, or a tier name, is null
     * @throws InvalidTierRequestException if the currency code is blank, there is no tier, or {@code after}
     *     has an inactivity rule
     */
    public static ExpiryProtection of(String currency, Set<String> tiers, ExpiryPolicy after) {
        return new ExpiryProtection(currency, tiers, after);
    }

    /**
     * Tells whether a tier protects the currency's points.
     *
     * @param tier a tier name, or {@code null} for none
     * @return true if it is one of {@link #tiers()}
     */
    public boolean protects(String tier) {
        return tier != null && tiers.contains(tier);
    }
}
