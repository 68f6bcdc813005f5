package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.internal.ListenerFailures;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The points ledger: accounts, lots and every posting to them.
 *
 * <p>Each posting carries the business time of the event and an idempotency key. Replaying a
 * key with the same request returns the first posting and changes nothing; a key replayed with
 * other content is rejected. Every rejected call throws a subclass of {@link LoyaltyException}
 * (or {@link NullPointerException} for a null argument) and leaves every balance, lot and entry as
 * it was. "Now" comes from the injected {@link Clock}; day and period boundaries are computed in
 * the ledger's {@link ZoneId}.
 *
 * <p>A ledger is thread-safe. Operations on one member are serialised by optimistic versioning in
 * the {@link LedgerStore}; operations on different members run in parallel. It has no threads of
 * its own: the expiry sweep runs when the caller calls {@link #expire(Instant)}.
 *
 * <p>Listeners ({@link Builder#listener}) are told of each event after it is stored, on the
 * caller's thread. A listener that throws a {@link RuntimeException} changes nothing for the
 * caller: the change stays stored, the call returns its normal result, and the other listeners
 * are still called. The failure goes to the handler set with {@link Builder#onListenerError}, or
 * by default is logged at {@code WARNING} through the {@link System.Logger} named
 * {@code io.github.loyaltyrules.ledger}, naming the event's type, posting key and member but none of its free text.
 * An {@link Error} thrown by a listener is not caught.
 *
 * <pre>{@code
 * PointCurrency pts = PointCurrency.of("PTS", "Points", 0)
 *         .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
 * Ledger ledger = Ledger.builder().zone(ZoneId.of("Europe/Amsterdam")).currency(pts).build();
 * ledger.enrol(MemberId.of("m-1"), now);
 * ledger.earn(MemberId.of("m-1"), pts.points(120), now, IdempotencyKey.of("order-77"), "order 77");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Ledger {

    /** The name of the {@link System.Logger} that listener failures are logged to by default. */
    static final String LOGGER_NAME = "io.github.loyaltyrules.ledger";

    /** The default idempotency window: retail retries, and the returns and corrections of a year. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(400);
    private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(36_525);

    private final LedgerContext ctx;
    private final Accounts accounts;
    private final Credits credits;
    private final Reservations reservations;
    private final Reversals reversals;
    private final Transfers transfers;
    private final Poster poster;
    private final Expiries expiries;
    private final ExpiryHolds holds;
    private final Reads reads;
    private final Reports reports;

    private Ledger(Builder b) {
        this.ctx = new LedgerContext(b.zone, b.clock, Collections.unmodifiableMap(new LinkedHashMap<>(b.currencies)),
                b.store, List.copyOf(b.listeners), ListenerFailures.of(
                        b.logger == null ? System.getLogger(LOGGER_NAME) : b.logger, LedgerContext::subject,
                        b.listenerErrors), b.window, b.metrics,
                b.logger == null ? System.getLogger(LOGGER_NAME) : b.logger);
        this.accounts = new Accounts(ctx);
        this.credits = new Credits(ctx);
        this.reservations = new Reservations(ctx, credits);
        this.reversals = new Reversals(ctx);
        this.transfers = new Transfers(ctx, credits);
        this.poster = new Poster(ctx, credits, reservations, reversals, transfers);
        this.expiries = new Expiries(ctx);
        this.holds = new ExpiryHolds(ctx);
        this.reads = new Reads(ctx);
        this.reports = new Reports(ctx);
    }

    /**
     * Returns a builder for a ledger.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Ledger}. Not thread-safe; the ledger it builds is. */
    public static final class Builder {
        private ZoneId zone;
        private Clock clock;
        private final Map<String, PointCurrency> currencies = new LinkedHashMap<>();
        private LedgerStore store;
        private final List<LedgerListener> listeners = new ArrayList<>();
        private LedgerMetrics metrics = LedgerMetrics.NONE;
        private BiConsumer<? super LedgerEvent, ? super RuntimeException> listenerErrors;
        private System.Logger logger;
        private Duration window = DEFAULT_WINDOW;

        private Builder() {
        }

        /**
         * Sets how long idempotency keys are remembered: a posting whose business time is older
         * than {@code window} before now (by the clock) is refused with
         * {@link OutsideWindowException}, so a retry whose key has been forgotten can never post
         * twice. Within the window a retry returns the first posting. Defaults to 400 days, long
         * enough for retail retries and for the returns and corrections of a year.
         *
         * <p>The in-memory store forgets what is older than the window (keys, entries, spent lots,
         * closed reservations), so its memory is bounded by the open lots and what happened
         * within the window; a reversal of a posting older than the window is then refused as
         * unknown. A durable store keeps its history and prunes only its key index. Ledgers that
         * share a store must use the same window.
         *
         * @param window the window; at least one minute, at most 100 years
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws InvalidRequestException if the window is out of range
         */
        public Builder idempotencyWindow(Duration window) {
            Checks.notNull(window, "idempotency window");
            if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                throw new InvalidRequestException("idempotency window must be between " + MIN_WINDOW + " and "
                        + MAX_WINDOW + "; got " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * Sets the program's time zone, in which days and periods are computed. Required.
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = Checks.notNull(zone, "zone");
            return this;
        }

        /**
         * Sets the clock that says what "now" is for balances and queries; defaults to the system
         * clock in the ledger's zone.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Adds a point currency. At least one is required.
         *
         * @param currency the currency with its policies
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws InvalidRequestException if a currency with the same code was added already
         */
        public Builder currency(PointCurrency currency) {
            Checks.notNull(currency, "currency");
            if (currencies.containsKey(currency.code())) {
                throw new InvalidRequestException("currency " + currency.code() + " is added twice; codes must be unique");
            }
            currencies.put(currency.code(), currency);
            return this;
        }

        /**
         * Sets the store; defaults to a new {@link LedgerStore#inMemory()} store.
         *
         * @param store the store
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder store(LedgerStore store) {
            this.store = Checks.notNull(store, "store");
            return this;
        }

        /**
         * Adds a listener, called after each stored event in the order listeners were added. A
         * listener that throws does not reach the caller nor stop the others; see
         * {@link #onListenerError}.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(LedgerListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * Sets what to do with a {@link RuntimeException} thrown by a listener, instead of logging
         * it. Either way the change stays stored, the caller gets its normal result and the other
         * listeners are still called. The handler runs on the caller's thread, right after the
         * failing listener; if it throws, that is logged and goes no further. By default a failure
         * is logged at {@code WARNING} through the {@link System.Logger} named
         * {@code io.github.loyaltyrules.ledger}, with the event's type, posting key and member.
         *
         * @param handler receives the event and the exception, e.g. to count or report it
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder onListenerError(BiConsumer<? super LedgerEvent, ? super RuntimeException> handler) {
            this.listenerErrors = Checks.notNull(handler, "listener error handler");
            return this;
        }

        /**
         * Sets what receives the ledger's counts and timings (postings, retries answered from the
         * first posting, refusals by reason, optimistic commits tried again); none by default.
         *
         * @param metrics the receiver
         * @return this builder
         * @throws NullPointerException if {@code metrics} is null
         */
        public Builder metrics(LedgerMetrics metrics) {
            this.metrics = Checks.notNull(metrics, "metrics");
            return this;
        }

        /** Logs listener failures to {@code logger} instead of the default logger; for tests. */
        Builder listenerFailureLogger(System.Logger logger) {
            this.logger = Checks.notNull(logger, "logger");
            return this;
        }

        /**
         * Builds the ledger.
         *
         * @return the ledger
         * @throws InvalidRequestException if the zone or every currency is missing
         */
        public Ledger build() {
            if (zone == null) {
                throw new InvalidRequestException("a ledger needs the program's time zone: call zone(ZoneId)");
            }
            if (currencies.isEmpty()) {
                throw new InvalidRequestException("a ledger needs at least one point currency: call currency(...)");
            }
            if (clock == null) {
                clock = Clock.system(zone);
            }
            if (store == null) {
                store = LedgerStore.inMemory();
            }
            return new Ledger(this);
        }
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Returns the program's time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return ctx.zone;
    }

    /**
     * Returns the clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return ctx.clock;
    }

    /**
     * Returns how long idempotency keys are remembered (see {@link Builder#idempotencyWindow}).
     *
     * @return the window
     */
    public Duration idempotencyWindow() {
        return ctx.window;
    }

    /**
     * Returns the earliest business time a posting may have now: the clock's instant less the
     * idempotency window.
     *
     * @return the horizon
     */
    public Instant horizon() {
        return ctx.horizon();
    }

    /**
     * Returns the configured currencies by code, in the order they were added.
     *
     * @return an unmodifiable map
     */
    public Map<String, PointCurrency> currencies() {
        return ctx.currencies;
    }

    /**
     * Returns the configured currency with the given code.
     *
     * @param code the code
     * @return the currency
     * @throws NullPointerException if {@code code} is null
     * @throws UnknownCurrencyException if no currency has that code
     */
    public PointCurrency currency(String code) {
        return ctx.currency(code);
    }

    // ------------------------------------------------------------------ accounts

    /**
     * Enrols a member with an active account.
     *
     * @param member the member
     * @param at the business time of enrolment
     * @return the account
     * @throws NullPointerException if an argument is null
     * @throws MemberAlreadyEnrolledException if the member is enrolled already
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Account enrol(MemberId member, Instant at) {
        return accounts.enrol(member, at);
    }

    /**
     * Suspends an active account: it takes no earning or spending until reactivated.
     *
     * @param member the member
     * @param at the business time
     * @param reason why, for the record; not blank
     * @return the account after the change
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the reason is blank or {@code at}
     *         precedes the last status change
     */
    public Account suspend(MemberId member, Instant at, String reason) {
        return accounts.changeStatus(member, at, reason, AccountStatus.SUSPENDED, AccountStatus.ACTIVE);
    }

    /**
     * Reactivates a suspended account.
     *
     * @param member the member
     * @param at the business time
     * @param reason why, for the record; not blank
     * @return the account after the change
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not suspended
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the reason is blank or {@code at}
     *         precedes the last status change
     */
    public Account reactivate(MemberId member, Instant at, String reason) {
        return accounts.changeStatus(member, at, reason, AccountStatus.ACTIVE, AccountStatus.SUSPENDED);
    }

    /**
     * Closes an account for good: it takes no postings any more. Its history stays readable.
     *
     * @param member the member
     * @param at the business time
     * @param reason why, for the record; not blank
     * @return the account after the change
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is closed already
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the reason is blank or {@code at}
     *         precedes the last status change
     */
    public Account close(MemberId member, Instant at, String reason) {
        return accounts.changeStatus(member, at, reason, AccountStatus.CLOSED, AccountStatus.ACTIVE,
                AccountStatus.SUSPENDED);
    }

    /**
     * Moves a member's account and history to a pseudonym and removes the free text kept with them,
     * for the erasure of a member's personal data: the account, lots, reservations, postings and
     * entries then belong to {@code pseudonym}, every amount, date and sum as it was, so balances,
     * reports and the audit trail still add up; the reasons of the member's postings, entries and
     * status changes become {@code "erased"} (see {@link LedgerStore#pseudonymise} for exactly what
     * changes). The account keeps its status: close it first if the program's terms end the points
     * with the membership. Atomic in the store; nothing is found under {@code member} afterwards.
     *
     * <p>Idempotent: when {@code member} is no longer enrolled and {@code pseudonym} is, the move is
     * done already and nothing changes. Most callers erase through
     * {@link io.github.loyaltyrules.program.LoyaltyProgram#erase}, which picks the pseudonym.
     *
     * @param member the member to move
     * @param pseudonym the id to move it to; not enrolled
     * @return true if this call moved the member, false if it was moved already
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if neither the member nor the pseudonym is enrolled; nothing is changed
     * @throws InvalidRequestException if the pseudonym is the member's own id, or is enrolled while the
     *     member is too; nothing is changed
     * @throws UnsupportedOperationException if the ledger's store cannot move a member
     */
    public boolean pseudonymise(MemberId member, MemberId pseudonym) {
        return accounts.pseudonymise(member, pseudonym);
    }

    /**
     * Returns a member's account.
     *
     * @param member the member
     * @return the account
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled
     */
    public Account account(MemberId member) {
        return reads.account(member);
    }

    // ------------------------------------------------------------------ postings

    /**
     * Earns points: creates a lot whose availability and expiry follow the currency's policies.
     * Any debt in the currency is settled from it first.
     *
     * @param member the member; must be active
     * @param amount the points; positive, in a configured currency
     * @param at the business time of the purchase or action
     * @param key the idempotency key
     * @param reason what the points are for, shown on the statement
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws AmountOverflowException if the balance would exceed the range of a {@code long}
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or precedes the enrolment, or the
     *         reason is too long
     */
    public Posting earn(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(credits.credit(PostingType.EARN, EntryType.EARN, member, amount, at, key,
                    LedgerContext.reason(reason, false)));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Credits points manually (a goodwill gesture, a correction): like earning, with a reason.
     *
     * @param member the member; active or suspended
     * @param amount the points; positive
     * @param at the business time
     * @param key the idempotency key
     * @param reason why; not blank
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws AmountOverflowException if the balance would exceed the range of a {@code long}
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is closed
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the reason is blank or too long, or
     *         {@code at} precedes the enrolment
     */
    public Posting adjustCredit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(credits.credit(PostingType.ADJUST_CREDIT, EntryType.ADJUST_CREDIT, member, amount, at, key,
                    LedgerContext.reason(reason, true)));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Redeems points at once, consuming lots in the currency's {@link ConsumptionOrder} (by default
     * soonest-to-expire first, ties: oldest first) and recording which lots it took.
     *
     * @param member the member; must be active
     * @param amount the points; positive, at most what is available at {@code at}
     * @param at the business time
     * @param key the idempotency key
     * @param reason what the points are spent on
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws InsufficientPointsException if fewer points are available
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or precedes the enrolment, or the
     *         reason is too long
     */
    public Posting redeem(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(credits.debit(PostingType.REDEEM, EntryType.REDEEM, member, amount, at, key,
                    LedgerContext.reason(reason, false)));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Debits points manually, with a reason; lots are consumed as by a redemption.
     *
     * @param member the member; active or suspended
     * @param amount the points; positive, at most what is available
     * @param at the business time
     * @param key the idempotency key
     * @param reason why; not blank
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws InsufficientPointsException if fewer points are available
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is closed
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the reason is blank or too long, or
     *         {@code at} precedes the enrolment
     */
    public Posting adjustDebit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(credits.debit(PostingType.ADJUST_DEBIT, EntryType.ADJUST_DEBIT, member, amount, at, key,
                    LedgerContext.reason(reason, true)));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Reserves points for a checkout: holds the lots a redemption would take until the reservation
     * is captured, released, or lapses by itself when its time-to-live runs out.
     *
     * @param member the member; must be active
     * @param amount the points; positive, at most what is available
     * @param ttl how long the hold lasts; positive, at most 366 days
     * @param at the business time
     * @param key the idempotency key; also names the reservation
     * @param reason what the points are held for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws InsufficientPointsException if fewer points are available
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, the ttl is out of range, {@code at}
     *         precedes the enrolment or the reason is too long
     */
    public Posting reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(reservations.reserve(member, amount, ttl, at, key, reason));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Captures a reservation: spends exactly the lots it held.
     *
     * @param member the member; must be active
     * @param reservation the key of the reserve posting
     * @param at the business time; before the reservation's deadline
     * @param key the idempotency key of the capture
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws UnknownPostingException if the member has no such reservation
     * @throws ReservationNotOpenException if it was captured, released or has lapsed
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or precedes the reservation
     */
    public Posting capture(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        try {
            return poster.post(reservations.close(PostingType.CAPTURE, member, reservation, at, key));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Releases a reservation: its points are free again.
     *
     * @param member the member; active or suspended
     * @param reservation the key of the reserve posting
     * @param at the business time
     * @param key the idempotency key of the release
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws UnknownPostingException if the member has no such reservation
     * @throws ReservationNotOpenException if it was captured, released or has lapsed
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is closed
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or precedes the reservation
     */
    public Posting release(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        try {
            return poster.post(reservations.close(PostingType.RELEASE, member, reservation, at, key));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Reverses an earlier posting in full, or what remains of it after earlier partial reversals.
     *
     * @param member the member the posting was made for (the sender, for a transfer)
     * @param original the key of the posting to reverse
     * @param at the business time; not before the original
     * @param key the idempotency key of the reversal
     * @param reason why
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws UnknownPostingException if the member has no posting with that key
     * @throws InvalidReversalException if the posting cannot be reversed or is fully reversed already
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if an account involved is closed
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or the reason is too long
     */
    public Posting reverse(MemberId member, IdempotencyKey original, Instant at, IdempotencyKey key, String reason) {
        return reverse(member, original, null, at, key, reason);
    }

    /**
     * Reverses part of an earlier posting. A reversed earn or credit claws back its lot; what was
     * already spent becomes debt that later earnings settle first. A reversed redeem, capture or
     * debit gives back exactly the lots it took, with their original expiry dates (latest taken
     * first). A reversed transfer does both, on the two members.
     *
     * @param member the member the posting was made for (the sender, for a transfer)
     * @param original the key of the posting to reverse
     * @param amount how much to reverse; positive, at most what remains reversible
     * @param at the business time; not before the original
     * @param key the idempotency key of the reversal
     * @param reason why
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws UnknownPostingException if the member has no posting with that key
     * @throws InvalidReversalException if the posting cannot be reversed, or not by that much
     * @throws UnknownCurrencyException if the amount's currency is not the posting's
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if an account involved is closed
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or the reason is too long
     */
    public Posting reverse(MemberId member, IdempotencyKey original, Points amount, Instant at, IdempotencyKey key,
            String reason) {
        try {
            return poster.post(reversals.reverse(member, original, amount, at, key, reason));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Transfers points from one member to another: both sides or neither. The receiver gets new
     * lots that keep the expiry dates of the lots the sender gave, so a transfer never extends
     * the life of points. Debt of the receiver is settled first.
     *
     * @param from the sender; must be active
     * @param to the receiver; must be active and not the sender
     * @param amount the points; positive, at most what the sender has available
     * @param at the business time
     * @param key the idempotency key
     * @param reason why
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is zero
     * @throws InsufficientPointsException if the sender has fewer points available
     * @throws AmountOverflowException if the receiver's balance would exceed the range of a {@code long}
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws UnknownMemberException if either member is not enrolled
     * @throws AccountStatusException if either account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, sender and receiver are the same,
     *         {@code at} precedes an enrolment, or the reason is too long
     */
    public Posting transfer(MemberId from, MemberId to, Points amount, Instant at, IdempotencyKey key, String reason) {
        try {
            return poster.post(transfers.transfer(from, to, amount, at, key, reason));
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    /**
     * Posts several requests as one linked batch: all of them or none, under one commit, each
     * seeing the ones before it (a purchase that awards two currencies, or an earn and a
     * redemption of what it earned, can never be half stored). Each request keeps its own key
     * and returns its own posting. Retrying the same batch returns the first postings and
     * changes nothing; a batch some of whose keys were used by other requests is refused whole.
     *
     * @param requests the requests, in order; one to 100, with distinct keys
     * @return their postings, in the same order
     * @throws NullPointerException if the list or a request is null
     * @throws InvalidRequestException if the list is empty, too long or repeats a key, or a request
     *         breaks a rule that the single operation would refuse
     * @throws LoyaltyException whatever the single operation of a request would throw; then nothing is posted
     */
    public List<Posting> post(List<PostingRequest> requests) {
        try {
            return poster.post(requests);
        } catch (LoyaltyException refused) {
            throw ctx.refused(refused);
        }
    }

    // ------------------------------------------------------------------ expiry

    /**
     * Writes off every lot that has expired by {@code asOf} (by its own date or by inactivity),
     * for all members with an open account, as EXPIRY entries. Idempotent: running it again for
     * the same instant writes nothing, and it can be run for any instant. Points held by an open
     * reservation are not written off until the reservation ends.
     *
     * @param asOf the instant to expire points up to
     * @return what the sweep did
     * @throws NullPointerException if {@code asOf} is null
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public ExpirySweep expire(Instant asOf) {
        return expire(asOf, ProgressListener.NONE);
    }

    /**
     * Like {@link #expire(Instant)}, reporting to a listener after each member: members done and the
     * total (counted when the sweep starts), so that a nightly job can show how far it has got.
     *
     * @param asOf the instant to expire points up to
     * @param listener receives (done, total) after each member
     * @return what the sweep did
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public ExpirySweep expire(Instant asOf, ProgressListener listener) {
        return expiries.expire(asOf, listener);
    }

    /**
     * Holds (suspends) the expiry of a member's points in a currency from {@code since} on, e.g.
     * while the member holds a status that protects their points: no lot of the purse expires at a
     * date after {@code since}, by its own date or by inactivity, until the hold is lifted
     * ({@link #liftExpiryHold}); the sweep passes the purse by without reading its lots, and a spend
     * may take a lot whose date passed during the hold. What had expired by {@code since} still
     * expires. Lots earned during the hold get their usual dates, which count again after the lift.
     *
     * <p>Idempotent: a hold of a purse that is held already changes nothing (and keeps the start it
     * was given first), so a retry, or a replay of the events that caused it, holds once. A member
     * without points in the currency yet gets an empty purse that is held. A closed account is left
     * as it is.
     *
     * @param member the member
     * @param currency the currency
     * @param since the business time the hold begins, e.g. when the member gained the status
     * @return true if the purse was held by this call, false if it was held already (or the account is closed)
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code since} is outside years 1 to 9999 or precedes the enrolment
     */
    public boolean holdExpiry(MemberId member, PointCurrency currency, Instant since) {
        return holds.hold(member, currency, since);
    }

    /**
     * Lifts the hold on the expiry of a member's points in a currency ({@link #holdExpiry}): the
     * purse's open lots expire at the later of their own date and the date {@code after} gives a lot
     * earned at {@code endedAt} ("24 months after the status ended" is
     * {@code ExpiryPolicy.afterTerm(Period.ofMonths(24))}, "at the end of the year after" is
     * {@code ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, 1)}; {@link ExpiryPolicy#never()} makes
     * them never expire). The lots are given their new dates once, here, so spends and the sweep go
     * by the lots' dates again as for any purse. With an inactivity rule, the inactivity clock starts
     * again at {@code endedAt} (unless everything had lapsed before the hold began). The store keeps
     * the ended hold ({@link io.github.loyaltyrules.ledger.spi.LiftedHold}), so that
     * {@link #balance(MemberId, PointCurrency, Instant) a balance as of} a time within it counts the
     * points it protected, and one after it counts inactivity from its end. Costs O(open lots
     * of the purse).
     *
     * <p>Idempotent: a lift of a purse that is not held changes nothing, so a retry lifts once.
     *
     * @param member the member
     * @param currency the currency
     * @param endedAt the business time the hold ends, e.g. when the member lost the status
     * @param after how lots expire counted from {@code endedAt}; a policy without inactivity
     * @return true if the hold was lifted by this call, false if the purse was not held
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code endedAt} is outside years 1 to 9999 or before the hold
     *         began, or {@code after} has an inactivity rule
     */
    public boolean liftExpiryHold(MemberId member, PointCurrency currency, Instant endedAt, ExpiryPolicy after) {
        return holds.lift(member, currency, null, endedAt, after);
    }

    /**
     * Lifts a hold that began at {@code began} and ended at {@code endedAt}, as
     * {@link #liftExpiryHold(MemberId, PointCurrency, Instant, ExpiryPolicy)} does, and makes up for
     * one that was never applied: if the purse is not held (the hold was missed, say by a crash
     * between a tier change and its listener), its open lots are given the dates the lift would have
     * given them, once; lots the lift dated already, and what expired in the meantime, stay as they
     * are. For reconciling with a history of holds ({@code TierExpiryHolds.sync}); reads the purse's
     * open lots, and writes only if something changes.
     *
     * @param member the member
     * @param currency the currency
     * @param began the business time the hold began (the purse's own start counts if it is held)
     * @param endedAt the business time the hold ended
     * @param after how lots expire counted from {@code endedAt}; a policy without inactivity
     * @return true if a lot, the hold or the inactivity clock changed
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if a time is outside years 1 to 9999, {@code endedAt} is before the
     *         hold began, or {@code after} has an inactivity rule
     */
    public boolean liftExpiryHold(MemberId member, PointCurrency currency, Instant began, Instant endedAt,
            ExpiryPolicy after) {
        Checks.notNull(began, "hold start");
        return holds.lift(member, currency, began, endedAt, after);
    }

    /**
     * Returns since when the expiry of a member's points in a currency is held ({@link #holdExpiry}).
     *
     * @param member the member
     * @param currency the currency
     * @return the start of the hold, or empty if the purse is not held
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     */
    public java.util.Optional<Instant> expiryHeldSince(MemberId member, PointCurrency currency) {
        return holds.heldSince(member, currency);
    }

    /**
     * Returns a page of enrolled members in id order, for batch jobs (notices, exports, tier
     * assessment): at most {@code limit} member ids greater than {@code after}. Pass the last id of
     * a page to get the next; a page shorter than {@code limit} is the last.
     *
     * @param after the id to start after; {@code null} to start at the first member
     * @param limit the page size; 1 to 10,000
     * @return the member ids, in id order; empty when there are no more
     * @throws InvalidRequestException if {@code limit} is not between 1 and 10,000
     */
    public List<MemberId> members(MemberId after, int limit) {
        return reads.members(after, limit);
    }

    /**
     * Returns a member's points in a currency that will expire within {@code within} from now
     * (by the clock), soonest first.
     *
     * @param member the member
     * @param currency the currency
     * @param within the horizon, e.g. {@code Period.ofDays(30)}; not negative
     * @return the expiring points, one item per lot
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code within} is negative or longer than 1200 years
     */
    public List<ExpiringPoints> expiring(MemberId member, PointCurrency currency, Period within) {
        return expiries.expiring(member, currency, within);
    }

    /**
     * Returns, across all members with an open account, the points in a currency that will expire
     * within {@code within} from now, grouped by member in id order.
     *
     * @param currency the currency
     * @param within the horizon; not negative
     * @return the expiring points
     * @throws NullPointerException if an argument is null
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code within} is negative or longer than 1200 years
     */
    public List<ExpiringPoints> expiring(PointCurrency currency, Period within) {
        return expiries.expiring(currency, within);
    }

    // ------------------------------------------------------------------ reads

    /**
     * Returns a member's balance in a currency now, by the clock.
     *
     * @param member the member
     * @param currency the currency
     * @return the balance
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     */
    public Balance balance(MemberId member, PointCurrency currency) {
        return reads.balance(member, currency);
    }

    /**
     * Returns a member's balance in a currency as it stood at {@code asOf}: the state now, with
     * the entries dated after {@code asOf} undone. Lots that had expired by then are counted as
     * expired, lots still in their hold period as pending, reservations open then as reserved.
     *
     * <p>An expiry hold in force now ({@link #holdExpiry}) counts from its start. A hold that has
     * been lifted is known only through what its lift wrote: the later dates of the lots open at
     * the lift, and the inactivity clock restarted. So for an instant inside a lifted hold, a lot
     * spent in full before the lift (which kept its own date) and a purse whose inactivity deadline
     * fell inside the hold show as expired where they were available then; the ledger keeps no
     * history of holds to tell.
     *
     * @param member the member
     * @param currency the currency
     * @param asOf the instant
     * @return the balance then
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws OutsideWindowException if the store no longer keeps the history the answer needs (only
     *         a store that forgets, such as the in-memory one, for an instant before the window)
     * @throws InvalidRequestException if {@code asOf} is outside years 1 to 9999
     */
    public Balance balance(MemberId member, PointCurrency currency, Instant asOf) {
        return reads.balance(member, currency, asOf);
    }

    /**
     * Returns a member's lots in a currency, spent ones included, in creation order.
     *
     * @param member the member
     * @param currency the currency
     * @return the lots
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnknownCurrencyException if the currency is not configured
     */
    public List<Lot> lots(MemberId member, PointCurrency currency) {
        return reads.lots(member, currency);
    }

    /**
     * Returns a member's statement: all entries in all currencies that the store keeps, in the
     * order they were written, each with its reason. The in-memory store keeps the entries within
     * the idempotency window; a durable store keeps them all, and
     * {@link #statement(MemberId, long, int)} reads them a page at a time.
     *
     * @param member the member
     * @return the entries
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled
     */
    public List<Entry> statement(MemberId member) {
        return reads.statement(member);
    }

    /**
     * Returns a page of a member's statement, newest first: at most {@code limit} entries whose
     * sequence number is below {@code beforeSequence}, read without loading the rest of the
     * history. Pass the lowest sequence number of a page to get the next; a page shorter than
     * {@code limit} is the last.
     *
     * @param member the member
     * @param beforeSequence the sequence number to start below; {@link Long#MAX_VALUE} for the newest
     * @param limit the page size; 1 to 10,000
     * @return the entries, newest first
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws InvalidRequestException if {@code limit} is not between 1 and 10,000
     */
    public List<Entry> statement(MemberId member, long beforeSequence, int limit) {
        return reads.statement(member, beforeSequence, limit);
    }

    /**
     * Returns the posting made with a key.
     *
     * @param key the key
     * @return the posting, or empty
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<Posting> posting(IdempotencyKey key) {
        return reads.posting(key);
    }

    /**
     * Returns a member's reservation.
     *
     * @param member the member
     * @param key the key of the reserve posting
     * @return the reservation, or empty
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     */
    public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        return reads.reservation(member, key);
    }

    /**
     * Returns every reservation of a member that the store keeps, open and closed (captured,
     * released, lapsed), oldest first (by business time, then key): for an export of what the ledger
     * holds about the member. The in-memory store keeps closed ones within the idempotency window; a
     * durable store keeps them all.
     *
     * @param member the member
     * @return the reservations
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled
     */
    public List<Reservation> reservations(MemberId member) {
        ctx.book(Checks.notNull(member, "member"));
        List<Reservation> all = new java.util.ArrayList<>(ctx.store.reservations(member));
        all.sort(java.util.Comparator.comparing(Reservation::createdAt).thenComparing(r -> r.key().value()));
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------ reports

    /**
     * Returns what happened in a currency over the period {@code [from, to)}: points earned, redeemed,
     * expired, adjusted, reversed and transferred, the liability and debt at both ends, the breakage
     * and redemption rates, and the members enrolled, active and holding points (see
     * {@link ActivityReport}). The store computes it: the JDBC store in SQL, the in-memory store by
     * walking its members. Entries count by their business time.
     *
     * @param currency the currency
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive
     * @return the report
     * @throws NullPointerException if an argument is null
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code to} is not after {@code from}, or either is outside years 1 to 9999
     * @throws OutsideWindowException if the store no longer keeps the entries the period needs (only a
     *         store that forgets, such as the in-memory one, for a period starting before the window)
     */
    public ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        return reports.activity(currency, from, to);
    }

    /**
     * Returns the activity of each calendar month from {@code first} to {@code last}, both included,
     * with months starting at midnight on the 1st in the ledger's zone; see
     * {@link #activity(PointCurrency, Instant, Instant)}.
     *
     * @param currency the currency
     * @param first the first month
     * @param last the last month; not before {@code first}, and at most 1,200 months after it
     * @return one report per month, in order
     * @throws NullPointerException if an argument is null
     * @throws UnknownCurrencyException if the currency is not configured
     * @throws InvalidRequestException if {@code last} is before {@code first}, the months are more
     *         than 1,200, or a month is outside years 1 to 9999
     * @throws OutsideWindowException if the store no longer keeps the entries a month needs
     */
    public List<ActivityReport> activityByMonth(PointCurrency currency, YearMonth first, YearMonth last) {
        return reports.activityByMonth(currency, first, last);
    }

    /**
     * Returns the outstanding points of a currency as the books stand, now by the clock: what the
     * open lots hold, how much of it is pending, overdue for the expiry sweep, never expires or is
     * held from expiring ({@link #holdExpiry}), the rest by the month of its expiry date in the
     * ledger's zone, the members holding points and the debt (see {@link LiabilityReport}). The
     * store computes it: the JDBC store in SQL.
     *
     * @param currency the currency
     * @return the report
     * @throws NullPointerException if {@code currency} is null
     * @throws UnknownCurrencyException if the currency is not configured
     */
    public LiabilityReport liability(PointCurrency currency) {
        return reports.liability(currency);
    }
}
