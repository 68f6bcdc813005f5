package io.github.loyaltyrules.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One append-only line of a member's ledger. Entries are never edited: corrections are new
 * entries. The sum of a member's entry amounts in a currency is the balance in that currency, and
 * the sum of their debt deltas the debt.
 *
 * @param sequence the entry's position in the member's ledger, from 1
 * @param posting the key of the posting the entry belongs to
 * @param postingType the type of that posting
 * @param type what the entry did
 * @param member the member
 * @param currency the currency code
 * @param amount the signed change of the balance, in minor units
 * @param heldDelta the signed change of the reserved amount, in minor units
 * @param debtDelta the signed change of the debt, in minor units
 * @param at the business time
 * @param reason the human-readable reason, shown on statements
 * @param lots what the entry did to each lot
 *
 * @since 0.1.0
 */
public record Entry(long sequence, IdempotencyKey posting, PostingType postingType, EntryType type, MemberId member,
        String currency, long amount, long heldDelta, long debtDelta, Instant at, String reason,
        List<LotMovement> lots) {

    /**
     * Validates the entry and makes its lot list unmodifiable.
     *
     * @param sequence the entry's position in the member's ledger, from 1
     * @param posting the key of the posting the entry belongs to
     * @param postingType the type of that posting
     * @param type what the entry did
     * @param member the member
     * @param currency the currency code
     * @param amount the signed change of the balance, in minor units
     * @param heldDelta the signed change of the reserved amount, in minor units
     * @param debtDelta the signed change of the debt, in minor units
     * @param at the business time
     * @param reason the human-readable reason, shown on statements
     * @param lots what the entry did to each lot
     * @throws NullPointerException if a component is null
     */
    public Entry {
        Checks.notNull(posting, "posting");
        Checks.notNull(postingType, "posting type");
        Checks.notNull(type, "entry type");
        Checks.notNull(member, "member");
        Checks.notNull(currency, "currency");
        Checks.notNull(at, "at");
        Checks.notNull(reason, "reason");
        // kept compactly: every entry lives as long as the ledger
        lots = Movements.copyOf(lots);
    }

    /**
     * Shows the parts, with the free-text reason as its length only (it may hold personal data).
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "Entry[sequence=" + sequence + ", posting=" + posting + ", postingType=" + postingType + ", type=" + type
                + ", member=" + member + ", currency=" + currency + ", amount=" + amount + ", heldDelta=" + heldDelta
                + ", debtDelta=" + debtDelta + ", at=" + at + ", reason=" + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + ", lots=" + lots + "]";
    }
}
