package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.InMemoryLedgerStore;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <pre>{@code
 * PointCurrency pts = PointCurrency.of("PTS", "Points", 0)
 *         .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
 * Ledger ledger = Ledger.builder().zone(ZoneId.of("Europe/Amsterdam")).currency(pts).build();
 * ledger.enrol(MemberId.of("m-1"), now);
 * ledger.earn(MemberId.of("m-1"), pts.points(120), now, IdempotencyKey.of("order-77"), "order 77");
 * }</pre>
 */
public final class Ledger {

    private static final int MAX_ATTEMPTS = 1000;
    private static final int MAX_REASON = 500;
    private static final Duration MAX_TTL = Duration.ofDays(366);
    private static final int PAGE = 512;
    private static final int MAX_MEMBER_PAGE = 10_000;
    private static final int MAX_BATCH = 100;
    /** The default idempotency window: retail retries, and the returns and corrections of a year. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(400);
    private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(36_525);
    /** How far the horizon moves before the store is told again. */
    private static final long FORGET_STEP_SECONDS = 1;

    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, PointCurrency> currencies;
    private final LedgerStore store;
    private final List<LedgerListener> listeners;
    private final BiConsumer<LedgerEvent, RuntimeException> listenerErrors;
    private final Duration window;
    /** The horizon the store was last told of, in epoch seconds. */
    private final AtomicLong forgotten = new AtomicLong(Long.MIN_VALUE);

    private Ledger(Builder b) {
        this.window = b.window;
        this.zone = b.zone;
        this.clock = b.clock;
        this.currencies = Collections.unmodifiableMap(new LinkedHashMap<>(b.currencies));
        this.store = b.store;
        this.listeners = List.copyOf(b.listeners);
        this.listenerErrors = b.listenerErrors;
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
        private BiConsumer<LedgerEvent, RuntimeException> listenerErrors = (e, x) -> { };
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
         * Adds a listener, called after each stored event in the order listeners were added.
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
         * Sets what to do with an exception thrown by a listener; by default it is dropped (the
         * library does no logging). The posting stays stored and the other listeners are called
         * either way.
         *
         * @param handler receives the event and the exception
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder onListenerError(BiConsumer<LedgerEvent, RuntimeException> handler) {
            this.listenerErrors = Checks.notNull(handler, "listener error handler");
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
        return zone;
    }

    /**
     * Returns the clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns how long idempotency keys are remembered (see {@link Builder#idempotencyWindow}).
     *
     * @return the window
     */
    public Duration idempotencyWindow() {
        return window;
    }

    /**
     * Returns the earliest business time a posting may have now: the clock's instant less the
     * idempotency window.
     *
     * @return the horizon
     */
    public Instant horizon() {
        Instant now = clock.instant();
        return now.isBefore(Instant.MIN.plus(window)) ? Instant.MIN : now.minus(window);
    }

    /**
     * Returns the configured currencies by code, in the order they were added.
     *
     * @return an unmodifiable map
     */
    public Map<String, PointCurrency> currencies() {
        return currencies;
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
        Checks.notNull(code, "currency code");
        PointCurrency c = currencies.get(code);
        if (c == null) {
            throw new UnknownCurrencyException("currency '" + code + "' is not configured in this ledger; configured: "
                    + currencies.keySet());
        }
        return c;
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
     */
    public Account enrol(MemberId member, Instant at) {
        Checks.notNull(member, "member");
        Checks.notNull(at, "at");
        if (store.book(member).isPresent()) {
            throw alreadyEnrolled(member);
        }
        Account account = new Account(member, AccountStatus.ACTIVE, at, at, "enrolled");
        MemberBook book = new MemberBook(account, 1, 1, 1, Map.of(), Map.of());
        if (store.apply(Commit.ofBooks(List.of(book), null, List.of())) != CommitResult.APPLIED) {
            throw alreadyEnrolled(member);
        }
        if (!listeners.isEmpty()) {
            publish(new LedgerEvent.AccountChanged(account, null));
        }
        return account;
    }

    private static MemberAlreadyEnrolledException alreadyEnrolled(MemberId member) {
        return new MemberAlreadyEnrolledException("member " + member + " is already enrolled; enrol each member id once");
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
     * @throws InvalidRequestException if the reason is blank or {@code at} precedes the last status change
     */
    public Account suspend(MemberId member, Instant at, String reason) {
        return changeStatus(member, at, reason, AccountStatus.SUSPENDED, AccountStatus.ACTIVE);
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
     * @throws InvalidRequestException if the reason is blank or {@code at} precedes the last status change
     */
    public Account reactivate(MemberId member, Instant at, String reason) {
        return changeStatus(member, at, reason, AccountStatus.ACTIVE, AccountStatus.SUSPENDED);
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
     * @throws InvalidRequestException if the reason is blank or {@code at} precedes the last status change
     */
    public Account close(MemberId member, Instant at, String reason) {
        return changeStatus(member, at, reason, AccountStatus.CLOSED, AccountStatus.ACTIVE, AccountStatus.SUSPENDED);
    }

    private Account changeStatus(MemberId member, Instant at, String reason, AccountStatus to, AccountStatus... from) {
        Checks.notNull(member, "member");
        Checks.notNull(at, "at");
        reason(reason, true);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            MemberBook book = book(member);
            Account before = book.account();
            boolean allowed = false;
            for (AccountStatus f : from) {
                allowed |= before.status() == f;
            }
            if (!allowed) {
                throw new AccountStatusException("cannot make the account of member " + member + " " + to + ": it is "
                        + before.status() + ", and only " + List.of(from) + " accounts can be");
            }
            if (at.isBefore(before.statusSince())) {
                throw new InvalidRequestException("status change at " + at + " precedes the last status change of member "
                        + member + " at " + before.statusSince());
            }
            Account after = new Account(member, to, before.enrolledAt(), at, reason);
            MemberBook next = new MemberBook(after, book.version() + 1, book.nextLot(), book.nextEntry(),
                    book.purses(), book.reservations());
            if (store.apply(Commit.ofBooks(List.of(next), null, List.of())) == CommitResult.APPLIED) {
                if (!listeners.isEmpty()) {
                    publish(new LedgerEvent.AccountChanged(after, before.status()));
                }
                return after;
            }
        }
        throw contended(member);
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
        return book(Checks.notNull(member, "member")).account();
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
     * @throws InvalidRequestException if {@code at} precedes the enrolment or the reason is too long
     */
    public Posting earn(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return post(credit(PostingType.EARN, EntryType.EARN, member, amount, at, key, reason(reason, false)));
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
     * @throws InvalidRequestException if the reason is blank or too long, or {@code at} precedes the enrolment
     */
    public Posting adjustCredit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return post(credit(PostingType.ADJUST_CREDIT, EntryType.ADJUST_CREDIT, member, amount, at, key, reason(reason, true)));
    }

    private Prepared credit(PostingType type, EntryType entryType, MemberId member, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        PointCurrency currency = checkedAmount(amount);
        Checks.notNull(member, "member");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        Request request = new Request(type, member, amount.minorUnits(), currency.code(), at, reason, null);
        return new Prepared(at, key, null, request, member, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, type, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            long total = purse.total();
            if (Checks.overflows(total, amount.minorUnits())) {
                Checks.add(total, amount.minorUnits(), "balance of member " + member + " in " + currency.code());
            }
            Lot lot = newLot(d, currency, amount.minorUnits(), at, at, currency.expiry().lotExpiry(at, zone).orElse(null),
                    key);
            purse.add(lot);
            d.entry(key, type, entryType, currency.code(), amount.minorUnits(), 0, 0, at, reason,
                    Movements.of(lot.id(), amount.minorUnits(), 0));
            settleDebt(d, purse, lot, key, type, at);
            touch(purse, currency, type, at);
            return new Header(type, member, null, currency.code(), amount.minorUnits(), at, reason, null);
        });
    }

    private Lot newLot(Draft d, PointCurrency currency, long amount, Instant at, Instant earnedAt, Instant expiresAt,
            IdempotencyKey key) {
        Instant availableAt = currency.hold().isZero() ? earnedAt : earnedAt.atZone(zone).plus(currency.hold()).toInstant();
        return new Lot(d.newLotId(), currency.code(), amount, amount, earnedAt, availableAt, expiresAt, key, at);
    }

    private static void settleDebt(Draft d, Draft.PurseDraft purse, Lot lot, IdempotencyKey key, PostingType type,
            Instant at) {
        if (purse.debt == 0) {
            return;
        }
        long settle = Math.min(purse.debt, lot.remaining());
        purse.debt -= settle;
        purse.move(lot.id(), -settle, at);
        d.entry(key, type, EntryType.DEBT_SETTLEMENT, purse.currency, -settle, 0, -settle, at,
                "settles debt from an earlier reversal", Movements.of(lot.id(), -settle, 0));
    }

    private static void touch(Draft.PurseDraft purse, PointCurrency currency, PostingType type, Instant at) {
        if (currency.activity().contains(type) && (purse.lastActivity == null || at.isAfter(purse.lastActivity))) {
            purse.lastActivity = at;
        }
    }

    /**
     * Redeems points at once, consuming lots soonest-to-expire first (ties: oldest first) and
     * recording which lots it took.
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
     * @throws InvalidRequestException if {@code at} precedes the enrolment or the reason is too long
     */
    public Posting redeem(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return post(debit(PostingType.REDEEM, EntryType.REDEEM, member, amount, at, key, reason(reason, false)));
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
     * @throws InvalidRequestException if the reason is blank or too long, or {@code at} precedes the enrolment
     */
    public Posting adjustDebit(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return post(debit(PostingType.ADJUST_DEBIT, EntryType.ADJUST_DEBIT, member, amount, at, key, reason(reason, true)));
    }

    private Prepared debit(PostingType type, EntryType entryType, MemberId member, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        PointCurrency currency = checkedAmount(amount);
        Checks.notNull(member, "member");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        Request request = new Request(type, member, amount.minorUnits(), currency.code(), at, reason, null);
        return new Prepared(at, key, null, request, member, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, type, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            List<LotMovement> taken = take(d, purse, currency, amount.minorUnits(), at, type);
            for (LotMovement m : taken) {
                purse.move(m.lot(), m.delta(), at);
            }
            d.entry(key, type, entryType, currency.code(), -amount.minorUnits(), 0, 0, at, reason, taken);
            touch(purse, currency, type, at);
            return new Header(type, member, null, currency.code(), amount.minorUnits(), at, reason, null);
        });
    }

    private List<LotMovement> take(Draft d, Draft.PurseDraft purse, PointCurrency currency, long amount, Instant at,
            PostingType type) {
        Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), at);
        Instant lapse = Books.inactivityDeadline(currency, purse.lastActivity, d.account.enrolledAt(), zone);
        List<LotMovement> taken = Books.allocate(purse.lots(), held, lapse, at, amount);
        if (taken == null) {
            long spendable = Books.spendable(purse.lots(), held, lapse, at);
            throw new InsufficientPointsException("member " + d.member() + " has " + Points.of(currency, spendable)
                    + " available at " + at + "; " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " of " + Points.of(currency, amount) + " needs at most that much");
        }
        return taken;
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
     * @throws InvalidRequestException if the ttl is out of range, {@code at} precedes the enrolment
     *         or the reason is too long
     */
    public Posting reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key, String reason) {
        return post(prepareReserve(member, amount, ttl, at, key, reason));
    }

    private Prepared prepareReserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key,
            String reason) {
        PointCurrency currency = checkedAmount(amount);
        Checks.notNull(member, "member");
        Checks.notNull(ttl, "ttl");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = reason(reason, false);
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidRequestException("reservation time-to-live must be positive and at most " + MAX_TTL
                    + "; got " + ttl);
        }
        String fp = fingerprint(PostingType.RESERVE, member, null, amount, at, why, null, ttl.toString());
        return new Prepared(at, key, fp, null, member, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, PostingType.RESERVE, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            List<LotMovement> taken = take(d, purse, currency, amount.minorUnits(), at, PostingType.RESERVE);
            List<LotMovement> holds = new ArrayList<>(taken.size());
            for (LotMovement m : taken) {
                holds.add(new LotMovement(m.lot(), 0, -m.delta()));
            }
            d.putReservation(key, new Reservation(key, member, currency.code(), amount.minorUnits(), at, at.plus(ttl),
                    ReservationStatus.OPEN, null, holds));
            d.entry(key, PostingType.RESERVE, EntryType.RESERVE, currency.code(), 0, amount.minorUnits(), 0, at, why,
                    holds);
            return new Header(PostingType.RESERVE, member, null, currency.code(), amount.minorUnits(), at, why, null);
        });
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
     * @throws InvalidRequestException if {@code at} precedes the reservation
     */
    public Posting capture(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        return post(closeReservation(PostingType.CAPTURE, member, reservation, at, key));
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
     * @throws InvalidRequestException if {@code at} precedes the reservation
     */
    public Posting release(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        return post(closeReservation(PostingType.RELEASE, member, reservation, at, key));
    }

    private Prepared closeReservation(PostingType type, MemberId member, IdempotencyKey reservationKey, Instant at,
            IdempotencyKey key) {
        Checks.notNull(member, "member");
        Checks.notNull(reservationKey, "reservation key");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        String fp = fingerprint(type, member, null, null, at, "", reservationKey, null);
        return new Prepared(at, key, fp, null, member, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, type, at);
            Reservation r = d.reservation(reservationKey);
            if (r == null) {
                throw new UnknownPostingException("member " + member + " has no reservation with key '" + reservationKey
                        + "'; " + type.name().toLowerCase(java.util.Locale.ROOT) + " needs the key of a reserve posting");
            }
            if (at.isBefore(r.createdAt())) {
                throw new InvalidRequestException(type + " at " + at + " precedes reservation '" + reservationKey
                        + "' made at " + r.createdAt());
            }
            ReservationStatus status = r.statusAt(at);
            Draft.PurseDraft purse = d.purse(r.currency());
            boolean intact = true;
            for (LotMovement m : r.allocations()) {
                intact &= purse.lot(m.lot()).remaining() >= m.heldDelta();
            }
            if (status != ReservationStatus.OPEN || !intact) {
                throw new ReservationNotOpenException("reservation '" + reservationKey + "' of member " + member + " is "
                        + (status == ReservationStatus.OPEN ? ReservationStatus.LAPSED : status) + " at " + at
                        + " (deadline " + r.deadline() + "); only an open reservation can be captured or released");
            }
            List<LotMovement> moves = new ArrayList<>();
            boolean capture = type == PostingType.CAPTURE;
            for (LotMovement m : r.allocations()) {
                long held = m.heldDelta();
                moves.add(new LotMovement(m.lot(), capture ? -held : 0, -held));
                if (capture) {
                    purse.move(m.lot(), -held, at);
                }
            }
            d.putReservation(reservationKey,
                    r.close(capture ? ReservationStatus.CAPTURED : ReservationStatus.RELEASED, at));
            String why = (capture ? "captures" : "releases") + " reservation " + reservationKey;
            d.entry(key, type, capture ? EntryType.CAPTURE : EntryType.RELEASE, r.currency(),
                    capture ? -r.amount() : 0, -r.amount(), 0, at, why, moves);
            if (capture) {
                touch(purse, currency(r.currency()), type, at);
            }
            return new Header(type, member, null, r.currency(), r.amount(), at, why, reservationKey);
        });
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
     * @throws InvalidRequestException if the reason is too long
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
     * @throws InvalidRequestException if the reason is too long
     */
    public Posting reverse(MemberId member, IdempotencyKey original, Points amount, Instant at, IdempotencyKey key,
            String reason) {
        return post(prepareReverse(member, original, amount, at, key, reason));
    }

    private Prepared prepareReverse(MemberId member, IdempotencyKey original, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        Checks.notNull(member, "member");
        Checks.notNull(original, "original posting key");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = reason(reason, false);
        if (amount != null) {
            checkedAmount(amount);
        }
        // a full reversal's posting derives its fingerprint (see Posting.fingerprint()); a partial one keeps it
        String fp = amount == null ? null : fingerprint(PostingType.REVERSAL, member, null, amount, at, why, original, null);
        Request request = amount == null ? new Request(PostingType.REVERSAL, member, 0, null, at, why, original) : null;
        // the member's own posting: a store that keeps history past the window finds older ones here too
        Posting target = store.posting(member, original).orElse(null);
        if (target == null) {
            // Checked again inside post(); here only to name the members to lock.
            Optional<Posting> replay = store.posting(key);
            if (replay.isEmpty() || !replay.get().fingerprint().equals(fp != null ? fp : request.text())) {
                book(member);
                throw new UnknownPostingException("member " + member + " has no posting with key '" + original
                        + "'; a reversal needs the key of one of the member's earlier postings");
            }
        }
        MemberId other = target != null ? target.counterparty() : null;
        return new Prepared(at, key, fp, request, member, other, drafts -> reverseIn(drafts, member, target, amount, at, key, why));
    }

    private Header reverseIn(DraftLookup drafts, MemberId member, Posting target, Points amount, Instant at,
            IdempotencyKey key, String why) {
        Draft d = drafts.of(member);
        requireStatus(d, PostingType.REVERSAL, at);
        PointCurrency currency = currency(target.currency());
        if (amount != null && !amount.currency().code().equals(currency.code())) {
            throw new UnknownCurrencyException("reversal of '" + target.key() + "' must be in " + currency.code()
                    + ", the currency of the posting; got " + amount.currency().code());
        }
        switch (target.type()) {
            case EARN: case ADJUST_CREDIT: case REDEEM: case ADJUST_DEBIT: case CAPTURE: case TRANSFER:
                break;
            default:
                throw new InvalidReversalException("posting '" + target.key() + "' is a " + target.type()
                        + ", which cannot be reversed; only earn, redeem, capture, adjustments and transfers can"
                        + (target.type() == PostingType.RESERVE ? " (release a reservation instead)" : ""));
        }
        if (at.isBefore(target.at())) {
            throw new InvalidReversalException("reversal at " + at + " precedes posting '" + target.key() + "' at "
                    + target.at() + "; a reversal must not be dated before what it reverses");
        }
        Reversed done = d.reversed(target.key());
        long doneAmount = done == null ? 0 : done.amount();
        long reversible = target.amount() - doneAmount;
        long x = amount == null ? reversible : amount.minorUnits();
        if (reversible == 0 || x > reversible) {
            throw new InvalidReversalException("posting '" + target.key() + "' of " + Points.of(currency, target.amount())
                    + " has " + Points.of(currency, reversible) + " left to reverse"
                    + (amount == null ? "" : "; cannot reverse " + amount));
        }
        Map<LotId, Long> returned = done == null ? new HashMap<>() : new HashMap<>(done.lots());
        switch (target.type()) {
            case EARN: case ADJUST_CREDIT:
                clawBack(d, currency, lotsCreated(target, member), x, at, key, why);
                break;
            case TRANSFER:
                Draft receiver = drafts.of(target.counterparty());
                requireStatus(receiver, PostingType.REVERSAL, at);
                clawBack(receiver, currency, lotsCreated(target, target.counterparty()), x, at, key, why);
                giveBack(d, currency, target, returned, x, at, key, why);
                break;
            default:
                giveBack(d, currency, target, returned, x, at, key, why);
        }
        d.putReversed(target.key(), new Reversed(doneAmount + x, returned));
        return new Header(PostingType.REVERSAL, member, target.counterparty(), currency.code(), x, at, why, target.key());
    }

    private static List<LotId> lotsCreated(Posting target, MemberId owner) {
        List<LotId> lots = new ArrayList<>();
        for (Entry e : target.entries()) {
            if (e.member().equals(owner) && (e.type() == EntryType.EARN || e.type() == EntryType.ADJUST_CREDIT
                    || e.type() == EntryType.TRANSFER_IN)) {
                for (LotMovement m : e.lots()) {
                    lots.add(m.lot());
                }
            }
        }
        return lots;
    }

    private static void clawBack(Draft d, PointCurrency currency, List<LotId> lots, long x, Instant at,
            IdempotencyKey key, String why) {
        Draft.PurseDraft purse = d.purse(currency.code());
        Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), at);
        List<LotMovement> moves = new ArrayList<>();
        long left = x;
        for (int i = lots.size() - 1; i >= 0 && left > 0; i--) {
            Lot lot = purse.openLot(lots.get(i));
            // a lot that is not open has nothing left to claw back
            long claw = lot == null ? 0 : Math.min(left, Books.free(lot, held));
            if (claw > 0) {
                purse.move(lot.id(), -claw, at);
                moves.add(new LotMovement(lot.id(), -claw, 0));
                left -= claw;
            }
        }
        if (Checks.overflows(purse.debt, left)) {
            Checks.add(purse.debt, left, "debt of member " + d.member() + " in " + currency.code());
        }
        purse.debt += left;
        d.entry(key, PostingType.REVERSAL, EntryType.REVERSAL, currency.code(), -(x - left), 0, left, at,
                left == 0 ? why : why + " (" + Points.of(currency, left) + " already spent, recorded as debt)", moves);
    }

    private static void giveBack(Draft d, PointCurrency currency, Posting target, Map<LotId, Long> returned, long x,
            Instant at, IdempotencyKey key, String why) {
        Draft.PurseDraft purse = d.purse(currency.code());
        List<LotMovement> moves = new ArrayList<>();
        long left = x;
        // the lots the posting took, latest first: its entries' movements read back to front
        List<Entry> entries = target.entries();
        for (int k = entries.size() - 1; k >= 0 && left > 0; k--) {
            Entry e = entries.get(k);
            if (!e.member().equals(d.member()) || e.amount() >= 0 || e.type() == EntryType.DEBT_SETTLEMENT) {
                continue;
            }
            List<LotMovement> taken = e.lots();
            for (int i = taken.size() - 1; i >= 0 && left > 0; i--) {
                LotId lot = Movements.lot(taken, i);
                long open = -Movements.delta(taken, i) - returned.getOrDefault(lot, 0L);
                long give = Math.min(left, open);
                if (give > 0) {
                    purse.move(lot, give, at);
                    returned.merge(lot, give, Long::sum);
                    moves.add(new LotMovement(lot, give, 0));
                    left -= give;
                }
            }
        }
        if (left != 0) {
            throw new IllegalStateException("posting '" + target.key() + "' records fewer lots than its amount");
        }
        d.entry(key, PostingType.REVERSAL, EntryType.REVERSAL, currency.code(), x, 0, 0, at, why, moves);
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
     * @throws InvalidRequestException if sender and receiver are the same, {@code at} precedes an
     *         enrolment, or the reason is too long
     */
    public Posting transfer(MemberId from, MemberId to, Points amount, Instant at, IdempotencyKey key, String reason) {
        return post(prepareTransfer(from, to, amount, at, key, reason));
    }

    private Prepared prepareTransfer(MemberId from, MemberId to, Points amount, Instant at, IdempotencyKey key,
            String reason) {
        PointCurrency currency = checkedAmount(amount);
        Checks.notNull(from, "sender");
        Checks.notNull(to, "receiver");
        Checks.notNull(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = reason(reason, false);
        if (from.equals(to)) {
            throw new InvalidRequestException("transfer from member " + from + " to itself; sender and receiver must differ");
        }
        String fp = fingerprint(PostingType.TRANSFER, from, to, amount, at, why, null, null);
        return new Prepared(at, key, fp, null, from, to, drafts -> {
            Draft sender = drafts.of(from);
            Draft receiver = drafts.of(to);
            requireStatus(sender, PostingType.TRANSFER, at);
            requireStatus(receiver, PostingType.TRANSFER, at);
            Draft.PurseDraft out = sender.purse(currency.code());
            Draft.PurseDraft in = receiver.purse(currency.code());
            long total = in.total();
            if (Checks.overflows(total, amount.minorUnits())) {
                Checks.add(total, amount.minorUnits(), "balance of member " + to + " in " + currency.code());
            }
            List<LotMovement> taken = take(sender, out, currency, amount.minorUnits(), at, PostingType.TRANSFER);
            List<LotMovement> created = new ArrayList<>();
            List<Lot> newLots = new ArrayList<>();
            for (LotMovement m : taken) {
                Lot source = out.lot(m.lot());
                out.move(m.lot(), m.delta(), at);
                Lot lot = new Lot(receiver.newLotId(), currency.code(), -m.delta(), -m.delta(), at, at,
                        source.expiresAt(), key, at);
                in.add(lot);
                newLots.add(lot);
                created.add(new LotMovement(lot.id(), -m.delta(), 0));
            }
            sender.entry(key, PostingType.TRANSFER, EntryType.TRANSFER_OUT, currency.code(), -amount.minorUnits(), 0, 0,
                    at, why + " (to " + to + ")", taken);
            receiver.entry(key, PostingType.TRANSFER, EntryType.TRANSFER_IN, currency.code(), amount.minorUnits(), 0, 0,
                    at, why + " (from " + from + ")", created);
            for (Lot lot : newLots) {
                settleDebt(receiver, in, in.lot(lot.id()), key, PostingType.TRANSFER, at);
            }
            touch(out, currency, PostingType.TRANSFER, at);
            touch(in, currency, PostingType.TRANSFER, at);
            return new Header(PostingType.TRANSFER, from, to, currency.code(), amount.minorUnits(), at, why, null);
        });
    }

    // ------------------------------------------------------------------ expiry

    /**
     * Writes off every lot that has expired by {@code asOf} (by its own date or by inactivity),
     * for all members with an open account, as EXPIRE entries. Idempotent: running it again for
     * the same instant writes nothing, and it can be run for any instant. Points held by an open
     * reservation are not written off until the reservation ends.
     *
     * @param asOf the instant to expire points up to
     * @return what the sweep did
     * @throws NullPointerException if {@code asOf} is null
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
     */
    public ExpirySweep expire(Instant asOf, ProgressListener listener) {
        Checks.notNull(asOf, "asOf");
        Checks.notNull(listener, "progress listener");
        long total = countMembers();
        long scanned = 0;
        long postings = 0;
        Map<String, Long> expired = new TreeMap<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, PAGE);
            for (MemberId member : page) {
                scanned++;
                for (PointCurrency currency : currencies.values()) {
                    long amount = expireMember(member, currency, asOf);
                    if (amount > 0) {
                        postings++;
                        expired.merge(currency.code(), amount, Long::sum);
                    }
                }
                total = Math.max(total, scanned);
                listener.progress(scanned, total);
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new ExpirySweep(asOf, scanned, postings, expired);
    }

    private long countMembers() {
        long n = 0;
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, PAGE);
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            after = page.get(page.size() - 1);
        }
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
        if (limit < 1 || limit > MAX_MEMBER_PAGE) {
            throw new InvalidRequestException("page size of members must be between 1 and " + MAX_MEMBER_PAGE
                    + "; got " + limit);
        }
        return List.copyOf(store.members(after, limit));
    }

    private long expireMember(MemberId member, PointCurrency currency, Instant asOf) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            MemberBook book = book(member);
            Purse stored = book.purses().get(currency.code());
            if (book.account().status() == AccountStatus.CLOSED || stored == null) {
                return 0;
            }
            Draft d = new Draft(book, store, horizon());
            Draft.PurseDraft purse = d.purse(currency.code());
            Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), asOf);
            Instant lapse = Books.inactivityDeadline(currency, purse.lastActivity, book.account().enrolledAt(), zone);
            IdempotencyKey key = new IdempotencyKey(IdempotencyKey.SYSTEM_PREFIX + "expiry/" + member + "/"
                    + currency.code() + "/" + book.version());
            long total = 0;
            for (Lot lot : List.copyOf(purse.lots())) {
                Instant expiry = Books.effectiveExpiry(lot, lapse);
                long free = Books.free(lot, held);
                if (free > 0 && Books.expiredAt(expiry, asOf)) {
                    Instant at = expiry.isAfter(lot.lastMovementAt()) ? expiry : lot.lastMovementAt();
                    purse.move(lot.id(), -free, at);
                    d.entry(key, PostingType.EXPIRY, EntryType.EXPIRE, currency.code(), -free, 0, 0, at,
                            "expired " + (expiry.equals(lot.expiresAt()) ? "at the end of its term" : "after inactivity")
                                    + " (lot " + lot.id() + ")",
                            Movements.of(lot.id(), -free, 0));
                    total += free;
                }
            }
            if (total == 0) {
                return 0;
            }
            Posting posting = new Posting(key, PostingType.EXPIRY, member, null, currency.code(), total, asOf,
                    "expiry sweep", null, "EXPIRY|" + member + "|" + currency.code() + "|" + asOf, d.entries());
            if (store.apply(new Commit(List.of(d.toChange()), List.of(posting), posting.entries())) == CommitResult.APPLIED) {
                if (!listeners.isEmpty()) {
                    publish(new LedgerEvent.Expired(posting));
                }
                return total;
            }
        }
        throw contended(member);
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
     * @throws InvalidRequestException if {@code within} is negative
     */
    public List<ExpiringPoints> expiring(MemberId member, PointCurrency currency, Period within) {
        Checks.notNull(member, "member");
        Instant now = clock.instant();
        return expiring(book(member), configured(currency), now, horizon(now, within));
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
     * @throws InvalidRequestException if {@code within} is negative
     */
    public List<ExpiringPoints> expiring(PointCurrency currency, Period within) {
        PointCurrency c = configured(currency);
        Instant now = clock.instant();
        Instant horizon = horizon(now, within);
        List<ExpiringPoints> all = new ArrayList<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, PAGE);
            for (MemberId member : page) {
                store.book(member).ifPresent(b -> {
                    if (b.account().status() != AccountStatus.CLOSED) {
                        all.addAll(expiring(b, c, now, horizon));
                    }
                });
            }
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private Instant horizon(Instant now, Period within) {
        Checks.notNull(within, "within");
        if (within.isNegative()) {
            throw new InvalidRequestException("expiry horizon must not be negative; got " + within);
        }
        return now.atZone(zone).plus(within).toInstant();
    }

    private List<ExpiringPoints> expiring(MemberBook book, PointCurrency currency, Instant now, Instant horizon) {
        Purse purse = book.purses().get(currency.code());
        if (purse == null) {
            return List.of();
        }
        Map<LotId, Long> held = Books.heldOpen(book.reservations(), currency.code(), now);
        Instant lapse = Books.inactivityDeadline(currency, purse.lastActivity(), book.account().enrolledAt(), zone);
        List<ExpiringPoints> out = new ArrayList<>();
        for (Lot lot : purse.lots()) {
            Instant expiry = Books.effectiveExpiry(lot, lapse);
            long free = Books.free(lot, held);
            if (free > 0 && expiry != null && expiry.isAfter(now) && !expiry.isAfter(horizon)
                    && !lot.earnedAt().isAfter(now)) {
                out.add(new ExpiringPoints(book.account().member(), currency.code(), lot.id(), free, expiry));
            }
        }
        out.sort((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
        return out;
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
        Checks.notNull(member, "member");
        PointCurrency c = configured(currency);
        MemberBook book = book(member);
        Instant now = clock.instant();
        Purse purse = book.purses().get(c.code());
        if (purse == null) {
            return new Balance(member, c.code(), now, 0, 0, 0, 0, 0, 0);
        }
        return Books.balance(member, c.code(), now, purse.lots(),
                Books.heldOpen(book.reservations(), c.code(), now),
                Books.inactivityDeadline(c, purse.lastActivity(), book.account().enrolledAt(), zone), purse.debt());
    }

    /**
     * Returns a member's balance in a currency as it stood at {@code asOf}: the state now, with
     * the entries dated after {@code asOf} undone. Lots that had expired by then are counted as
     * expired, lots still in their hold period as pending, reservations open then as reserved.
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
     */
    public Balance balance(MemberId member, PointCurrency currency, Instant asOf) {
        Checks.notNull(member, "member");
        Checks.notNull(asOf, "asOf");
        PointCurrency c = configured(currency);
        MemberBook book = book(member);
        Purse purse = book.purses().get(c.code());
        if (purse == null) {
            return new Balance(member, c.code(), asOf, 0, 0, 0, 0, 0, 0);
        }
        List<Entry> kept = store.entries(member);
        // whether the store still keeps every entry of the member (sequence numbers start at 1)
        boolean complete = kept.isEmpty() ? book.nextEntry() == 1 : kept.get(0).sequence() == 1;
        Instant horizon = horizon();
        if (!complete && asOf.isBefore(horizon)) {
            throw new OutsideWindowException("balance of member " + member + " as of " + asOf + " reaches before the "
                    + "idempotency window (" + window + ", from " + horizon + "), whose history this store no longer keeps");
        }
        // from the state now, undo what was dated after asOf: every such entry is kept, since the
        // store forgets only entries dated before the horizon
        Map<LotId, Long> undone = new HashMap<>();
        long debt = purse.debt();
        Instant lastActivity = null;
        for (Entry e : kept) {
            if (!e.currency().equals(c.code())) {
                continue;
            }
            if (e.at().isAfter(asOf)) {
                debt -= e.debtDelta();
                for (int i = 0, n = e.lots().size(); i < n; i++) {
                    undone.merge(Movements.lot(e.lots(), i), Movements.delta(e.lots(), i), Long::sum);
                }
            } else if (c.activity().contains(e.postingType()) && e.type() != EntryType.DEBT_SETTLEMENT
                    && e.postingType() != PostingType.REVERSAL && (lastActivity == null || e.at().isAfter(lastActivity))) {
                lastActivity = e.at();
            }
        }
        if (purse.lastActivity() != null && !purse.lastActivity().isAfter(asOf)) {
            lastActivity = purse.lastActivity();
        } else if (!complete && (lastActivity == null || lastActivity.isBefore(horizon))
                && c.expiry().inactivityDeadline(book.account().enrolledAt(), zone).isPresent()) {
            throw new OutsideWindowException("balance of member " + member + " in " + c.code() + " as of " + asOf
                    + " depends on activity before the idempotency window (" + window + ", from " + horizon
                    + "), whose history this store no longer keeps");
        }
        List<Lot> lots = new ArrayList<>();
        for (Lot lot : store.lots(member, c.code())) {
            if (!lot.earnedAt().isAfter(asOf)) {
                long r = lot.remaining() - undone.getOrDefault(lot.id(), 0L);
                lots.add(lot.withRemaining(r, lot.lastMovementAt()));
            }
        }
        return Books.balance(member, c.code(), asOf, lots,
                Books.heldHistoric(store.reservations(member), c.code(), asOf),
                Books.inactivityDeadline(c, lastActivity, book.account().enrolledAt(), zone), debt);
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
        Checks.notNull(member, "member");
        String code = configured(currency).code();
        book(member);
        return store.lots(member, code);
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
        book(Checks.notNull(member, "member"));
        return store.entries(member);
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
        book(Checks.notNull(member, "member"));
        if (limit < 1 || limit > MAX_MEMBER_PAGE) {
            throw new InvalidRequestException("page size of a statement must be between 1 and " + MAX_MEMBER_PAGE
                    + "; got " + limit);
        }
        return List.copyOf(store.entries(member, beforeSequence, limit));
    }

    /**
     * Returns the posting made with a key.
     *
     * @param key the key
     * @return the posting, or empty
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<Posting> posting(IdempotencyKey key) {
        return store.posting(Checks.notNull(key, "key"));
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
        Checks.notNull(key, "key");
        book(Checks.notNull(member, "member"));
        return store.reservation(member, key);
    }

    // ------------------------------------------------------------------ machinery

    /** What an operation says about the posting it made; the entries come from the drafts. */
    private record Header(PostingType type, MemberId member, MemberId counterparty, String currency, long amount,
            Instant at, String reason, IdempotencyKey target) {
    }

    @FunctionalInterface
    private interface Operation {
        Header apply(DraftLookup drafts);
    }

    /**
     * The parts of a request whose fingerprint a {@link Posting} can derive from its own parts: an
     * earn, redeem or adjustment ({@link #simpleFingerprint}; {@code target} null) or a full reversal
     * of {@code target} ({@link #fullReversalFingerprint}; amount and currency unused). The posting
     * keeps no text for it, and a retry of a simple request is recognised by comparing the parts.
     */
    private record Request(PostingType type, MemberId member, long amount, String currency, Instant at,
            String reason, IdempotencyKey target) {

        String text() {
            return target == null ? simpleFingerprint(type, member, amount, currency, at, reason)
                    : fullReversalFingerprint(member, at, reason, target);
        }

        /**
         * Whether the posting was made from the very same parts (then the fingerprints are equal);
         * false for a reversal, which is compared by its text.
         */
        boolean madeFrom(Posting p) {
            return target == null && p.type() == type && p.amount() == amount && p.counterparty() == null
                    && p.target() == null && p.member().equals(member) && p.currency().equals(currency)
                    && p.at().equals(at) && p.reason().equals(reason);
        }

        /** Whether a header says what this request says, so that a posting of it derives the same text. */
        boolean describes(Header h) {
            if (target != null) {
                return h.type() == PostingType.REVERSAL && type == PostingType.REVERSAL && target.equals(h.target())
                        && h.member().equals(member) && h.at().equals(at) && h.reason().equals(reason);
            }
            return h.type() == type && h.amount() == amount && h.counterparty() == null && h.target() == null
                    && h.member().equals(member) && h.currency().equals(currency) && h.at().equals(at)
                    && h.reason().equals(reason);
        }
    }

    /**
     * Posts for {@code member} and, for a transfer or its reversal, {@code other} (else null). The
     * request's fingerprint is either {@code fingerprint} or, when that is null, {@code request}'s.
     */
    /**
     * One request, checked and ready to post: its business time and key, its fingerprint (or the
     * parts a posting derives it from), the members it touches, and what it does to their drafts.
     */
    private record Prepared(Instant at, IdempotencyKey key, String fingerprint, Request request, MemberId member,
            MemberId other, Operation op) {

        /** Whether a posting made earlier with this key was made by this very request. */
        boolean madeBy(Posting first) {
            return fingerprint != null ? first.fingerprint().equals(fingerprint)
                    : request.madeFrom(first) || first.fingerprint().equals(request.text());
        }

        PostingType type() {
            return fingerprint != null ? PostingType.valueOf(fingerprint.substring(0, fingerprint.indexOf(' ')))
                    : request.type();
        }
    }

    private Posting post(Prepared p) {
        Instant at = p.at();
        IdempotencyKey key = p.key();
        MemberId member = p.member();
        MemberId other = p.other();
        Operation op = p.op();
        Instant horizon = inWindow(at);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Posting first = postingOrNull(key);
            if (first != null) {
                if (p.madeBy(first)) {
                    return first;
                }
                throw conflict(first, p, horizon);
            }
            List<MemberChange> changes;
            List<Entry> entries;
            Header h;
            if (other == null) {
                Draft d = new Draft(book(member), store, horizon);
                h = op.apply(d);
                changes = List.of(d.toChange());
                entries = d.entries();
            } else {
                Map<MemberId, Draft> drafts = drafts(member, other, horizon);
                h = op.apply(drafts::get);
                List<MemberChange> changed = new ArrayList<>();
                List<Entry> all = new ArrayList<>();
                for (Draft d : drafts.values()) {
                    if (d.hasEntries()) {
                        changed.add(d.toChange());
                        all.addAll(d.entries());
                    }
                }
                changes = List.copyOf(changed);
                entries = List.copyOf(all);
            }
            Posting posting = posting(p, h, entries);
            CommitResult result = store instanceof InMemoryLedgerStore memory && changes.size() == 1
                    ? memory.apply(changes.get(0), posting, entries) : store.apply(new Commit(changes, List.of(posting), entries));
            if (result == CommitResult.APPLIED) {
                if (!listeners.isEmpty()) {
                    publish(new LedgerEvent.Posted(posting));
                }
                return posting;
            }
        }
        throw contended(member);
    }

    /**
     * Refuses a posting dated before the horizon, and tells the store when the horizon has moved.
     *
     * @return the horizon
     */
    private Instant inWindow(Instant at) {
        Instant horizon = horizon();
        long seconds = horizon.getEpochSecond();
        long told = forgotten.get();
        if (seconds >= told + FORGET_STEP_SECONDS && forgotten.compareAndSet(told, seconds)) {
            store.forget(horizon);
        }
        if (at.isBefore(horizon)) {
            throw new OutsideWindowException("business time " + at + " is before the idempotency window of this "
                    + "ledger (" + window + " back from now, " + horizon + "): a key that old may be forgotten, so the "
                    + "posting could be a retry; post with a current business time or widen idempotencyWindow");
        }
        return horizon;
    }

    /**
     * Names the first field in which a request differs from the posting first made with its key,
     * without printing either's values (the first may be another member's): the request is worked
     * out on throw-away drafts and its parts compared with the posting's.
     */
    private IdempotencyConflictException conflict(Posting first, Prepared p, Instant horizon) {
        return new IdempotencyConflictException("idempotency key '" + p.key() + "' was first used for a request "
                + "with another " + differingField(first, p.type(), p.member(), p.other(), horizon, p.op())
                + "; reuse a key only to retry the same request");
    }

    /** The posting of a request from what its operation says; a request it derives its fingerprint from keeps no text. */
    private static Posting posting(Prepared p, Header h, List<Entry> entries) {
        String fp = p.fingerprint() != null ? p.fingerprint()
                : p.request().describes(h) ? Posting.DERIVED : p.request().text();
        return new Posting(p.key(), h.type(), h.member(), h.counterparty(), h.currency(), h.amount(), h.at(),
                h.reason(), h.target(), fp, entries);
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
        Checks.notNull(requests, "requests");
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw new InvalidRequestException("a batch holds 1 to " + MAX_BATCH + " requests; got " + requests.size());
        }
        List<Prepared> batch = new ArrayList<>(requests.size());
        java.util.Set<IdempotencyKey> keys = new java.util.HashSet<>();
        for (PostingRequest r : requests) {
            Prepared p = prepare(Checks.notNull(r, "request"));
            if (!keys.add(p.key())) {
                throw new InvalidRequestException("idempotency key '" + p.key() + "' appears twice in one batch; "
                        + "each request of a batch needs its own key");
            }
            batch.add(p);
        }
        Instant horizon = null;
        for (Prepared p : batch) {
            horizon = inWindow(p.at());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Posting> firsts = new ArrayList<>(batch.size());
            for (Prepared p : batch) {
                Posting first = postingOrNull(p.key());
                if (first != null && !p.madeBy(first)) {
                    throw conflict(first, p, horizon);
                }
                firsts.add(first);
            }
            if (!firsts.contains(null)) {
                return List.copyOf(firsts);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (firsts.get(i) != null) {
                    throw new IdempotencyConflictException("idempotency key '" + batch.get(i).key() + "' was used "
                            + "already, but not by this batch (another of its keys is new); a batch is retried whole");
                }
            }
            Map<MemberId, Draft> drafts = new LinkedHashMap<>();
            final Instant h = horizon;
            DraftLookup lookup = m -> drafts.computeIfAbsent(m, x -> new Draft(book(x), store, h));
            List<Posting> postings = new ArrayList<>(batch.size());
            List<Entry> all = new ArrayList<>();
            for (Prepared p : batch) {
                lookup.of(p.member());
                if (p.other() != null) {
                    lookup.of(p.other());
                }
                // an operation writes entries for its member and its counterparty only, in that order
                Draft mainDraft = drafts.get(p.member());
                Draft otherDraft = p.other() == null ? null : drafts.get(p.other());
                int mainBefore = mainDraft.entryCount();
                int otherBefore = otherDraft == null ? 0 : otherDraft.entryCount();
                Header head = p.op().apply(lookup);
                List<Entry> mine = new ArrayList<>(mainDraft.entriesFrom(mainBefore));
                if (otherDraft != null) {
                    mine.addAll(otherDraft.entriesFrom(otherBefore));
                }
                postings.add(posting(p, head, mine));
                all.addAll(mine);
            }
            List<MemberChange> changes = new ArrayList<>();
            for (Draft d : drafts.values()) {
                if (d.hasEntries()) {
                    changes.add(d.toChange());
                }
            }
            if (store.apply(new Commit(changes, postings, all)) == CommitResult.APPLIED) {
                if (!listeners.isEmpty()) {
                    for (Posting posting : postings) {
                        publish(new LedgerEvent.Posted(posting));
                    }
                }
                return List.copyOf(postings);
            }
        }
        throw contended(batch.get(0).member());
    }

    /** A request as the single operation would prepare it. */
    private Prepared prepare(PostingRequest r) {
        if (r instanceof PostingRequest.Earn e) {
            return credit(PostingType.EARN, EntryType.EARN, e.member(), e.amount(), e.at(), e.key(), reason(e.reason(), false));
        } else if (r instanceof PostingRequest.AdjustCredit e) {
            return credit(PostingType.ADJUST_CREDIT, EntryType.ADJUST_CREDIT, e.member(), e.amount(), e.at(), e.key(),
                    reason(e.reason(), true));
        } else if (r instanceof PostingRequest.Redeem e) {
            return debit(PostingType.REDEEM, EntryType.REDEEM, e.member(), e.amount(), e.at(), e.key(), reason(e.reason(), false));
        } else if (r instanceof PostingRequest.AdjustDebit e) {
            return debit(PostingType.ADJUST_DEBIT, EntryType.ADJUST_DEBIT, e.member(), e.amount(), e.at(), e.key(),
                    reason(e.reason(), true));
        } else if (r instanceof PostingRequest.Reserve e) {
            return prepareReserve(e.member(), e.amount(), e.ttl(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Capture e) {
            return closeReservation(PostingType.CAPTURE, e.member(), e.reservation(), e.at(), e.key());
        } else if (r instanceof PostingRequest.Release e) {
            return closeReservation(PostingType.RELEASE, e.member(), e.reservation(), e.at(), e.key());
        } else if (r instanceof PostingRequest.Reverse e) {
            return prepareReverse(e.member(), e.original(), e.amount(), e.at(), e.key(), e.reason());
        } else {
            PostingRequest.Transfer e = (PostingRequest.Transfer) r;
            return prepareTransfer(e.from(), e.to(), e.amount(), e.at(), e.key(), e.reason());
        }
    }

    /** Fresh drafts of a request's member and counterparty (if any), in that order. */
    private Map<MemberId, Draft> drafts(MemberId member, MemberId other, Instant horizon) {
        Map<MemberId, Draft> drafts = new LinkedHashMap<>();
        drafts.put(member, new Draft(book(member), store, horizon));
        if (other != null) {
            drafts.put(other, new Draft(book(other), store, horizon));
        }
        return drafts;
    }

    private String differingField(Posting first, PostingType type, MemberId member, MemberId other, Instant horizon,
            Operation op) {
        if (!first.member().equals(member)) {
            return "member";
        }
        if (type != first.type()) {
            return "type (" + first.type() + ", not " + type + ")";
        }
        Header h;
        try {
            h = op.apply(drafts(member, other, horizon)::get);
        } catch (LoyaltyException | IllegalStateException e) {
            return "content";
        }
        if (h.type() != first.type()) {
            return "type (" + first.type() + ", not " + h.type() + ")";
        }
        if (!java.util.Objects.equals(h.counterparty(), first.counterparty())) {
            return "counterparty";
        }
        if (!h.currency().equals(first.currency())) {
            return "currency";
        }
        if (h.amount() != first.amount()) {
            return "amount";
        }
        if (!h.at().equals(first.at())) {
            return "business time";
        }
        if (!h.reason().equals(first.reason())) {
            return "reason";
        }
        if (!java.util.Objects.equals(h.target(), first.target())) {
            return "target posting";
        }
        return "content (such as a reservation's time-to-live, or a full against a partial reversal)";
    }

    private static ConcurrentUpdateException contended(MemberId member) {
        return new ConcurrentUpdateException("member " + member + " was changed by other writers " + MAX_ATTEMPTS
                + " times in a row; nothing was posted, and retrying with the same key is safe");
    }

    private void publish(LedgerEvent event) {
        for (LedgerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                try {
                    listenerErrors.accept(event, e);
                } catch (RuntimeException ignored) {
                    // The handler failing must not stop the remaining listeners either.
                }
            }
        }
    }

    private Posting postingOrNull(IdempotencyKey key) {
        return store instanceof InMemoryLedgerStore memory ? memory.postingOrNull(key) : store.posting(key).orElse(null);
    }

    private MemberBook book(MemberId member) {
        MemberBook book = store instanceof InMemoryLedgerStore memory ? memory.bookOrNull(member)
                : store.book(member).orElse(null);
        if (book == null) {
            throw new UnknownMemberException("member " + member + " is not enrolled; enrol it before posting or reading");
        }
        return book;
    }

    private PointCurrency configured(PointCurrency currency) {
        Checks.notNull(currency, "currency");
        PointCurrency c = currencies.get(currency.code());
        if (c == null) {
            throw new UnknownCurrencyException("currency '" + currency.code() + "' is not configured in this ledger; "
                    + "configured: " + currencies.keySet());
        }
        if (!c.equals(currency)) {
            throw new UnknownCurrencyException("currency '" + currency.code() + "' differs from the one configured in "
                    + "this ledger (decimal places, name or policies); use ledger.currency(\"" + currency.code() + "\")");
        }
        return c;
    }

    private PointCurrency checkedAmount(Points amount) {
        Checks.notNull(amount, "amount");
        PointCurrency c = configured(amount.currency());
        if (amount.minorUnits() <= 0) {
            Checks.positive(amount.minorUnits(), "amount of " + c.code());
        }
        return c;
    }

    private static String reason(String reason, boolean required) {
        Checks.notNull(reason, "reason");
        if (required && reason.isBlank()) {
            throw new InvalidRequestException("reason must not be blank: manual adjustments and status changes "
                    + "must say why");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidRequestException("reason must be at most " + MAX_REASON + " characters; got "
                    + reason.length());
        }
        return reason;
    }

    private static void requireStatus(Draft d, PostingType type, Instant at) {
        AccountStatus status = d.account.status();
        boolean backOffice = type == PostingType.ADJUST_CREDIT || type == PostingType.ADJUST_DEBIT
                || type == PostingType.REVERSAL || type == PostingType.RELEASE;
        if (status == AccountStatus.CLOSED || (status == AccountStatus.SUSPENDED && !backOffice)) {
            throw new AccountStatusException("account of member " + d.member() + " is " + status + "; "
                    + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " needs "
                    + (backOffice ? "an ACTIVE or SUSPENDED account" : "an ACTIVE account"));
        }
        if (at.isBefore(d.account.enrolledAt())) {
            throw new InvalidRequestException("business time " + at + " precedes the enrolment of member " + d.member()
                    + " at " + d.account.enrolledAt() + "; postings must not be dated before enrolment");
        }
    }

    static String fingerprint(PostingType type, MemberId member, MemberId counterparty, Points amount,
            Instant at, String reason, IdempotencyKey target, String extra) {
        if (counterparty == null && target == null && extra == null && amount != null) {
            return simpleFingerprint(type, member, amount.minorUnits(), amount.currency().code(), at, reason);
        }
        return fingerprintText(type, member, counterparty, amount, at, reason, target, extra);
    }

    /**
     * The fingerprint of a request with an amount and no counterparty, target or extra (an earn, a
     * redeem, an adjustment): what {@link #fingerprint} gives for it, from the parts a
     * {@link Posting} keeps, so that the posting need not keep the text.
     */
    static String simpleFingerprint(PostingType type, MemberId member, long minorUnits, String currency, Instant at,
            String reason) {
        long s = at.getEpochSecond();
        if (at.getNano() == 0 && Texts.fourDigitYear(s)) {
            // the usual earn or redeem: one exactly sized string, nothing else allocated
            long ymd = Texts.civilDate(Math.floorDiv(s, 86_400L));
            int year = (int) (ymd / 10_000);
            int month = (int) (ymd / 100 % 100);
            int day = (int) (ymd % 100);
            int secs = (int) Math.floorMod(s, 86_400L);
            int hour = secs / 3600;
            int minute = secs / 60 % 60;
            int second = secs % 60;
            return type.name() + " for member " + member.value() + " of " + minorUnits + " "
                    + currency + " at " + Texts.pad(year, 4) + year + "-" + Texts.pad(month, 2) + month
                    + "-" + Texts.pad(day, 2) + day + "T" + Texts.pad(hour, 2) + hour + ":" + Texts.pad(minute, 2)
                    + minute + ":" + Texts.pad(second, 2) + second + "Z (" + reason + ")";
        }
        StringBuilder sb = new StringBuilder(64 + member.value().length() + reason.length())
                .append(type).append(" for member ").append(member)
                .append(" of ").append(minorUnits).append(' ').append(currency);
        return Texts.appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
    }

    /**
     * The fingerprint of a request to reverse all that is left of {@code target}: what
     * {@link #fingerprint} gives for it, from the parts a {@link Posting} keeps.
     */
    static String fullReversalFingerprint(MemberId member, Instant at, String reason, IdempotencyKey target) {
        return fingerprintText(PostingType.REVERSAL, member, null, null, at, reason, target, "all");
    }

    /** {@link #fingerprint} built step by step, for every shape of request. */
    static String fingerprintText(PostingType type, MemberId member, MemberId counterparty, Points amount,
            Instant at, String reason, IdempotencyKey target, String extra) {
        StringBuilder sb = new StringBuilder(64 + member.value().length() + reason.length()
                + (extra == null ? 0 : extra.length()) + (target == null ? 0 : target.value().length()))
                .append(type).append(" for member ").append(member);
        if (counterparty != null) {
            sb.append(" to ").append(counterparty);
        }
        if (amount != null) {
            sb.append(" of ").append(amount.minorUnits()).append(' ').append(amount.currency().code());
        }
        if (target != null) {
            sb.append(" on '").append(target).append('\'');
        }
        if (extra != null) {
            sb.append(" [").append(extra).append(']');
        }
        return Texts.appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
    }
}
