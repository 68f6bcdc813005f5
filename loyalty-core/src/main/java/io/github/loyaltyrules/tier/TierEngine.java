package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.internal.ListenerFailures;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Keeps members' tiers on a {@link TierLadder}: records qualifying activity, upgrades as soon as a
 * threshold is reached, re-assesses members when a window closes, applies manual status matches,
 * keeps each member's tier history and answers progress queries.
 *
 * <p>How time works: every call carries the business time of its event. A member's state moves
 * forward only; window closes (and ends of grace periods and status matches) between the last
 * known instant and the new one are processed in order, whether or not {@link #assessTiers} ran,
 * so the tier shown always follows from the recorded activity alone. Activity recorded late (with
 * an instant before the member's state) counts in the window of its instant and takes effect at
 * once. {@link #assessTiers} moves every member to an instant and delivers the events; running it
 * twice for the same instant changes nothing.
 *
 * <p>Where state is kept: in a {@link TierStore}, in memory by default. Each change reads the
 * member's versioned {@link TierState}, computes the next one and stores it only if the version is
 * still the one read, else reads again and recomputes; so several engines (on several servers)
 * over one durable store can record, assign and assess the same members at once, and a key
 * retried on a second engine counts once. Events of a change are delivered only once it is stored.
 *
 * <p>Bad input throws a {@link TierException} and changes nothing. All methods are thread-safe.
 * The engine implements {@link TierLookup}, so it can be handed to the program facade and rules.
 *
 * <p>The listener is called on the caller's thread after the change is stored, outside any lock,
 * once per event in order. A listener that throws a {@link RuntimeException} changes nothing for
 * the caller: the change stays stored, the call returns its normal result, and the listener still
 * gets the change's (and the assessment's) other events. The failure goes to the handler given to
 * {@link #of(TierLadder, TierListener, TierStore, BiConsumer)}, or by default is logged at
 * {@code WARNING} through the {@link System.Logger} named {@code io.github.loyaltyrules.tier},
 * naming the event's type and member but none of its free text (reasons). An {@link Error} thrown
 * by the listener is not caught.
 *
 * @since 0.1.0
 */
public final class TierEngine implements TierLookup {

    /** The name of the {@link System.Logger} that listener failures are logged to by default. */
    static final String LOGGER_NAME = "io.github.loyaltyrules.tier";

    private static final int PAGE = 512;
    private static final int MAX_BATCH = 10_000;

    private final TierLadder ladder;
    private final TierStore store;
    private final TierStateMachine machine;
    private final TierCommits commits;

    private TierEngine(TierLadder ladder, TierListener listener, TierStore store,
            ListenerFailures<TierEvent> listenerFailures) {
        this.ladder = ladder;
        this.store = store;
        this.machine = new TierStateMachine(ladder);
        this.commits = new TierCommits(store, listener, listenerFailures);
    }

    /**
     * Returns an engine for a ladder, without a listener.
     *
     * @param ladder the ladder
     * @return the engine
     * @throws NullPointerException if {@code ladder} is null
     */
    public static TierEngine of(TierLadder ladder) {
        return of(ladder, TierListener.NONE);
    }

    /**
     * Returns an engine for a ladder that delivers events to a listener.
     *
     * @param ladder the ladder
     * @param listener receives {@link TierUpgraded}, {@link TierDowngraded} and {@link TierRetained}
     * @return the engine
     * @throws NullPointerException if an argument is null
     */
    public static TierEngine of(TierLadder ladder, TierListener listener) {
        return of(ladder, listener, TierStore.inMemory());
    }

    /**
     * Returns an engine for a ladder that keeps members' state in a store, e.g. a durable one
     * shared by several servers, and delivers events to a listener. A listener's failure is logged
     * (see the class description).
     *
     * @param ladder the ladder
     * @param listener receives {@link TierUpgraded}, {@link TierDowngraded} and {@link TierRetained}
     * @param store where members' tier state is kept
     * @return the engine
     * @throws NullPointerException if an argument is null
     */
    public static TierEngine of(TierLadder ladder, TierListener listener, TierStore store) {
        return create(ladder, listener, store, null, System.getLogger(LOGGER_NAME));
    }

    /**
     * Returns an engine like {@link #of(TierLadder, TierListener, TierStore)} that hands a
     * {@link RuntimeException} thrown by the listener to {@code onListenerError} instead of logging
     * it. Either way the change stays stored, the caller gets its normal result and the listener
     * still gets the other events. The handler runs on the caller's thread, right after the failing
     * call; if it throws, that is logged and goes no further.
     *
     * @param ladder the ladder
     * @param listener receives {@link TierUpgraded}, {@link TierDowngraded} and {@link TierRetained}
     * @param store where members' tier state is kept, e.g. {@link TierStore#inMemory()}
     * @param onListenerError receives the event and the exception, e.g. to count or report it
     * @return the engine
     * @throws NullPointerException if an argument is null
     */
    public static TierEngine of(TierLadder ladder, TierListener listener, TierStore store,
            BiConsumer<? super TierEvent, ? super RuntimeException> onListenerError) {
        return create(ladder, listener, store,
                Objects.requireNonNull(onListenerError, "listener error handler must not be null"),
                System.getLogger(LOGGER_NAME));
    }

    /**
     * Returns an engine; a listener's failure goes to {@code onListenerError} or, if that is null, is
     * logged to {@code logger}, where a failing handler is logged too. Tests pass their own logger.
     */
    static TierEngine create(TierLadder ladder, TierListener listener, TierStore store,
            BiConsumer<? super TierEvent, ? super RuntimeException> onListenerError, System.Logger logger) {
        return new TierEngine(Objects.requireNonNull(ladder, "tier ladder must not be null"),
                Objects.requireNonNull(listener, "tier listener must not be null"),
                Objects.requireNonNull(store, "tier store must not be null"),
                ListenerFailures.of(Objects.requireNonNull(logger, "logger must not be null"),
                        e -> "member " + e.member(), onListenerError));
    }

    /**
     * Returns the ladder.
     *
     * @return the ladder
     */
    public TierLadder ladder() {
        return ladder;
    }

    /**
     * Returns this engine as a {@link TierLookup} for the program facade and rules.
     *
     * @return this engine
     */
    public TierLookup asLookup() {
        return this;
    }

    /**
     * Enrols a member in the base tier; the enrolment date sets anniversary windows. Members are also
     * enrolled on their first recorded activity or assignment. Enrolling again on the same date does nothing.
     *
     * @param member the member
     * @param at the enrolment instant
     * @throws NullPointerException if an argument is null
     * @throws InvalidTierRequestException if the member is already enrolled on another date
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public void enrol(MemberId member, Instant at) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(at, "enrolment instant");
        commits.update(member, read -> machine.enrol(read, member, at));
    }

    /**
     * Records qualifying activity and upgrades the member at once if a threshold is reached.
     *
     * <p>A negative amount is a correction counted in the window of {@code at}; to take back
     * activity in the window it was originally counted in, use {@link #recordReturn}. Recording the
     * same key again with the same content changes nothing.
     *
     * @param member the member
     * @param metric a metric the ladder declares
     * @param amount the amount in the metric's minor units; not zero
     * @param at when the activity happened (business time)
     * @param key the caller's unique key for this activity
     * @return the member's tier afterwards
     * @throws NullPointerException if an argument is null
     * @throws UnknownMetricException if the ladder does not declare the metric
     * @throws InvalidTierRequestException if the amount is zero or the key was used with other content
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier record(MemberId member, Metric metric, long amount, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(metric, "metric must not be null");
        Inputs.businessTime(at, "activity instant");
        Objects.requireNonNull(key, "idempotency key must not be null");
        checkMetric(metric);
        if (amount == Long.MIN_VALUE) {
            throw new InvalidTierRequestException("qualifying amount of " + metric + " for member " + member
                    + " is out of range; got " + amount + " (key " + key + ")");
        }
        if (amount == 0) {
            throw new InvalidTierRequestException("qualifying amount of " + metric + " for member " + member
                    + " must not be zero (key " + key + ")");
        }
        return commits.update(member, read -> machine.record(read, member, metric, amount, at, key, null));
    }

    /**
     * Records qualifying points, e.g. tier-qualifying points in a status currency.
     *
     * @param member the member
     * @param points the points; the metric is {@link Metric#points} of their currency
     * @param at when they were earned
     * @param key the caller's unique key
     * @return the member's tier afterwards
     * @throws NullPointerException if an argument is null
     * @throws UnknownMetricException if the ladder does not declare the points metric
     * @throws InvalidTierRequestException if the amount is zero or the key was used with other content
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier record(MemberId member, Points points, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(points, "points must not be null");
        return record(member, Metric.points(points.currency()), points.minorUnits(), at, key);
    }

    /**
     * Records qualifying spend; negative money is a correction counted in the window of {@code at}.
     *
     * @param member the member
     * @param spend the money spent; the metric is {@link Metric#spend} of its currency
     * @param at when it was spent
     * @param key the caller's unique key
     * @return the member's tier afterwards
     * @throws NullPointerException if an argument is null
     * @throws UnknownMetricException if the ladder does not declare the spend metric
     * @throws InvalidTierRequestException if the amount is zero or the key was used with other content
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier record(MemberId member, Money spend, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(spend, "spend must not be null");
        Metric metric = Metric.spend(spend.currency());
        return record(member, metric, metric.minorUnits(spend.amount()), at, key);
    }

    /**
     * Records a return of (part of) earlier activity: the amount is taken off the window in which
     * the original activity counted. Whether this can downgrade at once follows the ladder's
     * {@link ReturnRule}; with {@link ReturnRule#IMMEDIATE}, a member whose tier rested on the
     * returned activity drops to what the remaining activity qualifies for.
     *
     * @param member the member
     * @param original the key of the original activity
     * @param amount the amount returned, in the original metric's minor units; positive
     * @param at when the return happened
     * @param key the caller's unique key for the return
     * @return the member's tier afterwards
     * @throws NullPointerException if an argument is null
     * @throws InvalidTierRequestException if the amount is not positive, the original is unknown or
     *         itself a return, more would be returned than was recorded, or the key was used with other content
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier recordReturn(MemberId member, IdempotencyKey original, long amount, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(original, "original key must not be null");
        Inputs.businessTime(at, "return instant");
        Objects.requireNonNull(key, "idempotency key must not be null");
        if (amount <= 0) {
            throw new InvalidTierRequestException("returned amount for member " + member + " must be positive; got "
                    + amount + " (key " + key + ")");
        }
        return commits.update(member, read -> machine.record(read, member, null, -amount, at, key, original));
    }

    /**
     * Assigns a tier by hand (a status match) from {@code from} until {@code until}. While it runs,
     * the member shows the higher of the assigned tier and the tier their activity earns; when it
     * ends, they show the earned tier. Both changes are recorded in the history.
     *
     * @param member the member
     * @param tier the name of the tier to assign
     * @param from start of the assignment
     * @param until end (exclusive) of the assignment; after {@code from} and after the member's latest known instant
     * @param reason why, e.g. "status match with Airline X Gold"
     * @param key the caller's unique key for the assignment
     * @return the tier the member shows afterwards
     * @throws NullPointerException if an argument is null
     * @throws UnknownTierException if no tier has that name
     * @throws InvalidTierRequestException if the span is empty or already over, the reason is blank,
     *         or the key was used for another assignment
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code from} or {@code until} is outside years 1 to 9999
     */
    public Tier assign(MemberId member, String tier, Instant from, Instant until, String reason, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(from, "assignment start");
        Inputs.businessTime(until, "assignment end");
        Objects.requireNonNull(reason, "assignment reason must not be null");
        Objects.requireNonNull(key, "idempotency key must not be null");
        int idx = ladder.indexOf(tier);
        if (!until.isAfter(from)) {
            throw new InvalidTierRequestException("assignment of tier '" + tier + "' to member " + member
                    + " must end after it starts; got " + from + " to " + until);
        }
        if (reason.isBlank()) {
            throw new InvalidTierRequestException("assignment of tier '" + tier + "' to member " + member
                    + " needs a reason");
        }
        return commits.update(member, read -> machine.assign(read, member, idx, from, until, reason, key));
    }

    /**
     * Moves every member to {@code asOf}: closes the windows and ends the grace periods and status
     * matches that fall before it, and delivers the resulting events. Idempotent: running it again
     * for the same or an earlier instant changes nothing.
     *
     * @param asOf the instant to assess at
     * @return the events produced, in order
     * @throws NullPointerException if {@code asOf} is null
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public List<TierEvent> assessTiers(Instant asOf) {
        return assessTiers(asOf, AssessmentProgress.NONE);
    }

    /**
     * Like {@link #assessTiers(Instant)}, reporting progress after each member.
     *
     * @param asOf the instant to assess at
     * @param progress receives (done, total)
     * @return the events produced, in order
     * @throws NullPointerException if an argument is null
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public List<TierEvent> assessTiers(Instant asOf, AssessmentProgress progress) {
        Inputs.businessTime(asOf, "assessment instant");
        Objects.requireNonNull(progress, "progress listener must not be null");
        List<TierEvent> out = new ArrayList<>();
        commits.updateAll(PAGE, progress, out, read -> machine.assess(read, asOf));
        return Collections.unmodifiableList(out);
    }

    /**
     * Moves every member to {@code asOf} like {@link #assessTiers(Instant)}, for stores with millions
     * of members: reads member ids a page at a time and holds one member's state at a time, delivers
     * each member's events to the listener once that member's new state is stored, and returns only
     * their number. Several engines over one shared store may run it at once: each member is moved
     * once, and its events are delivered by the engine whose change was stored.
     *
     * @param asOf the instant to assess at
     * @param batchSize how many member ids to read per page; 1 to 10,000
     * @param progress receives (done, total) after each member; total is the count when the run started
     * @return the number of events delivered by this engine
     * @throws NullPointerException if {@code asOf} or {@code progress} is null
     * @throws InvalidTierRequestException if the batch size is out of range
     * @throws ConcurrentTierUpdateException if the member's state kept changing under the engine
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public long assessTiers(Instant asOf, int batchSize, AssessmentProgress progress) {
        Inputs.businessTime(asOf, "assessment instant");
        Objects.requireNonNull(progress, "progress listener must not be null");
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidTierRequestException("assessment batch size must be 1 to " + MAX_BATCH + "; got "
                    + batchSize);
        }
        return commits.updateAll(batchSize, progress, null, read -> machine.assess(read, asOf));
    }

    /**
     * Returns the tier a member shows at an instant: for an instant before the member's latest known
     * one, from the history; otherwise as the engine would assess it then, without changing anything.
     *
     * @param member the member
     * @param at the instant
     * @return the tier; the base tier for a member the engine does not know
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier tierAt(MemberId member, Instant at) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(at, "instant");
        TierState state = read(member);
        return state == null ? ladder.base() : machine.tierAt(state, at);
    }

    /**
     * Returns the tier a member with a given stored state shows at an instant, without reading the
     * store: for a store that has read the state together with other data in one query (such as a
     * point-of-sale read of balance and tier). Same answer as {@link #tierAt(MemberId, Instant)}
     * when the state is the stored one.
     *
     * @param state a state read from this engine's store
     * @param at the instant
     * @return the tier
     * @throws NullPointerException if an argument is null
     * @throws UnknownTierException if the state names a tier the ladder does not have
     * @throws UnknownMetricException if the state names a metric the ladder does not declare
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Tier tierAt(TierState state, Instant at) {
        Objects.requireNonNull(state, "tier state must not be null");
        Inputs.businessTime(at, "instant");
        return machine.tierAt(state, at);
    }

    /**
     * Returns the member's tier name at an instant, for rules and the program facade.
     *
     * @param member the member
     * @param at the instant
     * @return the tier name; empty for a member the engine does not know
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    @Override
    public Optional<String> tierOf(MemberId member, Instant at) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(at, "instant");
        TierState state = read(member);
        return state == null ? Optional.empty() : Optional.of(machine.tierAt(state, at).name());
    }

    /**
     * Returns a member's tier history: every change with from, to, when and why, oldest first.
     *
     * @param member the member
     * @return an unmodifiable copy; empty for a member the engine does not know
     * @throws NullPointerException if {@code member} is null
     */
    public List<TierChange> history(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        Optional<TierState> state = store.state(member);
        return state.isEmpty() ? List.of() : state.get().history();
    }

    /**
     * Returns a member's tier history as it stands at an instant: the stored changes made by then,
     * plus the ones an assessment at {@code asOf} would record and none has yet (a downgrade at the end
     * of a window, a grace period running out), without storing anything. Its last change's
     * {@code to} is the tier {@link #tierOf} and {@link #tierAt(MemberId, Instant)} give at
     * {@code asOf} (the base tier when it is empty), with no {@link #assessTiers} call needed for the
     * two to agree.
     *
     * @param member the member
     * @param asOf the instant
     * @return an unmodifiable list, oldest first; empty for a member the engine does not know
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public List<TierChange> history(MemberId member, Instant asOf) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(asOf, "instant");
        TierState state = read(member);
        if (state == null) {
            return List.of();
        }
        TierState assessed = machine.assess(state, asOf).next();
        List<TierChange> all = (assessed == null ? state : assessed).history();
        int n = all.size();
        while (n > 0 && all.get(n - 1).at().isAfter(asOf)) {
            n--;
        }
        return List.copyOf(all.subList(0, n));
    }

    /**
     * Moves a member's tier state and history to a pseudonym, for the erasure of the member's
     * personal data (see {@link TierStore#pseudonymise}): the tier, activity and history stay under
     * {@code pseudonym}, the reasons given for status matches become {@code "erased"}, and the engine
     * knows nothing under {@code member} afterwards. No event is sent. Idempotent.
     *
     * @param member the member
     * @param pseudonym the id to move it to; unknown to the engine
     * @return true if a state was moved, false if the engine knows nothing under {@code member}
     * @throws NullPointerException if an argument is null
     * @throws InvalidTierRequestException if the pseudonym is the member's id, or the engine knows both
     * @throws UnsupportedOperationException if the engine's store cannot move a member
     */
    public boolean pseudonymise(MemberId member, MemberId pseudonym) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(pseudonym, "pseudonym must not be null");
        if (member.equals(pseudonym)) {
            throw new InvalidTierRequestException("pseudonym of member " + member + " must be another id; got the same");
        }
        try {
            return store.pseudonymise(member, pseudonym);
        } catch (IllegalStateException taken) {
            throw new InvalidTierRequestException("pseudonym " + pseudonym + " is known to the tier engine already; a"
                    + " member is moved only to an unused id");
        }
    }

    /**
     * Returns what the engine stores about a member: the tiers earned, floor and shown, the pending
     * downgrade, the qualifying activity recorded, the status matches and the history; for an export
     * of what the program holds about the member.
     *
     * @param member the member
     * @return the stored state; empty for a member the engine does not know
     * @throws NullPointerException if {@code member} is null
     */
    public Optional<TierState> state(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return store.state(member);
    }

    /** How much of a recorded positive activity can still be returned; 0 if the engine does not know it. */
    long returnable(MemberId member, IdempotencyKey original) {
        return machine.returnable(read(member), original);
    }

    /**
     * Returns the members the engine knows, in id order. For a large durable store, page with
     * {@link #members(MemberId, int)} instead.
     *
     * @return an unmodifiable copy
     */
    public List<MemberId> members() {
        List<MemberId> all = new ArrayList<>();
        commits.forEachMember(PAGE, all::add);
        return Collections.unmodifiableList(all);
    }

    /**
     * Returns a page of the members the engine knows, in id order, for batch jobs.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the page size; 1 to 10,000
     * @return at most {@code limit} ids greater than {@code after}
     * @throws InvalidTierRequestException if the limit is out of range
     */
    public List<MemberId> members(MemberId after, int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new InvalidTierRequestException("member page size must be 1 to " + MAX_BATCH + "; got " + limit);
        }
        return List.copyOf(store.members(after, limit));
    }

    /**
     * Returns the tiers over {@code [from, to)}: how many of the members the engine knows show each
     * tier at {@code to} (as {@link #tierAt(TierState, Instant)} tells), every tier of the ladder
     * present, and the tier changes of their histories dated in the period, per pair of tiers.
     * Without changing anything: a store that counts by itself ({@link TierStore#tally}, the JDBC
     * store in SQL) counts what it can and the engine reads only the states of the members it could
     * not place; another store is read a page of members at a time.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @return the report
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code to} is not after {@code from}, or either is outside years 1 to 9999
     */
    public io.github.loyaltyrules.report.TierReport report(Instant from, Instant to) {
        Inputs.businessTime(from, "from");
        Inputs.businessTime(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("a report period must end after it starts; got from " + from + " to "
                    + to);
        }
        return TierReports.report(store, machine, ladder, from, to, PAGE);
    }

    /**
     * Returns what a member would see in an app at {@code asOf}, without changing anything.
     *
     * @param member the member
     * @param asOf the instant; at or after the member's latest known instant gives an exact forecast
     * @return the progress
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public TierProgress progress(MemberId member, Instant asOf) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(asOf, "instant");
        return machine.progress(member, read(member), asOf);
    }

    private TierState read(MemberId member) {
        return store.state(member).orElse(null);
    }

    private void checkMetric(Metric metric) {
        if (ladder.metricIndex(metric) < 0) {
            throw new UnknownMetricException("metric " + metric + " is not declared by the tier ladder; declared metrics: "
                    + ladder.metrics());
        }
    }
}
