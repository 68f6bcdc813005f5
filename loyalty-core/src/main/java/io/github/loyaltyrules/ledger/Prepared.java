package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * One posting request, checked and ready to post: its business time and key, its fingerprint (or
 * the parts a posting derives it from), the members it touches, and what it does to their drafts.
 * The posting rules make it; {@link Poster} posts it.
 */
record Prepared(Instant at, IdempotencyKey key, String fingerprint, Request request, MemberId member,
        MemberId other, Operation op) {

    /** Whether a posting made earlier with this key was made by this very request. */
    boolean madeBy(Posting first) {
        return fingerprint != null ? first.fingerprint().equals(fingerprint)
                : request.madeFrom(first) || first.fingerprint().equals(request.text());
    }

    PostingType type() {
        return fingerprint != null ? PostingType.valueOf(fingerprint.substring(0, fingerprint.indexOf(' ')))
                : request.type();
    }

    /** What an operation says about the posting it made; the entries come from the drafts. */
    record Header(PostingType type, MemberId member, MemberId counterparty, String currency, long amount,
            Instant at, String reason, IdempotencyKey target) {
    }

    @FunctionalInterface
    interface Operation {
        Header apply(DraftLookup drafts);
    }

    /**
     * The parts of a request whose fingerprint a {@link Posting} can derive from its own parts: an
     * earn, redeem or adjustment ({@link Fingerprints#simpleFingerprint}; {@code target} null) or a full reversal
     * of {@code target} ({@link Fingerprints#fullReversalFingerprint}; amount and currency unused). The posting
     * keeps no text for it, and a retry of a simple request is recognised by comparing the parts.
     */
    record Request(PostingType type, MemberId member, long amount, String currency, Instant at,
            String reason, IdempotencyKey target) {

        String text() {
            return target == null ? Fingerprints.simpleFingerprint(type, member, amount, currency, at, reason)
                    : Fingerprints.fullReversalFingerprint(member, at, reason, target);
        }

        /**
         * Whether the posting was made from the very same parts (then the fingerprints are equal);
         * false for a reversal, which is compared by its text.
         */
        boolean madeFrom(Posting p) {
            return target == null && p.type() == type && p.amount() == amount && p.counterparty() == null
                    && p.target() == null && p.member().equals(member) && p.currency().equals(currency)
                    && p.at().equals(at) && p.reason().equals(reason);
        }

        /** Whether a header says what this request says, so that a posting of it derives the same text. */
        boolean describes(Header h) {
            if (target != null) {
                return h.type() == PostingType.REVERSAL && type == PostingType.REVERSAL && target.equals(h.target())
                        && h.member().equals(member) && h.at().equals(at) && h.reason().equals(reason);
            }
            return h.type() == type && h.amount() == amount && h.counterparty() == null && h.target() == null
                    && h.member().equals(member) && h.currency().equals(currency) && h.at().equals(at)
                    && h.reason().equals(reason);
        }
    }
}
