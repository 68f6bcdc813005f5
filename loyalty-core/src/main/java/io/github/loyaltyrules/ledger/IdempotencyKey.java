package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.Inputs;

/**
 * The caller's unique name for one posting, which makes retries safe.
 *
 * <p>Posting again with the same key and the same content returns the first result and changes
 * nothing; the same key with other content is rejected with {@link IdempotencyConflictException}.
 * A key also names its posting later, for a reversal or a capture. Keys starting with
 * {@value #SYSTEM_PREFIX} are reserved for postings the ledger makes itself (expiry sweeps).
 *
 * @param value the key text: 1 to 200 characters, no control, bidi control or unpaired surrogate characters
 *
 * @since 0.1.0
 */
public record IdempotencyKey(String value) {

    /** Longest key text accepted. */
    public static final int MAX_LENGTH = 200;

    /** Prefix of keys the ledger generates for its own postings. */
    public static final String SYSTEM_PREFIX = "~";

    /**
     * Validates the key.
     *
     * @param value the key text
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidRequestException if the text is blank, too long or contains control, bidi control or
     *         unpaired surrogate characters
     */
    public IdempotencyKey {
        Checks.identifier(value, "idempotency key", MAX_LENGTH);
    }

    /**
     * Returns a caller's key.
     *
     * @param value the key text; must not start with {@value #SYSTEM_PREFIX}
     * @return the key
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidRequestException if the text is blank, too long, contains control, bidi control or
     *         unpaired surrogate characters, or starts with the reserved prefix {@value #SYSTEM_PREFIX}
     */
    public static IdempotencyKey of(String value) {
        Checks.notNull(value, "idempotency key");
        if (value.startsWith(SYSTEM_PREFIX)) {
            throw new InvalidRequestException("idempotency key must not start with '" + SYSTEM_PREFIX
                    + "', which is reserved for the ledger's own postings; got '" + Inputs.shown(value) + "'");
        }
        return new IdempotencyKey(value);
    }

    /**
     * Tells whether the ledger generated this key for one of its own postings.
     *
     * @return true for a system key
     */
    public boolean isSystem() {
        return value.startsWith(SYSTEM_PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
