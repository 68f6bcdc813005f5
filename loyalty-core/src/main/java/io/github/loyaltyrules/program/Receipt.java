package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.rule.Award;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a purchase, event or return did: the awards (or claw-backs) with their explanations, the
 * ledger postings that carried them, and the program version that computed them.
 *
 * @param key the caller's idempotency key
 * @param member the member
 * @param programVersion the id of the program version that computed the awards
 * @param at the business time
 * @param awards the award lines (for a return: what was clawed back, per rule)
 * @param postings the ledger postings, one per currency; for a return, then the reversals that give back points
 *        spent on the purchase
 * @param clawBack true for a return, whose award lines are what was taken back
 *
 * @since 0.1.0
 */
public record Receipt(IdempotencyKey key, MemberId member, String programVersion, Instant at, List<Award> awards,
        List<Posting> postings, boolean clawBack) {

    /**
     * Validates the receipt and makes its lists unmodifiable.
     *
     * @param key the caller's idempotency key
     * @param member the member
     * @param programVersion the id of the program version that computed the awards
     * @param at the business time
     * @param awards the award lines (for a return: what was clawed back, per rule)
     * @param postings the ledger postings, one per currency; for a return, then the reversals that give back
     *        spent points
     * @param clawBack true for a return, whose award lines are what was taken back
     * @throws NullPointerException if a component is null
     */
    public Receipt {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(programVersion, "program version must not be null");
        Objects.requireNonNull(at, "at must not be null");
        awards = List.copyOf(awards);
        postings = List.copyOf(postings);
    }

    /**
     * Returns the total of the award lines in one currency. For a return ({@link #clawBack()}) the
     * lines are what was taken back, so the total is positive too; {@link #change} gives the signed
     * figure that {@link #render()} shows.
     *
     * @param currency the currency code
     * @return the sum in minor units
     */
    public long total(String currency) {
        long sum = 0;
        for (Award a : awards) {
            if (a.currency().equals(currency)) {
                sum += a.amount();
            }
        }
        return sum;
    }

    /**
     * Returns what the receipt did to the member's points in one currency, with the sign its
     * rendering shows: the {@link #total} of a purchase or event, minus the total of a return (e.g.
     * -12 for a return that took back 12 points).
     *
     * @param currency the currency code
     * @return the signed sum in minor units
     */
    public long change(String currency) {
        long total = total(currency);
        return clawBack ? -total : total;
    }

    /**
     * Renders the receipt as a short, plain customer statement, one line per award, e.g.
     * {@code "+12 PTS: Base points (1 pt per 1.00 on 12.40 EUR; floor)"}; a return's lines start with "-".
     *
     * @return the text; "no points" if nothing was awarded
     */
    public String render() {
        if (awards.isEmpty()) {
            return "no points";
        }
        StringBuilder sb = new StringBuilder();
        for (Award a : awards) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            String line = a.describe();
            sb.append(clawBack ? "-" + line.substring(1) : line);
        }
        return sb.toString();
    }
}
