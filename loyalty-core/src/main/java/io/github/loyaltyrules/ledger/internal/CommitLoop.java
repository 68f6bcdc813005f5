package io.github.loyaltyrules.ledger.internal;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The optimistic commit loop of the ledger and the tier engine, written once: read what is stored,
 * compute the change from it, store it only if what was read is still the stored version, and
 * otherwise (another writer stored first) read and compute again, up to {@value #MAX_ATTEMPTS}
 * attempts in a row before the caller's "contended" exception. Also what follows a write whose
 * reply may be lost ({@link #landedAfter}): a store that fails may have committed all the same. Not API.
 *
 * @since 0.1.0
 */
public final class CommitLoop {

    /** How many times an optimistic commit is tried before the subject counts as contended. */
    public static final int MAX_ATTEMPTS = 1000;

    private static final Runnable NOTHING = () -> { };

    private final Runnable retried;

    private CommitLoop(Runnable retried) {
        this.retried = retried;
    }

    /**
     * Returns a loop that tells nobody of its retries.
     *
     * @return the loop
     */
    public static CommitLoop quiet() {
        return new CommitLoop(NOTHING);
    }

    /**
     * Returns a loop that runs {@code retried} before each attempt after the first (to count
     * commits tried again); it must not throw.
     *
     * @param retried what to run before an attempt that follows a lost race
     * @return the loop
     * @throws NullPointerException if {@code retried} is null
     */
    public static CommitLoop telling(Runnable retried) {
        if (retried == null) {
            throw new NullPointerException("retried must not be null");
        }
        return new CommitLoop(retried);
    }

    /**
     * One read-compute-commit attempt.
     *
     * @param <R> the result
     */
    @FunctionalInterface
    public interface Attempt<R> {
        /**
         * Reads, computes and commits once.
         *
         * @return the result once done (committed, or nothing to commit); {@code null} if the
         *     commit found the stored version changed since it was read, to read and compute again
         */
        R attempt();
    }

    /**
     * Runs attempts until one is done.
     *
     * @param <S> what is contended, e.g. a member id
     * @param <R> the result
     * @param subject what the attempts change, passed to {@code contended}
     * @param attempt one attempt; whatever it throws ends the loop and reaches the caller
     * @param contended the exception to throw after {@value #MAX_ATTEMPTS} lost races in a row
     * @return the result of the attempt that was done
     */
    public <S, R> R run(S subject, Attempt<R> attempt, Function<? super S, ? extends RuntimeException> contended) {
        for (int n = 0; n < MAX_ATTEMPTS; n++) {
            if (n > 0) {
                retried.run();
            }
            R done = attempt.attempt();
            if (done != null) {
                return done;
            }
        }
        throw contended.apply(subject);
    }

    /**
     * After a write to a store failed: the write may have landed all the same, its reply lost.
     * {@code readBack} says what the write stands for if it did (as the store now has it), so that it
     * counts as done and its events are published once; if it did not ({@code null}), or cannot be
     * read back (then that failure is added to {@code failure} as suppressed), {@code failure} is
     * thrown, and a retry finds the store as it is. Called from the write's {@code catch}, so that the
     * write itself costs nothing more.
     *
     * @param <T> what the write stands for
     * @param failure what the write threw
     * @param readBack what the landed write stands for, or {@code null} if it did not land
     * @return what {@code readBack} found
     */
    public static <T> T landedAfter(RuntimeException failure, Supplier<T> readBack) {
        T landed;
        try {
            landed = readBack.get();
        } catch (RuntimeException unreadable) {
            failure.addSuppressed(unreadable);
            throw failure;
        }
        if (landed == null) {
            throw failure;
        }
        return landed;
    }
}
