package io.github.loyaltyrules.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of one operation on the ledger, made under one idempotency key: what was asked, and
 * the entries it wrote. Replaying the same request returns the same posting.
 *
 * @param key the idempotency key; also the posting's name for later reversals and captures
 * @param type the operation
 * @param member the member the operation was made for (for a transfer, the sender)
 * @param counterparty the receiver of a transfer, or {@code null}
 * @param currency the currency code
 * @param amount the amount asked for, in minor units (for a full reversal, the amount reversed)
 * @param at the business time
 * @param reason the reason given
 * @param target the posting this one reverses, captures or releases, or {@code null}
 * @param fingerprint a canonical text of the request, compared when the key is replayed
 * @param entries the entries written, in order
 *
 * @since 0.1.0
 */
public record Posting(IdempotencyKey key, PostingType type, MemberId member, MemberId counterparty, String currency,
        long amount, Instant at, String reason, IdempotencyKey target, String fingerprint, List<Entry> entries) {

    /**
     * What the ledger passes as the fingerprint of a posting that derives it from its other parts
     * (compared by identity, so no caller's text can be taken for it).
     */
    static final String DERIVED = new String("derived");

    /**
     * Validates the posting and makes its entry list unmodifiable. A fingerprint that the posting
     * can derive from its other parts (that of an earn, a redeem, an adjustment or a full reversal) is not kept, but
     * derived again when asked for: retained postings are smaller, and the posting is the same.
     *
     * @param key the idempotency key; also the posting's name for later reversals and captures
     * @param type the operation
     * @param member the member the operation was made for (for a transfer, the sender)
     * @param counterparty the receiver of a transfer, or {@code null}
     * @param currency the currency code
     * @param amount the amount asked for, in minor units (for a full reversal, the amount reversed)
     * @param at the business time
     * @param reason the reason given
     * @param target the posting this one reverses, captures or releases, or {@code null}
     * @param fingerprint a canonical text of the request, compared when the key is replayed
     * @param entries the entries written, in order
     * @throws NullPointerException if a required component is null
     */
    public Posting {
        Checks.notNull(key, "key");
        Checks.notNull(type, "type");
        Checks.notNull(member, "member");
        Checks.notNull(currency, "currency");
        Checks.notNull(at, "at");
        Checks.notNull(reason, "reason");
        if (fingerprint == DERIVED) {
            // only the simple types and reversals derive it: any other keeps the text, as if it had been given
            fingerprint = derivable(type, counterparty, target) || type == PostingType.REVERSAL && target != null ? null
                    : Fingerprints.simpleFingerprint(type, member, amount, currency, at, reason);
        } else {
            Checks.notNull(fingerprint, "fingerprint");
            if (derivable(type, counterparty, target) ? fingerprint.equals(
                    Fingerprints.simpleFingerprint(type, member, amount, currency, at, reason))
                    : type == PostingType.REVERSAL && target != null
                    && fingerprint.equals(Fingerprints.fullReversalFingerprint(member, at, reason, target))) {
                fingerprint = null;
            }
        }
        entries = List.copyOf(entries);
    }

    private static boolean derivable(PostingType type, MemberId counterparty, IdempotencyKey target) {
        return counterparty == null && target == null && (type == PostingType.EARN || type == PostingType.REDEEM
                || type == PostingType.ADJUST_CREDIT || type == PostingType.ADJUST_DEBIT);
    }

    /**
     * Returns the canonical text of the request, compared when the key is replayed.
     *
     * @return the fingerprint
     */
    @Override
    public String fingerprint() {
        if (fingerprint != null) {
            return fingerprint;
        }
        // only a full reversal of its target derives a reversal's text; a partial one keeps it
        return type == PostingType.REVERSAL ? Fingerprints.fullReversalFingerprint(member, at, reason, target)
                : Fingerprints.simpleFingerprint(type, member, amount, currency, at, reason);
    }

    /**
     * Returns the posting's parts as text, in the form of a record's, with the free-text reason as
     * its length only (it may hold personal data) and without the fingerprint (which holds it too).
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "Posting[key=" + key + ", type=" + type + ", member=" + member + ", counterparty=" + counterparty
                + ", currency=" + currency + ", amount=" + amount + ", at=" + at + ", reason="
                + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + ", target=" + target + ", entries="
                + entries + "]";
    }

    /**
     * Returns the posting this one reverses, captures or releases.
     *
     * @return the target's key, or empty
     */
    public Optional<IdempotencyKey> targetKey() {
        return Optional.ofNullable(target);
    }

    /**
     * Returns the signed change of the given member's balance made by this posting.
     *
     * @param who a member
     * @return the sum of the member's entry amounts in this posting
     */
    public long netAmount(MemberId who) {
        long sum = 0;
        for (Entry e : entries) {
            if (e.member().equals(who)) {
                sum += e.amount();
            }
        }
        return sum;
    }
}
