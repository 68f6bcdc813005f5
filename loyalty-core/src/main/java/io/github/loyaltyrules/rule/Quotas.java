package io.github.loyaltyrules.rule;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Counters with limits that a rule engine draws on: campaign budgets across all members and caps
 * per member and period. Each draw is atomic, so that however many threads or servers draw at once,
 * a counter never passes its limit.
 *
 * <p><b>Exactly once.</b> Every draw belongs to a request (the idempotency key of the activity that
 * drew it) and every give-back has a key of its own, so that a request retried after a crash, a
 * failed statement or a lost reply finds what it drew before instead of drawing again:
 * <ul>
 * <li>{@link #draw} <em>sets</em> a request's draw on a counter (it does not add to it): drawing the
 * same request on the same counter again leaves the counter as one draw would. An engine that draws
 * one counter several times for one request passes the running total.</li>
 * <li>{@link #settle} ends a request's evaluation: its draws on counters the evaluation did not draw
 * on (left by an earlier attempt that evaluated differently) are released; with no counters, it
 * releases all of them (an evaluation abandoned for good).</li>
 * <li>{@link #giveBack} lowers a counter at most once per key and counter, however often it is
 * called.</li>
 * </ul>
 * What a request drew and what a key gave back is remembered for a retention period (400 days by
 * default), then forgotten: a retry must come within it.
 *
 * <p>{@link #inMemory()} keeps them in this JVM; a durable implementation (e.g. loyalty-jdbc's) lets
 * several servers share them. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Quotas {

    /** The longest counter name or request key, in characters. */
    int MAX_NAME = 400;

    /** How long draws and give-backs are remembered by default: 400 days. */
    Duration DEFAULT_RETENTION = Duration.ofDays(400);

    /**
     * Sets how much a request draws on a counter, atomically: as much of {@code wanted} as fits
     * under {@code limit} beside what other requests drew. The first call for a request and counter
     * draws; a later one (a retry, or a running total) replaces the request's earlier draw, so the
     * counter holds the request's draw once.
     *
     * @param request the key of the request that draws, e.g. the activity's idempotency key
     * @param counter the counter's name, e.g. {@code "budget/summer/STARS"}
     * @param wanted how much the request wants in all from this counter; not negative
     * @param limit the most the counter may reach; not negative
     * @return the request's draw on the counter now: from 0 to {@code wanted}
     * @throws NullPointerException if {@code request} or {@code counter} is null
     * @throws IllegalArgumentException if {@code wanted} or {@code limit} is negative, or a name is
     *     empty or longer than {@value #MAX_NAME} characters; nothing is drawn
     */
    long draw(String request, String counter, long wanted, long limit);

    /**
     * Ends a request's evaluation: releases its draws on every counter not in {@code kept}, so that
     * what an earlier attempt drew and this one did not is given back. With {@code kept} empty, the
     * request is abandoned and every draw of it is released. Calling it again changes nothing.
     *
     * @param request the key of the request
     * @param kept the counters whose draws stay
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the request key is empty or too long
     */
    void settle(String request, Set<String> kept);

    /**
     * Lowers a counter by what an earlier draw took and is no longer used (e.g. a return clawed the
     * award back), once per {@code key} and counter: calling it again with the same key and counter
     * gives nothing back. A counter never goes below zero.
     *
     * @param key the key of what gives back, e.g. the return's idempotency key; not a key that draws
     * @param counter the counter's name
     * @param amount how much to give back; positive
     * @throws NullPointerException if {@code key} or {@code counter} is null
     * @throws IllegalArgumentException if {@code amount} is not positive or a name is empty or too long
     */
    void giveBack(String key, String counter, long amount);

    /**
     * Returns how much of a counter is used.
     *
     * @param counter the counter's name
     * @return the amount drawn and not given back; 0 for a counter never drawn on
     * @throws NullPointerException if {@code counter} is null
     */
    long used(String counter);

    /**
     * Returns what a request draws on a counter.
     *
     * @param request the key of the request
     * @param counter the counter's name
     * @return the request's draw; 0 if it drew nothing there (or it was released or forgotten)
     * @throws NullPointerException if an argument is null
     */
    long drawn(String request, String counter);

    /**
     * Returns the names of the counters whose name starts with {@code prefix}, in name order: for
     * an engine that moves a member's counters when the member is erased. The default throws,
     * naming the counters' class.
     *
     * @param prefix the start of the names, e.g. {@code "cap/coffee/"}
     * @return the names; empty if none
     * @throws NullPointerException if {@code prefix} is null
     * @throws UnsupportedOperationException if the counters cannot be listed
     */
    default java.util.List<String> counters(String prefix) {
        throw new UnsupportedOperationException("quotas " + getClass().getName() + " cannot list counters");
    }

    /**
     * Renames a counter: its usage and every request's draw and give-back on it move to the new
     * name, atomically, e.g. to take a member's id out of the name of their cap when the member is
     * erased. Renaming a counter that does not exist does nothing, so a repeated call is harmless.
     * The default throws, naming the counters' class.
     *
     * @param from the counter's name now
     * @param to its new name; no counter may have it yet
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is blank or too long, or {@code to} names a counter already
     * @throws UnsupportedOperationException if the counters cannot be renamed
     */
    default void rename(String from, String to) {
        throw new UnsupportedOperationException("quotas " + getClass().getName() + " cannot rename counters");
    }

    /**
     * Returns counters kept in memory, for one process, remembering draws for
     * {@link #DEFAULT_RETENTION} on the system clock.
     *
     * @return new, empty counters
     */
    static Quotas inMemory() {
        return new InMemoryQuotas(DEFAULT_RETENTION, Clock.systemUTC());
    }

    /**
     * Returns counters kept in memory, for one process, remembering each request's draws and each
     * give-back for {@code retention} after it was first made, on {@code clock}.
     *
     * @param retention how long draws and give-backs are remembered; positive
     * @param clock the clock that dates them
     * @return new, empty counters
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    static Quotas inMemory(Duration retention, Clock clock) {
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention of quota draws must be positive; got " + retention);
        }
        return new InMemoryQuotas(retention, clock);
    }

    /**
     * Checks the arguments of {@link #draw}, for implementations.
     *
     * @param request the request key
     * @param counter the counter's name
     * @param wanted how much is wanted
     * @param limit the limit
     * @throws NullPointerException if a name is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static void checkDraw(String request, String counter, long wanted, long limit) {
        checkName(request, "request key");
        checkName(counter, "counter name");
        if (wanted < 0) {
            throw new IllegalArgumentException("amount drawn from quota '" + counter + "' must not be negative; got "
                    + wanted);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit of quota '" + counter + "' must not be negative; got " + limit);
        }
    }

    /**
     * Checks the arguments of {@link #giveBack}, for implementations.
     *
     * @param key the give-back's key
     * @param counter the counter's name
     * @param amount how much to give back
     * @throws NullPointerException if a name is null
     * @throws IllegalArgumentException if {@code amount} is not positive or a name is out of range
     */
    static void checkGiveBack(String key, String counter, long amount) {
        checkName(key, "give-back key");
        checkName(counter, "counter name");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount to give back to quota '" + counter + "' must be positive; got "
                    + amount);
        }
    }

    /**
     * Checks a counter name or request key, for implementations.
     *
     * @param name the name
     * @param what what it names, for the message (e.g. "counter name")
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty or longer than {@value #MAX_NAME} characters
     */
    static void checkName(String name, String what) {
        if (name == null) {
            throw new NullPointerException("quota " + what + " must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("quota " + what + " must have 1 to " + MAX_NAME
                    + " characters; got " + name.length());
        }
    }

    /**
     * What a draw leaves a request: as much of {@code wanted} as fits under {@code limit} beside
     * {@code others}, what other requests drew. For implementations.
     *
     * @param wanted what the request wants
     * @param limit the counter's limit
     * @param others what the counter holds of other requests
     * @return the request's draw, from 0 to {@code wanted}
     */
    static long fit(long wanted, long limit, long others) {
        return Math.max(0, Math.min(wanted, limit - Math.max(0, others)));
    }
}
