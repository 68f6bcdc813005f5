package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.rule.NearMiss;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LoyaltyProgram#quote} works out for a basket, without changing anything: the receipt
 * the purchase would produce, the rules that would not fire and why (closest first), and where the
 * basket leaves the member on the tier ladder.
 *
 * @param receipt the receipt the purchase would produce, without postings: its awards equal those of
 *        the purchase made next with the same key when nothing else happens in between
 * @param nearMisses the rules that would not fire, each with the conditions that failed, closest first
 *        ({@link NearMiss#CLOSEST_FIRST}); empty for rule engines that cannot say
 * @param tier the member's tier, the next one and what is missing to it; empty for a program without a
 *        tier engine
 *
 * @since 0.1.0
 */
public record Quote(Receipt receipt, List<NearMiss> nearMisses, Optional<TierOutlook> tier) {

    /**
     * Validates the quote and makes its list unmodifiable.
     *
     * @param receipt the receipt the purchase would produce
     * @param nearMisses the rules that would not fire, closest first
     * @param tier the tier outlook, or empty
     * @throws NullPointerException if a component is null or the list holds null
     */
    public Quote {
        Objects.requireNonNull(receipt, "receipt must not be null");
        nearMisses = List.copyOf(Objects.requireNonNull(nearMisses, "near misses must not be null"));
        Objects.requireNonNull(tier, "tier must not be null");
    }

    /**
     * Returns the first near misses, the closest ones, e.g. the few a till has room for.
     *
     * @param limit how many at most; not negative
     * @return the first {@code limit} near misses
     * @throws InvalidRequestException if {@code limit} is negative
     */
    public List<NearMiss> closest(int limit) {
        if (limit < 0) {
            throw new InvalidRequestException("the number of near misses must not be negative; got " + limit);
        }
        return nearMisses.subList(0, Math.min(limit, nearMisses.size()));
    }

    /**
     * Returns the total the purchase would award in one currency.
     *
     * @param currency the currency code
     * @return the sum in minor units
     */
    public long total(String currency) {
        return receipt.total(currency);
    }

    /**
     * Renders the quote for a till: the receipt's lines, then up to {@code limit} near misses (as
     * {@code "missed: <rule>: <why>"}), then the tier line.
     *
     * @param limit how many near misses at most; not negative
     * @return the text
     * @throws InvalidRequestException if {@code limit} is negative
     */
    public String render(int limit) {
        StringBuilder sb = new StringBuilder(receipt.render());
        for (NearMiss m : closest(limit)) {
            sb.append("\nmissed: ").append(m.text());
        }
        tier.ifPresent(t -> sb.append("\ntier: ").append(t.text()));
        return sb.toString();
    }
}
