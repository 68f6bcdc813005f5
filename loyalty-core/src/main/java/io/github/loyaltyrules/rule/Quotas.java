package io.github.loyaltyrules.rule;

/**
 * Counters with limits that a rule engine draws on: campaign budgets across all members and caps
 * per member and period. Each draw is atomic, so that however many threads or servers draw at once,
 * a counter never passes its limit.
 *
 * <p>{@link #inMemory()} keeps them in this JVM; a durable implementation (e.g. loyalty-jdbc's) lets
 * several servers share them. Implementations must be thread-safe.
 */
public interface Quotas {

    /**
     * Raises a counter by as much of {@code wanted} as fits under {@code limit}, atomically.
     *
     * @param counter the counter's name, e.g. {@code "budget/summer/STARS"}; at most 400 characters
     * @param wanted how much to take; positive
     * @param limit the most the counter may reach; not negative
     * @return how much was taken: from 0 (the counter is at its limit) to {@code wanted}
     * @throws NullPointerException if {@code counter} is null
     * @throws IllegalArgumentException if {@code wanted} is not positive, {@code limit} is negative or
     *     the name is too long
     */
    long take(String counter, long wanted, long limit);

    /**
     * Lowers a counter by what an earlier {@link #take} took but was not used after all (the award
     * was not posted, or was clawed back). A counter never goes below zero.
     *
     * @param counter the counter's name
     * @param amount how much to give back; positive
     * @throws NullPointerException if {@code counter} is null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    void giveBack(String counter, long amount);

    /**
     * Returns how much of a counter is used.
     *
     * @param counter the counter's name
     * @return the amount taken and not given back; 0 for a counter never drawn on
     * @throws NullPointerException if {@code counter} is null
     */
    long used(String counter);

    /**
     * Returns counters kept in memory, for one process.
     *
     * @return new, empty counters
     */
    static Quotas inMemory() {
        return new InMemoryQuotas();
    }

    /**
     * Checks the arguments of {@link #take}, for implementations.
     *
     * @param counter the counter's name
     * @param wanted how much to take
     * @param limit the limit
     * @throws NullPointerException if {@code counter} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static void checkTake(String counter, long wanted, long limit) {
        checkName(counter);
        if (wanted <= 0) {
            throw new IllegalArgumentException("amount to take from quota '" + counter + "' must be positive; got "
                    + wanted);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit of quota '" + counter + "' must not be negative; got " + limit);
        }
    }

    /**
     * Checks the arguments of {@link #giveBack}, for implementations.
     *
     * @param counter the counter's name
     * @param amount how much to give back
     * @throws NullPointerException if {@code counter} is null
     * @throws IllegalArgumentException if {@code amount} is not positive or the name is too long
     */
    static void checkGiveBack(String counter, long amount) {
        checkName(counter);
        if (amount <= 0) {
            throw new IllegalArgumentException("amount to give back to quota '" + counter + "' must be positive; got "
                    + amount);
        }
    }

    /**
     * Checks a counter's name, for implementations.
     *
     * @param counter the name
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is longer than 400 characters
     */
    static void checkName(String counter) {
        if (counter == null) {
            throw new NullPointerException("quota counter name must not be null");
        }
        if (counter.length() > 400) {
            throw new IllegalArgumentException("quota counter name must be at most 400 characters; got "
                    + counter.length());
        }
    }
}
