package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which kind of operation each caller key was used for, and the request a key was first used with:
 * claims a key for one kind of operation (a key first used for another kind is a conflict, and a
 * claim is withdrawn if its operation is rejected), runs ledger operations under the member's lock,
 * and finds the stored record of a retried request.
 */
final class KeyClaims {

    static final String ACTIVITY = "a purchase or event";
    static final String RETURN = "a return";
    static final String LEDGER_OP = "a redemption, reservation, capture or release";

    private final ProgramContext context;

    KeyClaims(ProgramContext context) {
        this.context = context;
    }

    /**
     * What a request was, compared by value to tell a retry from a reused key. Described as text only
     * when a conflict is reported: building that text on every purchase was most of its allocation.
     */
    record Request(String kind, Object content, MemberId member, Instant at) {
        /** Names the request's kind without its content, which may be another member's. */
        @Override
        public String toString() {
            return kind.equals("return") ? "a return" : "a purchase or event";
        }

        /**
         * Names the first part in which this request differs from another, without the values of
         * either (the other may be another member's request).
         */
        String differingPart(Request other) {
            if (!kind.equals(other.kind)) {
                return "kind of request (" + other + ", this is " + this + ")";
            }
            if (!member.equals(other.member)) {
                return "member";
            }
            if (!at.equals(other.at)) {
                return "business time";
            }
            return kind.equals("return") ? "purchase or returned units" : "basket or event";
        }

        /** The request a stored record was made by. */
        static Request of(ReceiptRecord r) {
            return r.kind() == ReceiptRecord.Kind.RETURN
                    ? new Request("return", List.of(new java.util.TreeMap<>(r.units()), r.original()), r.member(), r.at())
                    : new Request("activity", r.activity(), r.member(), r.at());
        }
    }

    /**
     * Returns the stored record of a request retried with its key (to be completed and returned), or
     * null if the key has no record; a key used for another request is a conflict.
     */
    ReceiptRecord replayable(IdempotencyKey key, Request fingerprint) {
        ReceiptRecord earlier = context.store.receipt(key).orElse(null);
        if (earlier == null) {
            return null;
        }
        if (earlier.kind() == ReceiptRecord.Kind.REWARD) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for a reward"
                    + " redemption; this request is " + fingerprint + ". Reuse a key only to retry the same request");
        }
        Request first = Request.of(earlier);
        if (!first.equals(fingerprint)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for a request with"
                    + " another " + first.differingPart(fingerprint) + "; reuse a key only to retry the same request");
        }
        return earlier;
    }

    /** Runs a ledger operation under the member's lock, after claiming its key for ledger operations. */
    <T> T ledgerOp(MemberId member, IdempotencyKey key, Supplier<T> op) {
        Objects.requireNonNull(key, "idempotency key must not be null");
        Object lock = context.lock(member);
        context.ledger.account(member);
        synchronized (lock) {
            return claimed(key, LEDGER_OP, op);
        }
    }

    /**
     * Claims a caller key for one kind of operation and runs it; a key first used for another kind
     * is a conflict. A claim made here is withdrawn if the operation is rejected.
     */
    <T> T claimed(IdempotencyKey key, String use, Supplier<T> op) {
        boolean claimedNow = claim(key, use);
        try {
            return op.get();
        } catch (RuntimeException e) {
            if (claimedNow) {
                context.store.withdrawKey(key, use);
            }
            throw e;
        }
    }

    /**
     * Claims a caller key for one kind of operation; returns true if this call made the claim (and
     * must withdraw it if the operation is rejected), false if the key was already claimed for it.
     */
    boolean claim(IdempotencyKey key, String use) {
        Optional<String> first = context.store.claimKey(key, use);
        if (first.isPresent() && !first.get().equals(use)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for " + first.get()
                    + "; this request is " + use + ". Reuse a key only to retry the same request");
        }
        return first.isEmpty();
    }
}
