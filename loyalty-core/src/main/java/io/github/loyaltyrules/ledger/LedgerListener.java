package io.github.loyaltyrules.ledger;

/**
 * Receives ledger events after they were stored, on the caller's thread. A listener that throws
 * does not undo the posting and does not stop the other listeners from being called.
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
