package io.github.loyaltyrules.ledger;

import java.util.Optional;

/**
 * Thrown when an idempotency key is replayed with content other than the posting first made with it.
 *
 * <p>When the ledger compares a request with the one that first used its key, the exception names the
 * first {@link Field} in which they differ ({@link #field()}), in the message too ("was first used
 * for a request with another amount"), without printing the values of the first request, which may
 * be another member's.
 *
 * @since 0.1.0
 */
public final class IdempotencyConflictException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * A part of a posting request, in the order the ledger compares them when a key is replayed.
     *
     * @since 0.1.0
     */
    public enum Field {
        /** The member the request is for (the sender, for a transfer). */
        MEMBER("member"),
        /** The kind of request: earn, redeem, reserve, reversal... */
        TYPE("type"),
        /** The receiver of a transfer. */
        COUNTERPARTY("counterparty"),
        /** The currency of the amount. */
        CURRENCY("currency"),
        /** The amount; also a reversal of all that is left against one of a given amount. */
        AMOUNT("amount"),
        /** The business time. */
        BUSINESS_TIME("business time"),
        /** The reason given. */
        REASON("reason"),
        /** The posting a reversal, capture or release names. */
        TARGET("target posting"),
        /** The time-to-live of a reservation. */
        TIME_TO_LIVE("time-to-live");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        /** How a message names the field, e.g. "business time". */
        String label() {
            return label;
        }
    }

    /** The field that differs, or null. */
    private final Field field;

    /**
     * Creates the exception, naming no field.
     *
     * @param message what was wrong and what is allowed
     */
    public IdempotencyConflictException(String message) {
        super(Reason.CONFLICT, message);
        this.field = null;
    }

    /**
     * Creates the exception naming the first field in which the request differs from the first one
     * made with its key.
     *
     * @param field the field
     * @param message what was wrong and what is allowed; names the field
     * @throws NullPointerException if {@code field} is null
     */
    public IdempotencyConflictException(Field field, String message) {
        super(Reason.CONFLICT, message);
        this.field = Checks.notNull(field, "field");
    }

    /**
     * Returns the first field in which the request differs from the one first made with its key,
     * when the conflict was found by comparing the two; empty when the key's first use cannot be
     * compared field by field (a key used by a request of the program, or by another batch).
     *
     * @return the field, or empty
     */
    public Optional<Field> field() {
        return Optional.ofNullable(field);
    }
}
