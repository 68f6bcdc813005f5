package io.github.loyaltyrules.report;

import io.github.loyaltyrules.ledger.EntryType;
import java.util.Objects;

/**
 * The sums of one type of ledger entry over a period in one currency, all in minor units: what a
 * store adds up for an {@link ActivityReport}. An entry's amount counts towards {@code credited}
 * if it is positive and towards {@code debited} (as a positive number) if it is negative, so that
 * a type whose entries go both ways (a reversal claws back or gives back) keeps both.
 *
 * @param type the entry type
 * @param entries how many entries
 * @param credited the sum of the positive amounts
 * @param debited the sum of the negative amounts, as a positive number
 * @param heldDelta the signed sum of the changes of the reserved amount
 * @param debtDelta the signed sum of the changes of the debt
 *
 * @since 0.1.0
 */
public record EntryTotals(EntryType type, long entries, long credited, long debited, long heldDelta,
        long debtDelta) {

    /**
     * Validates the totals.
     *
     * @param type the entry type
     * @param entries how many entries; not negative
     * @param credited the sum of the positive amounts; not negative
     * @param debited the sum of the negative amounts, as a positive number; not negative
     * @param heldDelta the signed sum of the changes of the reserved amount
     * @param debtDelta the signed sum of the changes of the debt
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if a count or sum that cannot be negative is
     */
    public EntryTotals {
        Objects.requireNonNull(type, "entry type must not be null");
        if (entries < 0 || credited < 0 || debited < 0) {
            throw new IllegalArgumentException("totals of " + type + " entries must not be negative; got " + entries
                    + " entries, " + credited + " credited, " + debited + " debited");
        }
    }

    /**
     * Returns the totals of no entries.
     *
     * @param type the entry type
     * @return the totals, all zero
     * @throws NullPointerException if {@code type} is null
     */
    public static EntryTotals zero(EntryType type) {
        return new EntryTotals(type, 0, 0, 0, 0, 0);
    }

    /**
     * Returns the net change of the balance: credited less debited.
     *
     * @return the signed sum of the amounts
     */
    public long net() {
        return credited - debited;
    }
}
