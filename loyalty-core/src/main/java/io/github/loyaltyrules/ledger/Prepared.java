package io.github.loyaltyrules.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * One posting request, checked and ready to post: its key, what was asked ({@link Request}), its
 * fingerprint unless a posting derives it from its own parts, the counterparty it touches (the
 * receiver of a transfer, or of a reversed transfer), and what it does to the drafts. The posting
 * rules make it; {@link Poster} posts it.
 */
record Prepared(IdempotencyKey key, String fingerprint, Request request, MemberId other, Operation op) {

    /** The business time asked for. */
    Instant at() {
        return request.at();
    }

    /** The member asked for (the sender, for a transfer). */
    MemberId member() {
        return request.member();
    }

    /** Whether a posting made earlier with this key was made by this very request. */
    boolean madeBy(Posting first) {
        return fingerprint != null ? first.fingerprint().equals(fingerprint)
                : request.madeFrom(first) || first.fingerprint().equals(request.text());
    }

    PostingType type() {
        return request.type();
    }

    /**
     * What an operation says about the posting it made; the entries come from the drafts. A request
     * whose posting says just what it asked (an earn, a redemption) is its own header.
     */
    interface Header {
        PostingType type();

        MemberId member();

        MemberId counterparty();

        String currency();

        long amount();

        Instant at();

        String reason();

        IdempotencyKey target();

        /** A header that says other than its request asked: a reversal's amount, a transfer's receiver. */
        static Header of(PostingType type, MemberId member, MemberId counterparty, String currency, long amount,
                Instant at, String reason, IdempotencyKey target) {
            return new Said(type, member, counterparty, currency, amount, at, reason, target);
        }
    }

    /** A header made apart from its request. */
    record Said(PostingType type, MemberId member, MemberId counterparty, String currency, long amount,
            Instant at, String reason, IdempotencyKey target) implements Header {
    }

    @FunctionalInterface
    interface Operation {
        Header apply(DraftLookup drafts);
    }

    /**
     * What a request asked for, part by part, as its fingerprint says it; parts it does not ask are
     * null: the receiver ({@code counterparty}) is asked by a transfer only, an amount ({@code currency}
     * and {@code amount}) by all but a capture, a release and a full reversal, a {@code reason} by all
     * but a capture and a release, a {@code target} by a reversal, capture and release, a {@code ttl}
     * by a reservation.
     *
     * <p>A posting derives the fingerprint of an earn, redeem or adjustment
     * ({@link Fingerprints#simpleFingerprint}) and of a full reversal
     * ({@link Fingerprints#fullReversalFingerprint}) from its own parts, and keeps no text for them; a
     * retry of a simple request is recognised by comparing the parts.
     */
    record Request(PostingType type, MemberId member, MemberId counterparty, long amount, String currency,
            Instant at, String reason, IdempotencyKey target, Duration ttl) implements Header {

        /** An earn, redeem or adjustment: the parts of a simple fingerprint. */
        static Request simple(PostingType type, MemberId member, long amount, String currency, Instant at,
                String reason) {
            return new Request(type, member, null, amount, currency, at, reason, null, null);
        }

        /** The derived fingerprint of a simple request or a full reversal; only for those. */
        String text() {
            return target == null ? Fingerprints.simpleFingerprint(type, member, amount, currency, at, reason)
                    : Fingerprints.fullReversalFingerprint(member, at, reason, target);
        }

        /**
         * Whether the posting was made from the very same parts of a simple request (then the
         * fingerprints are equal); false for a reversal, which is compared by its text.
         */
        boolean madeFrom(Posting p) {
            return target == null && p.type() == type && p.amount() == amount && p.counterparty() == null
                    && p.target() == null && p.member().equals(member) && p.currency().equals(currency)
                    && p.at().equals(at) && p.reason().equals(reason);
        }

        /** Whether a header says what this simple request or full reversal says, so that its posting derives the same text. */
        boolean describes(Header h) {
            if (h == this) {
                return true;
            }
            if (target != null) {
                return h.type() == PostingType.REVERSAL && type == PostingType.REVERSAL && target.equals(h.target())
                        && h.member().equals(member) && h.at().equals(at) && h.reason().equals(reason);
            }
            return h.type() == type && h.amount() == amount && h.counterparty() == null && h.target() == null
                    && h.member().equals(member) && h.currency().equals(currency) && h.at().equals(at)
                    && h.reason().equals(reason);
        }

        /**
         * The first part in which this request differs from the request that made {@code first}, read
         * from the posting's parts (what a fingerprint holds, a posting keeps as parts, the
         * time-to-live of a reservation aside); to be asked only of a request whose fingerprint
         * differs from the posting's.
         *
         * @return the part, or null if none of the parts the posting keeps differs and the request is
         *     not a reservation
         */
        IdempotencyConflictException.Field differenceFrom(Posting first) {
            if (!first.member().equals(member)) {
                return IdempotencyConflictException.Field.MEMBER;
            }
            if (first.type() != type) {
                return IdempotencyConflictException.Field.TYPE;
            }
            if (counterparty != null && !counterparty.equals(first.counterparty())) {
                return IdempotencyConflictException.Field.COUNTERPARTY;
            }
            if ((currency != null) != askedAmount(first)) {
                return IdempotencyConflictException.Field.AMOUNT; // all that was left of a posting, against an amount
            }
            if (currency != null && !currency.equals(first.currency())) {
                return IdempotencyConflictException.Field.CURRENCY;
            }
            if (currency != null && amount != first.amount()) {
                return IdempotencyConflictException.Field.AMOUNT;
            }
            if (!at.equals(first.at())) {
                return IdempotencyConflictException.Field.BUSINESS_TIME;
            }
            if (reason != null && !reason.equals(first.reason())) {
                return IdempotencyConflictException.Field.REASON;
            }
            if (target != null && !target.equals(first.target())) {
                return IdempotencyConflictException.Field.TARGET;
            }
            // a reservation's fingerprint holds one part more, its time-to-live: the part that differs
            return ttl != null ? IdempotencyConflictException.Field.TIME_TO_LIVE : null;
        }

        /** Whether the request that made a posting of this type asked for an amount. */
        private static boolean askedAmount(Posting first) {
            switch (first.type()) {
                case CAPTURE: case RELEASE:
                    return false;
                case REVERSAL: // a full reversal's posting derives the text of a reversal of all that was left
                    return !first.fingerprint().equals(Fingerprints.fullReversalFingerprint(first.member(), first.at(),
                            first.reason(), first.target()));
                default:
                    return true;
            }
        }
    }
}
