package io.github.loyaltyrules.ledger;

/**
 * Receives ledger events after they were stored, on the caller's thread. A listener that throws a
 * {@link RuntimeException} does not undo the change, does not reach the caller and does not stop
 * the other listeners from being called; the failure goes to the ledger's listener failure handler
 * ({@link Ledger.Builder#onListenerError}), which logs it by default.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LedgerListener {

    /**
     * Called once for each stored event.
     *
     * @param event the event
     */
    void onEvent(LedgerEvent event);
}
