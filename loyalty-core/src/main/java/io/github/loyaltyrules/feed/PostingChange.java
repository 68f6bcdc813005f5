package io.github.loyaltyrules.feed;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import java.time.Instant;
import java.util.Objects;

/**
 * A posting the ledger committed, as the change feed gives it: what a notification or a CRM needs,
 * without the posting's free text (its reason shows as its length) or the request text kept with
 * it.
 *
 * @param position the feed position just after this change
 * @param key the posting's idempotency key (use it to tell postings apart downstream)
 * @param type the operation
 * @param member the member the posting was made for (for a transfer, the sender)
 * @param counterparty the receiver of a transfer, or {@code null}
 * @param currency the currency code
 * @param amount the amount asked for, in minor units
 * @param at the business time
 * @param target the key of the posting this one reverses, captures or releases, or {@code null}
 * @param reasonLength the length of the reason given, in chars
 *
 * @since 0.1.0
 */
public record PostingChange(FeedPosition position, IdempotencyKey key, PostingType type, MemberId member,
        MemberId counterparty, String currency, long amount, Instant at, IdempotencyKey target, int reasonLength)
        implements Change {

    /**
     * Validates the change.
     *
     * @param position the feed position just after this change
     * @param key the posting's key
     * @param type the operation
     * @param member the member
     * @param counterparty the receiver of a transfer, or {@code null}
     * @param currency the currency code
     * @param amount the amount in minor units
     * @param at the business time
     * @param target the targeted posting's key, or {@code null}
     * @param reasonLength the reason's length; 0 or more
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if {@code reasonLength} is negative
     */
    public PostingChange {
        Objects.requireNonNull(position, "position must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (reasonLength < 0) {
            throw new IllegalArgumentException("reason length must be 0 or more; got " + reasonLength);
        }
    }

    /**
     * Returns the change for a posting read at a position.
     *
     * @param position the feed position just after the posting
     * @param posting the posting
     * @return the change
     * @throws NullPointerException if an argument is null
     */
    public static PostingChange of(FeedPosition position, Posting posting) {
        return new PostingChange(position, posting.key(), posting.type(), posting.member(), posting.counterparty(),
                posting.currency(), posting.amount(), posting.at(), posting.target(), posting.reason().length());
    }
}
