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
 */
public record Posting(IdempotencyKey key, PostingType type, MemberId member, MemberId counterparty, String currency,
        long amount, Instant at, String reason, IdempotencyKey target, String fingerprint, List<Entry> entries) {

    /**
     * Validates the posting and makes its entry list unmodifiable.
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
        Checks.notNull(fingerprint, "fingerprint");
        entries = List.copyOf(entries);
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
