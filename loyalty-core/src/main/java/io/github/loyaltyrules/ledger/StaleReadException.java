package io.github.loyaltyrules.ledger;

/**
 * Thrown inside a posting attempt when the lots it read ahead cannot belong to the version of the
 * working set it read (another writer changed them since): the attempt is abandoned and retried,
 * as when the store turns a commit away as stale. Never leaves the ledger.
 */
final class StaleReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StaleReadException(String message) {
        super(message, null, false, false);
    }
}
