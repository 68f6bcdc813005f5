package io.github.loyaltyrules.ledger;

/**
 * Receives the progress of long-running ledger work such as an expiry sweep, e.g. to print a
 * progress bar: how many members are done, out of how many. Called on the caller's thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Called after each member is done.
     *
     * @param done members done so far; from 1 up to {@code total}
     * @param total members to do: those enrolled when the work started (a member enrolled while it
     *        runs may raise {@code done} to more than the first total, and then {@code total} with it)
     */
    void progress(long done, long total);
}
