package io.github.loyaltyrules.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One posting request as a value, for {@link Ledger#post(java.util.List)}: the same requests the
 * ledger's single operations take, each checked for missing parts when it is made and by the
 * ledger (amounts, currencies, members, windows) when it is posted.
 *
 * <pre>{@code
 * ledger.post(List.of(
 *         new PostingRequest.Earn(ann, pts.points(120), at, IdempotencyKey.of("order-77/pts"), "order 77"),
 *         new PostingRequest.Earn(ann, tierPoints.points(12), at, IdempotencyKey.of("order-77/tier"), "order 77")));
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface PostingRequest permits PostingRequest.Earn, PostingRequest.AdjustCredit, PostingRequest.Redeem, PostingRequest.AdjustDebit, PostingRequest.Reserve, PostingRequest.Capture, PostingRequest.Release, PostingRequest.Reverse, PostingRequest.Transfer {

    /**
     * Returns the request's idempotency key.
     *
     * @return the key
     */
    IdempotencyKey key();

    /**
     * Returns the request's business time.
     *
     * @return the time
     */
    Instant at();

    /**
     * A request that earns points (see {@link Ledger#earn}).
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason what the points are for
     */
    record Earn(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param amount the points
         * @param at the business time
         * @param key the idempotency key
         * @param reason what the points are for
         * @throws NullPointerException if a required part is null
         */
        public Earn {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "Earn[member=" + member + ", amount=" + amount + ", at=" + at + ", key=" + key + ", reason="
                    + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that credits points manually (see {@link Ledger#adjustCredit}).
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason why
     */
    record AdjustCredit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param amount the points
         * @param at the business time
         * @param key the idempotency key
         * @param reason why
         * @throws NullPointerException if a required part is null
         */
        public AdjustCredit {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "AdjustCredit[member=" + member + ", amount=" + amount + ", at=" + at + ", key=" + key + ", reason="
                    + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that redeems points (see {@link Ledger#redeem}).
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason what the points are spent on
     */
    record Redeem(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param amount the points
         * @param at the business time
         * @param key the idempotency key
         * @param reason what the points are spent on
         * @throws NullPointerException if a required part is null
         */
        public Redeem {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "Redeem[member=" + member + ", amount=" + amount + ", at=" + at + ", key=" + key + ", reason="
                    + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that debits points manually (see {@link Ledger#adjustDebit}).
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason why
     */
    record AdjustDebit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param amount the points
         * @param at the business time
         * @param key the idempotency key
         * @param reason why
         * @throws NullPointerException if a required part is null
         */
        public AdjustDebit {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "AdjustDebit[member=" + member + ", amount=" + amount + ", at=" + at + ", key=" + key + ", reason="
                    + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that reserves points (see {@link Ledger#reserve}).
     *
     * @param member the member
     * @param amount the points
     * @param ttl how long the hold lasts
     * @param at the business time
     * @param key the idempotency key; also names the reservation
     * @param reason what the points are held for
     */
    record Reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param amount the points
         * @param ttl how long the hold lasts
         * @param at the business time
         * @param key the idempotency key; also names the reservation
         * @param reason what the points are held for
         * @throws NullPointerException if a required part is null
         */
        public Reserve {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(ttl, "ttl must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "Reserve[member=" + member + ", amount=" + amount + ", ttl=" + ttl + ", at=" + at + ", key=" + key
                    + ", reason=" + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that captures a reservation (see {@link Ledger#capture}).
     *
     * @param member the member
     * @param reservation the key of the reserve posting
     * @param at the business time
     * @param key the idempotency key
     */
    record Capture(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param reservation the key of the reserve posting
         * @param at the business time
         * @param key the idempotency key
         * @throws NullPointerException if a required part is null
         */
        public Capture {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(reservation, "reservation must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
        }
    }

    /**
     * A request that releases a reservation (see {@link Ledger#release}).
     *
     * @param member the member
     * @param reservation the key of the reserve posting
     * @param at the business time
     * @param key the idempotency key
     */
    record Release(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member
         * @param reservation the key of the reserve posting
         * @param at the business time
         * @param key the idempotency key
         * @throws NullPointerException if a required part is null
         */
        public Release {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(reservation, "reservation must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
        }
    }

    /**
     * A request that reverses an earlier posting in full or in part (see {@link Ledger#reverse(MemberId, IdempotencyKey, Points, Instant, IdempotencyKey, String)}).
     *
     * @param member the member the posting was made for
     * @param original the key of the posting to reverse
     * @param amount how much to reverse, or {@code null} for all that is left
     * @param at the business time
     * @param key the idempotency key
     * @param reason why
     */
    record Reverse(MemberId member, IdempotencyKey original, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param member the member the posting was made for
         * @param original the key of the posting to reverse
         * @param amount how much to reverse, or {@code null} for all that is left
         * @param at the business time
         * @param key the idempotency key
         * @param reason why
         * @throws NullPointerException if a required part is null
         */
        public Reverse {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(original, "original must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "Reverse[member=" + member + ", original=" + original + ", amount=" + amount + ", at=" + at + ", key="
                    + key + ", reason=" + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }

    /**
     * A request that transfers points between members (see {@link Ledger#transfer}).
     *
     * @param from the sender
     * @param to the receiver
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason why
     */
    record Transfer(MemberId from, MemberId to, Points amount, Instant at, IdempotencyKey key, String reason) implements PostingRequest {

        /**
         * Checks that every required part is there.
         *
         * @param from the sender
         * @param to the receiver
         * @param amount the points
         * @param at the business time
         * @param key the idempotency key
         * @param reason why
         * @throws NullPointerException if a required part is null
         */
        public Transfer {
            Objects.requireNonNull(from, "from must not be null");
            Objects.requireNonNull(to, "to must not be null");
            Objects.requireNonNull(amount, "amount must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        /**
         * Shows the parts, with the free-text reason as its length only (it may hold personal data).
         *
         * @return the text
         */
        @Override
        public String toString() {
            return "Transfer[from=" + from + ", to=" + to + ", amount=" + amount + ", at=" + at + ", key=" + key
                    + ", reason=" + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + "]";
        }
    }
}
