package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.tier.InvalidTierRequestException;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The facade that point-of-sale and shop code calls: purchases, events, returns, redemptions and
 * rewards, under one immutable {@link ProgramVersion} at a time.
 *
 * <p>A purchase is evaluated by the version's rule engine; its awards are posted to the
 * {@link Ledger}, one posting per currency, under keys derived from the caller's key
 * ({@code key + "#" + currency}), so a retried purchase posts nothing twice. The returned
 * {@link Receipt} names the version that computed it. {@link #install(ProgramVersion)} swaps the
 * version atomically: each call reads the version once and uses only that one.
 *
 * <p><b>Tiers.</b> A program made with {@link #of(Ledger, ProgramVersion, TierEngine)} keeps members'
 * tiers on the engine's ladder. Rules see the member's tier at the business time, with its earning
 * multiplier and perks ({@link MemberProfile#tierMultiplier()}, {@link MemberProfile#perks()}).
 * After a purchase or event is posted, its qualifying activity is recorded in the engine, for each
 * metric the ladder declares: points earned in a {@link Metric#points points} metric's currency
 * (under the posting's key {@code key#CURRENCY}, the key {@link io.github.loyaltyrules.tier.TierFeed}
 * would use, so a ledger that also feeds the engine counts nothing twice); the basket total for a
 * {@link Metric#spend spend} metric in the basket's money currency (floored to the currency's minor
 * unit, under {@code key#spend}); one purchase for {@link Metric#purchases()} (under
 * {@code key#purchase}). Counters are the caller's to record. A return takes back, in the window the
 * purchase counted in, the points it clawed back, the money of the returned units, and the purchase
 * itself once every unit is returned.
 *
 * <p><b>Returns and their allocation rule.</b> A return claws back, per award, the share of the
 * returned units of each line: {@code floor(share * unitsReturnedSoFar / quantity)} minus what
 * earlier returns took, so that returning every unit, in any number of returns, takes back exactly
 * the line's share. An award's line shares are the engine's; an award without them is shared over
 * the lines in proportion to line amounts, the remainder going one point at a time to the lines with
 * the largest fractional parts. Then, if part of the basket is kept, the kept basket is evaluated
 * again under the program version that computed the purchase (the receipt names it; every version
 * ever installed stays reachable through {@link #version(String)}), with the member's profile and
 * business time of the purchase, through {@link io.github.loyaltyrules.rule.RuleEngine#reevaluate},
 * which draws no caps or budgets. For each rule and currency that the kept basket no longer earns at
 * all (a basket-level bonus whose threshold, e.g. "40 stars on baskets of 20.00 or more", the kept
 * basket no longer meets), what the purchase keeps of that award after the line shares is clawed back
 * as well, on its own line: "-N STAR: rule name: the kept basket no longer qualifies (kept basket
 * 12.00 EUR earns nothing under version v1; N kept after line shares)". Awards the kept basket still
 * earns keep to their line shares, so per-line rounding is never clawed back twice. Nothing is ever
 * given back by a return (a rule the kept basket would newly earn, e.g. a lesser bonus in the same
 * exclusive group, is not awarded), and no award is clawed back beyond its amount.
 * Once the return has posted, the purchase's engine learns what it clawed back, under the return's key
 * ({@link io.github.loyaltyrules.rule.RuleEngine#returned}), so that per-member caps and campaign
 * budgets drawn for the returned part are released; a retried return tells it again, and the engine
 * releases once per return key.
 *
 * <p><b>Idempotency.</b> Every call carries the caller's key. A purchase, event or return posts under
 * keys derived from it; the program remembers which kind of operation each caller key was used for,
 * and reusing a key for another operation (a purchase key for a redemption, a reservation key for a
 * purchase) throws {@link IdempotencyConflictException} and changes nothing. Retrying the same request
 * with its key returns the first result.
 *
 * <p><b>State.</b> Member profiles, purchase and reward counts, what each purchase, event, return and
 * reward redemption recorded, what returns took, and key uses are kept in a
 * {@link io.github.loyaltyrules.program.spi.ProgramStore}: in this JVM's memory by default, or in a
 * durable store shared by several servers ({@link #of(Ledger, ProgramVersion, TierLookup, ProgramStore)}),
 * so that a purchase made on one server is returned on another, and a reward's limit holds across them.
 * The points themselves are in the ledger's store. Each change to the program's state is a
 * compare-and-set or keyed insert in the store, made <em>before</em> the ledger posts: a purchase's
 * record (with its awards) is stored, then posted under derived keys; a return's record and the
 * purchase's next return state are stored together, then the claw-backs are posted; a reward
 * redemption is counted, then posted. A purchase, event or reward redemption that the ledger refuses
 * (too few points, a balance that would overflow) is withdrawn: its record and its count go, and the
 * caps and budgets its evaluation drew are released, so it leaves no trace and a "first purchase" rule
 * sees the same member on the next attempt. Caps and budgets are drawn by the engine under the
 * request's key before the record is stored; a store failure (even a commit whose reply was lost)
 * keeps them, so the retry either finds the record or evaluates to the same draws: a crash at any
 * point followed by a retry with the same key leaves exactly what one clean run leaves. A
 * failure after the store write and before the posting leaves a record that a retry with the same key
 * completes, posting exactly what was recorded; two servers can never both record the same key, the
 * same returned unit, or a redemption beyond the limit. A receipt holds no more than what a replay and
 * a return need: the request, the awards, and for a purchase the member as the rules saw them; its
 * ledger postings are read back from the ledger. Program versions are not stored (they hold code):
 * install the same versions on every server that shares a store; a return of a purchase computed by a
 * version this program has not installed is refused. Thread-safe; calls for one member are serialised in
 * this JVM and by the store's versions across servers.
 */
public final class LoyaltyProgram {

    private static final Evaluation NOTHING = new Evaluation(List.of());

    private static final int MAX_KEY = IdempotencyKey.MAX_LENGTH - 20;

    private final Ledger ledger;
    private final AtomicReference<ProgramVersion> version;
    private static final String ACTIVITY = "a purchase or event";
    private static final String RETURN = "a return";
    private static final String LEDGER_OP = "a redemption, reservation, capture or release";

    private final TierLookup tiers;
    private final TierEngine tierEngine;
    private final ProgramStore store;
    private final Map<String, ProgramVersion> versions = new ConcurrentHashMap<>();
    /** Monitors that serialise one member's calls in this JVM (by stripe); the store serialises servers. */
    private final Object[] locks = new Object[256];

    /**
     * What a request was, compared by value to tell a retry from a reused key. Described as text only
     * when a conflict is reported: building that text on every purchase was most of its allocation.
     */
    private record Request(String kind, Object content, MemberId member, Instant at) {
        @Override
        public String toString() {
            return kind + " " + content + " by " + member + " at " + at;
        }

        /** The request a stored record was made by. */
        static Request of(ReceiptRecord r) {
            return r.kind() == ReceiptRecord.Kind.RETURN
                    ? new Request("return", List.of(new java.util.TreeMap<>(r.units()), r.original()), r.member(), r.at())
                    : new Request("activity", r.activity(), r.member(), r.at());
        }
    }

    private LoyaltyProgram(Ledger ledger, ProgramVersion version, TierLookup tiers, TierEngine tierEngine,
            ProgramStore store) {
        this.ledger = ledger;
        this.version = new AtomicReference<>(version);
        this.versions.put(version.id(), version);
        this.tiers = tiers;
        this.tierEngine = tierEngine;
        this.store = store;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Returns a program over a ledger, running the given version.
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @param tiers how to look up a member's tier; {@link TierLookup#NONE} for none
     * @return the program
     * @throws NullPointerException if an argument is null
     */
    public static LoyaltyProgram of(Ledger ledger, ProgramVersion version, TierLookup tiers) {
        return new LoyaltyProgram(Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(version, "program version must not be null"),
                Objects.requireNonNull(tiers, "tier lookup must not be null"), null, InMemoryProgramStore.create());
    }

    /**
     * Returns a program over a ledger that keeps its own state (member profiles, receipts, returns,
     * reward counts, key uses) in a program store, e.g. a durable one shared by several servers.
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @param tiers how to look up a member's tier; {@link TierLookup#NONE} for none
     * @param store where the program keeps its state; use one store with one ledger
     * @return the program
     * @throws NullPointerException if an argument is null
     */
    public static LoyaltyProgram of(Ledger ledger, ProgramVersion version, TierLookup tiers, ProgramStore store) {
        return new LoyaltyProgram(Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(version, "program version must not be null"),
                Objects.requireNonNull(tiers, "tier lookup must not be null"), null,
                Objects.requireNonNull(store, "program store must not be null"));
    }

    /**
     * Returns a program over a ledger that keeps members' tiers in a tier engine: members are enrolled
     * in the engine with the ledger, every purchase, event and return records its qualifying activity
     * there, and rules see the member's tier with its earning multiplier and perks (see the class
     * documentation for what is recorded, and under which keys).
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @param tiers the tier engine; its ladder's zone should be the ledger's
     * @return the program
     * @throws NullPointerException if an argument is null
     */
    public static LoyaltyProgram of(Ledger ledger, ProgramVersion version, TierEngine tiers) {
        return new LoyaltyProgram(Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(version, "program version must not be null"),
                Objects.requireNonNull(tiers, "tier engine must not be null"), tiers, InMemoryProgramStore.create());
    }

    /**
     * Returns a program over a ledger that keeps members' tiers in a tier engine (see
     * {@link #of(Ledger, ProgramVersion, TierEngine)}) and its own state in a program store.
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @param tiers the tier engine; its ladder's zone should be the ledger's
     * @param store where the program keeps its state; use one store with one ledger
     * @return the program
     * @throws NullPointerException if an argument is null
     */
    public static LoyaltyProgram of(Ledger ledger, ProgramVersion version, TierEngine tiers, ProgramStore store) {
        return new LoyaltyProgram(Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(version, "program version must not be null"),
                Objects.requireNonNull(tiers, "tier engine must not be null"), tiers,
                Objects.requireNonNull(store, "program store must not be null"));
    }

    /**
     * Returns the store this program keeps its own state in.
     *
     * @return the store
     */
    public ProgramStore store() {
        return store;
    }

    /**
     * Returns the tier engine this program records qualifying activity in.
     *
     * @return the engine; empty for a program made with a {@link TierLookup}
     */
    public Optional<TierEngine> tierEngine() {
        return Optional.ofNullable(tierEngine);
    }

    /**
     * Returns the ledger, for balances, statements, expiry and the other ledger operations.
     *
     * @return the ledger
     */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Returns the version now running.
     *
     * @return the version
     */
    public ProgramVersion version() {
        return version.get();
    }

    /**
     * Swaps in another program version atomically. Calls already running finish under the
     * version they started with; later calls use the new one.
     *
     * @param next the new version
     * @return the version it replaced
     * @throws NullPointerException if {@code next} is null
     */
    public ProgramVersion install(ProgramVersion next) {
        Objects.requireNonNull(next, "program version must not be null");
        synchronized (versions) {
            ProgramVersion known = versions.get(next.id());
            if (known != null && !known.equals(next)) {
                throw new InvalidRequestException("program version id '" + next.id() + "' was already installed with"
                        + " other terms; receipts name their version by id, so give a changed version a new id");
            }
            versions.put(next.id(), next);
            return version.getAndSet(next);
        }
    }

    /**
     * Returns a version this program has run, by id: the running one or any installed before, so
     * that returns are re-evaluated under the version that computed the purchase.
     *
     * @param id the version id, as a receipt names it
     * @return the version, or empty if this program never ran one with that id
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<ProgramVersion> version(String id) {
        return Optional.ofNullable(versions.get(Objects.requireNonNull(id, "version id must not be null")));
    }

    /**
     * Enrols a member in the ledger (and in the tier engine, if the program has one).
     *
     * @param member the member
     * @param at the business time
     * @return the account
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException if already enrolled at another
     *     business time; enrolling again at the same business time is a retry (the first reply may have
     *     been lost): it completes the enrolment (in the tier engine too) and returns the account
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Account enrol(MemberId member, Instant at) {
        Account account;
        try {
            account = ledger.enrol(member, at);
        } catch (io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException enrolled) {
            account = ledger.account(member);
            if (!account.enrolledAt().equals(at)) {
                throw enrolled;
            }
        }
        if (tierEngine != null) {
            try {
                tierEngine.enrol(member, at);
            } catch (InvalidTierRequestException alreadyKnown) {
                // the engine knew the member already (e.g. a status match before enrolment); it keeps its date
            }
        }
        return account;
    }

    /**
     * Sets the optional attributes rules may read about a member: tags, attributes, birthday.
     *
     * @param member the member
     * @param tags tags such as "staff"
     * @param attributes free-form attributes
     * @param birthday the birthday, or {@code null} if unknown
     * @throws NullPointerException if {@code member}, {@code tags} or {@code attributes} is null
     * @throws UnknownMemberException if the member is not enrolled
     */
    public void updateProfile(MemberId member, Set<String> tags, Map<String, String> attributes, LocalDate birthday) {
        Object lock = lock(member);
        ledger.account(member);
        Set<String> t = Set.copyOf(tags);
        Map<String, String> a = Map.copyOf(attributes);
        synchronized (lock) {
            while (store.commit(new ProgramCommit(memberRecord(member).withProfile(t, a, birthday), null, null, null))
                    != CommitResult.APPLIED) {
                Thread.onSpinWait(); // another server changed the member: apply to its version
            }
        }
    }

    /**
     * Records a purchase: evaluates the rules and posts the awards.
     *
     * @param member the member; must be active
     * @param purchase the basket, store and channel
     * @param at the business time
     * @param key the idempotency key; at most 180 characters
     * @return the receipt; the first one when the key is replayed with the same purchase
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws UnknownCurrencyException if the engine awards a currency the ledger does not have
     * @throws IdempotencyConflictException if the key was used for another request, or for another kind
     *         of operation (a redemption, reservation, capture, release or return)
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or the key is too long
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the awards, or a balance, would exceed a
     *         {@code long} of minor units
     * @throws io.github.loyaltyrules.tier.TierException if the tier engine rejects the qualifying activity
     *         (only when the caller recorded other activity in the engine under this purchase's derived keys,
     *         or a metric's total would overflow); the points are then posted and the purchase's record is
     *         kept, so a retry with the key posts nothing twice (and meets the same rejection until resolved)
     */
    public Receipt purchase(MemberId member, Purchase purchase, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(purchase, "purchase must not be null");
        Inputs.businessTime(at, "at");
        return record(member, purchase, at, key);
    }

    /**
     * Works out what a purchase would earn if it were made now under {@code key}, exactly as
     * {@link #purchase} would (the running version, the member as the rules would see them, tier and
     * purchase count included, per-member caps and campaign budgets as they stand, cuts included),
     * without recording, posting or drawing anything: a dry run, e.g. to show a member at the till
     * what the basket earns. The receipt has the awards and no postings. A purchase made next with the
     * same key, when nothing else has happened in between, gets the same awards.
     *
     * @param member the member; must be active
     * @param purchase the basket
     * @param at the business time
     * @param key the idempotency key the purchase would be made with (caps and budgets an earlier
     *     attempt under it drew count as its own); at most 180 characters
     * @return the receipt the purchase would produce, without postings
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws UnknownCurrencyException if the engine awards a currency the ledger does not have
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the awards add up beyond a long
     * @throws InvalidRequestException if the key is too long, or {@code at} is outside years 1 to 9999
     */
    public Receipt quote(MemberId member, Purchase purchase, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Inputs.businessTime(at, "at");
        checkKey(key);
        Account account = ledger.account(member);
        if (account.status() != AccountStatus.ACTIVE) {
            throw new AccountStatusException("account of member " + member + " is " + account.status()
                    + "; purchases and events need an ACTIVE account");
        }
        ProgramVersion v = version.get();
        MemberProfile profile = profile(member, memberRecord(member), at);
        Evaluation evaluation = v.engine().quote(new RuleContext(profile, purchase, at.atZone(ledger.zone()), key,
                v.id()));
        List<Award> awards = evaluation.awards();
        for (int i = 0; i < awards.size(); i++) {
            ledger.currency(awards.get(i).currency());
        }
        if (awards.size() > 1) {
            checkTotals(key, awards);
        }
        return new Receipt(key, member, v.id(), at, awards, List.of(), false);
    }

    /**
     * Records a non-purchase event (sign-up, referral, review, custom): evaluates the rules and
     * posts the awards.
     *
     * @param member the member; must be active
     * @param event the event
     * @param at the business time
     * @param key the idempotency key; at most 180 characters
     * @return the receipt
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws UnknownCurrencyException if the engine awards a currency the ledger does not have
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999 or the key is too long
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the awards, or a balance, would exceed a
     *         {@code long} of minor units
     */
    public Receipt event(MemberId member, MemberEvent event, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(event, "event must not be null");
        Inputs.businessTime(at, "at");
        return record(member, event, at, key);
    }

    private Receipt record(MemberId member, Activity activity, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(at, "at must not be null");
        checkKey(key);
        Request fingerprint = new Request("activity", activity, member, at);
        Object lock = lock(member);
        synchronized (lock) {
            boolean claimedNow = claim(key, ACTIVITY); // as claimed(...) does, without a lambda per purchase
            try {
                return record(member, activity, at, key, fingerprint);
            } catch (RuntimeException e) {
                if (claimedNow) {
                    store.withdrawKey(key, ACTIVITY);
                }
                throw e;
            }
        }
    }

    /**
     * Evaluates and stores the record of a purchase or event, then posts it. The record (with the
     * member's purchase count) is stored first, in one commit that only one server wins; the ledger
     * postings and tier activity follow under keys derived from the caller's key. A failure between
     * the two leaves the record stored: a retry with the same key finds it and completes the postings
     * exactly as recorded, without evaluating (or drawing caps and budgets) again.
     */
    private Receipt record(MemberId member, Activity activity, Instant at, IdempotencyKey key, Request fingerprint) {
        Account account = ledger.account(member);
        while (true) {
            ReceiptRecord earlier = replayable(key, fingerprint);
            if (earlier != null) {
                return complete(earlier);
            }
            Optional<Posting> direct = ledger.posting(key);
            if (direct.isPresent()) {
                throw new IdempotencyConflictException("idempotency key '" + key + "' was already used for a "
                        + direct.get().type() + " posting in the ledger; a purchase or event needs a key of its own");
            }
            if (account.status() != AccountStatus.ACTIVE) {
                throw new AccountStatusException("account of member " + member + " is " + account.status()
                        + "; purchases and events need an ACTIVE account");
            }
            ProgramVersion v = version.get();
            MemberRecord state = memberRecord(member);
            MemberProfile profile = profile(member, state, at);
            RuleContext context = new RuleContext(profile, activity, at.atZone(ledger.zone()), key, v.id());
            Evaluation evaluation;
            try {
                evaluation = v.engine().evaluate(context);
            } catch (LoyaltyException refused) { // e.g. an award beyond a long: refused for good, draws go back
                v.engine().abandoned(key);
                throw refused;
            }
            List<Award> awards = evaluation.awards();
            ReceiptRecord record;
            ProgramCommit commit;
            try {
                for (int i = 0; i < awards.size(); i++) { // every currency is checked before anything is stored
                    ledger.currency(awards.get(i).currency());
                }
                if (awards.size() > 1) {
                    checkTotals(key, awards);
                }
                if (tierEngine != null && activity instanceof Purchase bought) {
                    checkSpend(bought);
                }
                if (activity instanceof Purchase purchase) {
                    record = ReceiptRecord.purchase(key, v.id(), at, purchase, profile, awards);
                    commit = new ProgramCommit(state.plusPurchase(), record, null, null);
                } else {
                    record = ReceiptRecord.event(key, member, v.id(), at, (MemberEvent) activity, awards);
                    commit = new ProgramCommit(null, record, null, null);
                }
            } catch (RuntimeException refused) { // refused for good: what the evaluation drew goes back
                v.engine().abandoned(key);
                throw refused;
            }
            // A store failure here (even a lost reply after the record committed) keeps the draws: they
            // are keyed by the request, so the retry either finds the record or evaluates to the same draws.
            if (store.commit(commit) == CommitResult.APPLIED) {
                return post(record, false);
            }
            // another server stored this member or this key first: read again
        }
    }

    /** Completes a stored purchase or event: posts what is not posted yet, and returns its receipt. */
    private Receipt complete(ReceiptRecord record) {
        return post(record, true);
    }

    /**
     * Posts a purchase's or event's awards, one posting per currency in order of first award, and
     * records its qualifying activity; with {@code retry}, postings already in the ledger are taken as
     * they are.
     */
    private Receipt post(ReceiptRecord record, boolean retry) {
        List<Award> awards = record.awards();
        IdempotencyKey key = record.key();
        MemberId member = record.member();
        // totals per currency in order of first award, in arrays: a program awards one or two currencies
        String[] codes = new String[awards.size()];
        long[] sums = new long[awards.size()];
        int currencies = 0;
        for (int i = 0; i < awards.size(); i++) { // indexed: no iterator per purchase
            Award a = awards.get(i);
            int c = 0;
            while (c < currencies && !codes[c].equals(a.currency())) {
                c++;
            }
            if (c == currencies) {
                codes[currencies++] = a.currency();
            }
            sums[c] = Math.addExact(sums[c], a.amount());
        }
        List<Posting> postings;
        try {
            postings = postAwards(record, retry, codes, sums, currencies);
        } catch (LoyaltyException refused) { // the ledger changed nothing: neither does the program
            withdraw(record);
            throw refused;
        }
        if (tierEngine != null) {
            Purchase purchase = record.kind() == ReceiptRecord.Kind.PURCHASE ? (Purchase) record.activity() : null;
            Map<Metric, Long> qualified = qualified(purchase, totals(codes, sums, currencies));
            for (Map.Entry<Metric, Long> q : qualified.entrySet()) {
                tierEngine.record(member, q.getKey(), q.getValue(), record.at(), tierKey(key, q.getKey()));
            }
        }
        return new Receipt(key, member, record.programVersion(), record.at(), awards, postings, false);
    }

    /** Posts a recorded purchase's or event's totals per currency: one linked batch, or one posting. */
    private List<Posting> postAwards(ReceiptRecord record, boolean retry, String[] codes, long[] sums,
            int currencies) {
        List<Award> awards = record.awards();
        IdempotencyKey key = record.key();
        MemberId member = record.member();
        String type = record.activity().type();
        List<Posting> postings = currencies == 1 ? null : new ArrayList<>(currencies);
        Posting only = null;
        int oneByOne = currencies;
        if (currencies > 1) {
            // several currencies: one linked batch, so a purchase is never half awarded
            List<PostingRequest> batch = new ArrayList<>(currencies);
            int found = 0;
            for (int c = 0; c < currencies; c++) {
                IdempotencyKey dk = derived(key, codes[c]);
                if (retry && ledger.posting(dk).isPresent()) {
                    found++;
                }
                batch.add(new PostingRequest.Earn(member, Points.of(ledger.currency(codes[c]), sums[c]), record.at(), dk,
                        description(type, key, awards, codes[c])));
            }
            if (found == 0 || found == currencies) {
                postings.addAll(ledger.post(batch));
                oneByOne = 0;
            }
            // else a part was posted one by one before batches existed: the loop completes the rest
        }
        for (int c = 0; c < oneByOne; c++) {
            IdempotencyKey dk = derived(key, codes[c]);
            Posting p = retry ? ledger.posting(dk).orElse(null) : null;
            if (p == null) {
                p = ledger.earn(member, Points.of(ledger.currency(codes[c]), sums[c]), record.at(), dk,
                        description(type, key, awards, codes[c]));
            }
            if (postings == null) {
                only = p;
            } else {
                postings.add(p);
            }
        }
        return postings == null ? List.of(only) : postings;
    }

    /**
     * Withdraws a recorded purchase or event whose points the ledger refused (e.g. the balance would
     * overflow): its record and its count go, and its engine releases what its evaluation drew, so the
     * refused request leaves no trace. A crash before this completes leaves the record: the retry posts
     * it, is refused the same way, and withdraws it then.
     */
    private void withdraw(ReceiptRecord record) {
        for (String currency : totalsByCurrency(record.awards()).keySet()) {
            if (ledger.posting(derived(record.key(), currency)).isPresent()) {
                return; // a part posted one by one before batches existed: the record stays for a retry
            }
        }
        while (true) {
            MemberRecord state = record.kind() == ReceiptRecord.Kind.PURCHASE
                    ? memberRecord(record.member()).minusPurchase() : null;
            if (store.receipt(record.key()).isEmpty()
                    || store.commit(new ProgramCommit(state, null, null, record.key())) == CommitResult.APPLIED) {
                break;
            }
        }
        ProgramVersion v = versions.get(record.programVersion());
        if (v != null) {
            v.engine().abandoned(record.key());
        }
    }

    /**
     * Records the return of some units of an earlier purchase and claws back what they earned.
     *
     * @param member the member the purchase was made by
     * @param original the key of the purchase
     * @param returnedUnits units returned per basket line id; each positive
     * @param at the business time
     * @param key the idempotency key of the return; at most 180 characters
     * @return the receipt, whose award lines are what was clawed back
     * @throws NullPointerException if an argument is null
     * @throws UnknownPostingException if the member made no purchase with that key
     * @throws InvalidReversalException if more units of a line are returned than were bought and not yet returned
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999, a line id is not in the purchase,
     *         nothing is returned, or the key is too long
     * @throws InvalidAmountException if a unit count is not positive
     * @throws IdempotencyConflictException if the key was used for another request
     */
    public Receipt returnPurchase(MemberId member, IdempotencyKey original, Map<String, Long> returnedUnits, Instant at,
            IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(original, "original key must not be null");
        Objects.requireNonNull(returnedUnits, "returned units must not be null");
        Inputs.businessTime(at, "at");
        checkKey(key);
        Map<String, Long> units = new java.util.TreeMap<>(returnedUnits);
        Request fingerprint = new Request("return", List.of(units, original), member, at);
        Object lock = lock(member);
        ledger.account(member);
        synchronized (lock) {
            return claimed(key, RETURN, () -> returnPurchase(member, original, units, at, key, fingerprint));
        }
    }

    /**
     * Computes a return from what earlier returns took and stores it first: the return's record and the
     * purchase's next return state in one commit, which fails if another return (on any server) stored
     * the state first; then it is computed again from the new state. Only then are the claw-backs posted
     * to the ledger and the tier engine, under keys derived from the return's key, so a failure between
     * the two is completed by a retry with the same key, and no unit is returned twice.
     */
    private Receipt returnPurchase(MemberId member, IdempotencyKey original, Map<String, Long> units, Instant at,
            IdempotencyKey key, Request fingerprint) {
        while (true) {
            ReceiptRecord earlier = replayable(key, fingerprint);
            if (earlier != null) {
                Receipt receipt = postReturn(earlier, true);
                returned(null, earlier); // again: a crash may have come before the caps and budgets were given back
                return receipt;
            }
            ReceiptRecord bought = store.receipt(original).orElse(null);
            if (bought == null || bought.kind() != ReceiptRecord.Kind.PURCHASE || !bought.member().equals(member)) {
                throw new UnknownPostingException("member " + member + " made no purchase with key '" + original
                        + "'; a return names the key of the member's purchase");
            }
            ReturnState returned = store.returns(original).orElseGet(() -> ReturnState.none(original));
            long[] take = new long[bought.awards().size()];
            ReceiptRecord record = computeReturn(member, original, units, at, key, bought, returned, take);
            ReturnState next = returned.plus(units, take, record.tierReturns());
            if (store.commit(new ProgramCommit(null, record, next, null)) == CommitResult.APPLIED) {
                Receipt receipt = postReturn(record, false);
                returned(bought, record);
                return receipt;
            }
            // another return of this purchase, or a request with this key, was stored first: read again
        }
    }

    /** Checks a return against the purchase and what was returned, and computes its record; fills {@code take}. */
    private ReceiptRecord computeReturn(MemberId member, IdempotencyKey original, Map<String, Long> units, Instant at,
            IdempotencyKey key, ReceiptRecord bought, ReturnState returned, long[] take) {
        if (units.isEmpty()) {
            throw new InvalidRequestException("a return must name at least one basket line of purchase '" + original
                    + "'");
        }
        if (at.isBefore(bought.at())) { // what the ledger would refuse is refused before anything is stored
            throw new InvalidReversalException("return at " + at + " precedes purchase '" + original + "' at "
                    + bought.at() + "; a return is dated at or after its purchase");
        }
        if (!versions.containsKey(bought.programVersion())) {
            throw new InvalidRequestException("purchase '" + original + "' was computed by program version "
                    + bought.programVersion() + ", which this program has not installed; a return is evaluated under"
                    + " the purchase's version, so install every version on every server that shares the store");
        }
        AccountStatus status = ledger.account(member).status();
        if (status == AccountStatus.CLOSED) {
            throw new AccountStatusException("account of member " + member + " is CLOSED; a return claws back from"
                    + " an open account");
        }
        Purchase purchase = (Purchase) bought.activity();
        Map<String, BasketLine> lines = new HashMap<>();
        for (BasketLine line : purchase.lines()) {
            lines.put(line.lineId(), line);
        }
        for (Map.Entry<String, Long> u : units.entrySet()) {
            BasketLine line = lines.get(Objects.requireNonNull(u.getKey(), "line id must not be null"));
            if (line == null) {
                throw new InvalidRequestException("purchase '" + original + "' has no line '" + u.getKey()
                        + "'; its lines are " + new java.util.TreeSet<>(lines.keySet()));
            }
            long n = Objects.requireNonNull(u.getValue(), "unit count must not be null");
            if (n <= 0) {
                throw new InvalidAmountException("units returned of line " + u.getKey() + " must be positive; got " + n);
            }
            long left = line.quantity() - returned.returnedUnits().getOrDefault(u.getKey(), 0L);
            if (n > left) {
                throw new InvalidReversalException("line " + u.getKey() + " of purchase '" + original + "' has " + left
                        + " of " + line.quantity() + " units left to return; cannot return " + n);
            }
        }
        List<Award> awards = bought.awards();
        List<Award> clawed = new ArrayList<>();
        for (int i = 0; i < awards.size(); i++) {
            Award award = awards.get(i);
            Map<String, Long> shares = award.lineShares().isEmpty()
                    ? byLineAmount(award.amount(), purchase) : award.lineShares();
            long left = award.amount() - returned.clawed(i);
            Map<String, Long> taken = new LinkedHashMap<>();
            long sum = 0;
            for (Map.Entry<String, Long> u : units.entrySet()) {
                long share = shares.getOrDefault(u.getKey(), 0L);
                long before = returned.returnedUnits().getOrDefault(u.getKey(), 0L);
                long part = Math.min(left - sum,
                        Shares.ofUnits(share, before, before + u.getValue(), lines.get(u.getKey()).quantity()));
                if (part > 0) {
                    taken.put(u.getKey(), part);
                    sum += part;
                }
            }
            take[i] = sum;
            if (sum > 0) {
                clawed.add(new Award(award.ruleId(), award.ruleName(), award.currency(), sum, taken,
                        award.explanation()));
            }
        }
        List<BasketLine> kept = new ArrayList<>();
        boolean allReturned = true;
        for (BasketLine line : purchase.lines()) {
            long keep = line.quantity() - returned.returnedUnits().getOrDefault(line.lineId(), 0L)
                    - units.getOrDefault(line.lineId(), 0L);
            if (keep > 0) {
                allReturned = false;
                kept.add(BasketLine.of(line.lineId(), line.sku(), line.category(), keep, line.unitPrice()));
            }
        }
        if (!kept.isEmpty()) {
            clawed.addAll(lostBonuses(bought, returned, take, kept));
        }
        Map<String, Long> tierReturns = unqualified(bought, returned, totalsByCurrency(clawed), units, allReturned);
        return ReceiptRecord.ofReturn(key, member, bought.programVersion(), at, original, units, clawed, tierReturns);
    }

    /** Posts a stored return's claw-backs and takes back its qualifying activity; returns its receipt. */
    private Receipt postReturn(ReceiptRecord record, boolean retry) {
        MemberId member = record.member();
        IdempotencyKey key = record.key();
        IdempotencyKey original = record.original();
        List<Posting> postings = new ArrayList<>();
        for (Map.Entry<String, Long> t : totalsByCurrency(record.awards()).entrySet()) {
            IdempotencyKey dk = derived(key, t.getKey());
            Posting p = retry ? ledger.posting(dk).orElse(null) : null;
            postings.add(p != null ? p : ledger.reverse(member, derived(original, t.getKey()),
                    Points.of(ledger.currency(t.getKey()), t.getValue()), record.at(), dk,
                    "return " + key + " of purchase " + original));
        }
        if (tierEngine != null) {
            for (Metric m : tierEngine.ladder().metrics()) {
                Long amount = record.tierReturns().get(metricId(m));
                if (amount != null) {
                    tierEngine.recordReturn(member, tierKey(original, m), amount, record.at(), tierKey(key, m));
                }
            }
        }
        return new Receipt(key, member, record.programVersion(), record.at(), record.awards(), postings, true);
    }

    /**
     * Tells the purchase's engine what a posted return clawed back, under the return's key, so that it
     * gives back the caps and budgets the returned part drew (once per return key, however often this
     * is called for it).
     */
    private void returned(ReceiptRecord purchase, ReceiptRecord returnRecord) {
        ReceiptRecord bought = purchase != null ? purchase : store.receipt(returnRecord.original()).orElse(null);
        ProgramVersion v = bought == null ? null : versions.get(bought.programVersion());
        if (v == null || returnRecord.awards().isEmpty()) {
            return;
        }
        v.engine().returned(new RuleContext(bought.profile(), bought.activity(), bought.at().atZone(ledger.zone()),
                bought.key(), v.id()), returnRecord.key(), new Evaluation(returnRecord.awards()));
    }

    /**
     * Redeems a reward from the running version's catalogue.
     *
     * @param member the member; must be active
     * @param rewardId the reward's id
     * @param at the business time; inside the reward's availability window
     * @param key the idempotency key
     * @return the ledger posting of the redemption
     * @throws NullPointerException if an argument is null
     * @throws RewardNotAvailableException if the reward is unknown, not available at {@code at},
     *         not for the member's tier, or redeemed up to its limit
     * @throws InsufficientPointsException if the member has too few points available
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Posting redeemReward(MemberId member, String rewardId, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(rewardId, "reward id must not be null");
        Inputs.businessTime(at, "at");
        Objects.requireNonNull(key, "idempotency key must not be null");
        Object lock = lock(member);
        ledger.account(member);
        synchronized (lock) {
            return claimed(key, LEDGER_OP, () -> redeemCounted(member, rewardId, at, key));
        }
    }

    /**
     * Counts a reward redemption against the member's limit and stores its record in one commit (only
     * one server wins a member's version, so the limit holds across servers), then posts it to the
     * ledger. A redemption the ledger rejects (too few points) is withdrawn from the count. A failure
     * between the commit and the posting leaves the redemption counted: a retry with the same key finds
     * its record and posts it without counting it again.
     */
    private Posting redeemCounted(MemberId member, String rewardId, Instant at, IdempotencyKey key) {
        ProgramVersion v = version.get();
        Reward reward = v.rewards().get(rewardId);
        if (reward == null) {
            throw new RewardNotAvailableException("program version " + v.id() + " has no reward '"
                    + Inputs.shown(rewardId)
                    + "'; its rewards are " + v.rewards().keySet());
        }
        String reason = "reward " + reward.id() + ": " + reward.name();
        if (ledger.posting(key).isPresent()) {
            return ledger.redeem(member, reward.cost(), at, key, reason); // posted: the ledger replays it
        }
        Optional<ReceiptRecord> stored = store.receipt(key);
        if (stored.isPresent() && stored.get().kind() == ReceiptRecord.Kind.REWARD
                && stored.get().rewardId().equals(rewardId) && stored.get().member().equals(member)) {
            return postRedemption(member, reward, at, key, reason); // counted, not posted: complete it
        }
        if (at.isBefore(reward.availableFrom()) || !at.isBefore(reward.availableUntil())) {
            throw new RewardNotAvailableException("reward " + rewardId + " is available from " + reward.availableFrom()
                    + " until " + reward.availableUntil() + "; not at " + at);
        }
        Optional<String> tier = tiers.tierOf(member, at);
        if (!reward.tiers().isEmpty() && (tier.isEmpty() || !reward.tiers().contains(tier.get()))) {
            throw new RewardNotAvailableException("reward " + rewardId + " is for tiers " + reward.tiers()
                    + "; member " + member + " is in " + tier.orElse("no tier"));
        }
        ReceiptRecord record = ReceiptRecord.reward(key, member, v.id(), at, rewardId);
        while (true) {
            MemberRecord state = memberRecord(member);
            int used = state.redeemed(rewardId);
            if (used >= reward.perMemberLimit()) {
                throw new RewardNotAvailableException("member " + member + " has redeemed reward " + rewardId + " "
                        + used + " times; the limit is " + reward.perMemberLimit());
            }
            CommitResult r = store.commit(new ProgramCommit(state.plusRedemption(rewardId, 1), record, null, null));
            if (r == CommitResult.APPLIED) {
                break;
            }
            if (r == CommitResult.DUPLICATE_KEY) {
                throw new IdempotencyConflictException("idempotency key '" + key + "' was already used for "
                        + store.receipt(key).map(ReceiptRecord::kind).orElse(null)
                        + "; a reward redemption needs a key of its own");
            }
        }
        return postRedemption(member, reward, at, key, reason);
    }

    /**
     * Posts a counted reward redemption. If the ledger refuses it (too few points), the count and the
     * record are withdrawn, so the refused redemption leaves no trace; a crash before the withdrawal
     * leaves them for the retry, which is refused the same way and withdraws them then.
     */
    private Posting postRedemption(MemberId member, Reward reward, Instant at, IdempotencyKey key, String reason) {
        try {
            return ledger.redeem(member, reward.cost(), at, key, reason);
        } catch (LoyaltyException rejected) {
            while (store.receipt(key).isPresent()) { // the ledger changed nothing: neither does the program
                MemberRecord state = memberRecord(member);
                if (store.commit(new ProgramCommit(state.plusRedemption(reward.id(), -1), null, null, key))
                        == CommitResult.APPLIED) {
                    break;
                }
            }
            throw rejected;
        }
    }

    /**
     * Redeems points; see {@link Ledger#redeem}.
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason what for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#redeem} does
     */
    public Posting redeem(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return ledgerOp(member, key, () -> ledger.redeem(member, amount, at, key, reason));
    }

    /**
     * Reserves points for a checkout; see {@link Ledger#reserve}.
     *
     * @param member the member
     * @param amount the points
     * @param ttl how long the hold lasts
     * @param at the business time
     * @param key the idempotency key, which also names the reservation
     * @param reason what for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#reserve} does
     */
    public Posting reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key, String reason) {
        return ledgerOp(member, key, () -> ledger.reserve(member, amount, ttl, at, key, reason));
    }

    /**
     * Captures a reservation; see {@link Ledger#capture}.
     *
     * @param member the member
     * @param reservation the reservation's key
     * @param at the business time
     * @param key the idempotency key of the capture
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#capture} does
     */
    public Posting capture(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        return ledgerOp(member, key, () -> ledger.capture(member, reservation, at, key));
    }

    /**
     * Releases a reservation; see {@link Ledger#release}.
     *
     * @param member the member
     * @param reservation the reservation's key
     * @param at the business time
     * @param key the idempotency key of the release
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#release} does
     */
    public Posting release(MemberId member, IdempotencyKey reservation, Instant at, IdempotencyKey key) {
        return ledgerOp(member, key, () -> ledger.release(member, reservation, at, key));
    }

    /**
     * Returns the receipt of a purchase, event or return.
     *
     * @param key its key
     * @return the receipt, or empty
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<Receipt> receipt(IdempotencyKey key) {
        ReceiptRecord r = store.receipt(Objects.requireNonNull(key, "key must not be null")).orElse(null);
        if (r == null || r.kind() == ReceiptRecord.Kind.REWARD) {
            return Optional.empty();
        }
        List<Posting> postings = new ArrayList<>();
        for (String currency : totalsByCurrency(r.awards()).keySet()) {
            ledger.posting(derived(key, currency)).ifPresent(postings::add);
        }
        return Optional.of(new Receipt(key, r.member(), r.programVersion(), r.at(), r.awards(), postings,
                r.kind() == ReceiptRecord.Kind.RETURN));
    }

    /** Runs a ledger operation under the member's lock, after claiming its key for ledger operations. */
    private <T> T ledgerOp(MemberId member, IdempotencyKey key, Supplier<T> op) {
        Objects.requireNonNull(key, "idempotency key must not be null");
        Object lock = lock(member);
        ledger.account(member);
        synchronized (lock) {
            return claimed(key, LEDGER_OP, op);
        }
    }

    /**
     * Claims a caller key for one kind of operation and runs it; a key first used for another kind
     * is a conflict. A claim made here is withdrawn if the operation is rejected.
     */
    private <T> T claimed(IdempotencyKey key, String use, Supplier<T> op) {
        boolean claimedNow = claim(key, use);
        try {
            return op.get();
        } catch (RuntimeException e) {
            if (claimedNow) {
                store.withdrawKey(key, use);
            }
            throw e;
        }
    }

    /**
     * Claims a caller key for one kind of operation; returns true if this call made the claim (and
     * must withdraw it if the operation is rejected), false if the key was already claimed for it.
     */
    private boolean claim(IdempotencyKey key, String use) {
        Optional<String> first = store.claimKey(key, use);
        if (first.isPresent() && !first.get().equals(use)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for " + first.get()
                    + "; this request is " + use + ". Reuse a key only to retry the same request");
        }
        return first.isEmpty();
    }

    /** The member as rules see them at {@code at}: tier with its benefits, tags, attributes, counts. */
    private MemberProfile profile(MemberId member, MemberRecord state, Instant at) {
        if (tierEngine != null) {
            Tier tier = tierEngine.tierAt(member, at);
            return new MemberProfile(member, tier.name(), state.tags(), state.attributes(), state.birthday(),
                    state.purchases(), tier.multiplier(), tier.perks());
        }
        return new MemberProfile(member, tiers.tierOf(member, at).orElse(null), state.tags(), state.attributes(),
                state.birthday(), state.purchases());
    }

    /**
     * The qualifying activity of a purchase or event, for each metric of the ladder (computed again from
     * the record when needed, so it is not stored).
     */
    private Map<Metric, Long> qualified(Purchase purchase, Map<String, Long> totals) {
        Map<Metric, Long> recorded = new LinkedHashMap<>();
        for (Metric m : tierEngine.ladder().metrics()) {
            long amount = 0;
            if (m.kind() == Metric.Kind.POINTS) {
                amount = totals.getOrDefault(m.key(), 0L);
            } else if (m.kind() == Metric.Kind.SPEND && purchase != null
                    && purchase.total().currency().getCurrencyCode().equals(m.key())) {
                amount = minorUnitsFloor(m, purchase.total().amount());
            } else if (m.kind() == Metric.Kind.PURCHASES && purchase != null) {
                amount = 1;
            }
            if (amount > 0) {
                recorded.put(m, amount);
            }
        }
        return recorded;
    }

    /** The qualifying activity a return takes back, per metric id, bounded by what the purchase recorded. */
    private Map<String, Long> unqualified(ReceiptRecord bought, ReturnState returned, Map<String, Long> clawedTotals,
            Map<String, Long> units, boolean allReturned) {
        if (tierEngine == null) {
            return Map.of();
        }
        Purchase purchase = (Purchase) bought.activity();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Metric, Long> q : qualified(purchase, totalsByCurrency(bought.awards())).entrySet()) {
            Metric m = q.getKey();
            long amount = 0;
            if (m.kind() == Metric.Kind.POINTS) {
                amount = clawedTotals.getOrDefault(m.key(), 0L);
            } else if (m.kind() == Metric.Kind.SPEND) {
                BigDecimal money = BigDecimal.ZERO;
                for (BasketLine line : purchase.lines()) {
                    Long n = units.get(line.lineId());
                    if (n != null) {
                        money = money.add(line.unitPrice().times(n).amount());
                    }
                }
                amount = minorUnitsFloor(m, money);
            } else if (m.kind() == Metric.Kind.PURCHASES && allReturned) {
                amount = 1;
            }
            amount = Math.min(amount, q.getValue() - returned.qualifiedReturned().getOrDefault(metricId(m), 0L));
            if (amount > 0) {
                out.put(metricId(m), amount);
            }
        }
        return out;
    }

    /** How a metric is named in stored return states and records. */
    private static String metricId(Metric m) {
        return m.kind().name() + ":" + m.key();
    }

    private static long minorUnitsFloor(Metric m, BigDecimal amount) {
        try {
            return amount.movePointRight(m.scale()).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new io.github.loyaltyrules.ledger.AmountOverflowException("spend of " + Inputs.shown(amount)
                    + " is more than " + Long.MAX_VALUE + " minor units of " + m.key() + " for tier metric " + m);
        }
    }

    /** Checks, before anything is stored, that a purchase's spend fits the tier engine's spend metrics. */
    private void checkSpend(Purchase purchase) {
        for (Metric m : tierEngine.ladder().metrics()) {
            if (m.kind() == Metric.Kind.SPEND && purchase.total().currency().getCurrencyCode().equals(m.key())) {
                minorUnitsFloor(m, purchase.total().amount());
            }
        }
    }

    private static IdempotencyKey tierKey(IdempotencyKey key, Metric m) {
        switch (m.kind()) {
            case POINTS:
                return derived(key, m.key());
            case SPEND:
                return new IdempotencyKey(key.value() + "#spend");
            default:
                return new IdempotencyKey(key.value() + "#purchase");
        }
    }

    /**
     * Evaluates the kept basket again under the purchase's version and returns claw-back lines for what
     * the purchase keeps after line shares of each rule and currency the kept basket no longer earns at
     * all; adds them to {@code take}.
     */
    private List<Award> lostBonuses(ReceiptRecord bought, ReturnState returned, long[] take,
            List<BasketLine> keptLines) {
        List<Award> awards = bought.awards();
        ProgramVersion v = versions.get(bought.programVersion());
        if (v == null || awards.isEmpty()) {
            return List.of();
        }
        Purchase purchase = (Purchase) bought.activity();
        Purchase kept = new Purchase(keptLines, purchase.store(), purchase.channel());
        Evaluation again = v.engine().reevaluate(new RuleContext(bought.profile(), kept,
                bought.at().atZone(ledger.zone()), bought.key(), v.id()));
        Map<String, Long> earns = new HashMap<>();
        for (Award a : again.awards()) {
            earns.merge(a.ruleId() + '\u0000' + a.currency(), a.amount(), Math::addExact);
        }
        Map<String, Long> keeps = new LinkedHashMap<>();
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            keeps.merge(a.ruleId() + '\u0000' + a.currency(), a.amount() - returned.clawed(i) - take[i], Long::sum);
        }
        List<Award> out = new ArrayList<>();
        for (Map.Entry<String, Long> k : keeps.entrySet()) {
            long extra = k.getValue();
            if (extra <= 0 || earns.containsKey(k.getKey())) {
                continue;
            }
            Award first = null;
            long need = extra;
            for (int i = 0; i < awards.size() && need > 0; i++) {
                Award a = awards.get(i);
                if (!k.getKey().equals(a.ruleId() + '\u0000' + a.currency())) {
                    continue;
                }
                first = first == null ? a : first;
                long t = Math.min(need, a.amount() - returned.clawed(i) - take[i]);
                take[i] += t;
                need -= t;
            }
            out.add(new Award(first.ruleId(), first.ruleName() + ": the kept basket no longer qualifies",
                    first.currency(), extra, Map.of(), new Explanation("kept basket " + kept.total() + " earns nothing"
                            + " under version " + v.id() + "; " + extra + " kept after line shares", "", "", "", "")));
        }
        return out;
    }

    /**
     * Returns the stored record of a request retried with its key (to be completed and returned), or
     * null if the key has no record; a key used for another request is a conflict.
     */
    private ReceiptRecord replayable(IdempotencyKey key, Request fingerprint) {
        ReceiptRecord earlier = store.receipt(key).orElse(null);
        if (earlier == null) {
            return null;
        }
        if (earlier.kind() == ReceiptRecord.Kind.REWARD) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for reward "
                    + earlier.rewardId() + "; this request is " + fingerprint
                    + ". Reuse a key only to retry the same request");
        }
        Request first = Request.of(earlier);
        if (!first.equals(fingerprint)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for " + first
                    + "; this request is " + fingerprint + ". Reuse a key only to retry the same request");
        }
        return earlier;
    }

    /** The member's record in the store; an empty one (version 0) if none is stored yet. */
    private MemberRecord memberRecord(MemberId member) {
        return store.member(member).orElseGet(() -> MemberRecord.empty(member));
    }

    /** The monitor that serialises the member's calls in this JVM. */
    private Object lock(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return locks[(member.hashCode() * 0x9E3779B9) >>> 24];
    }

    private static void checkKey(IdempotencyKey key) {
        Objects.requireNonNull(key, "idempotency key must not be null");
        if (key.value().length() > MAX_KEY) {
            throw new InvalidRequestException("idempotency key of a purchase, event or return must be at most " + MAX_KEY
                    + " characters (the program appends the currency code); got " + key.value().length());
        }
    }

    private static IdempotencyKey derived(IdempotencyKey key, String currency) {
        return new IdempotencyKey(key.value() + "#" + currency);
    }

    /** Checks that an activity's awards add up per currency without overflow, before anything is stored. */
    private static void checkTotals(IdempotencyKey key, List<Award> awards) {
        try {
            totalsByCurrency(awards);
        } catch (ArithmeticException e) {
            throw new io.github.loyaltyrules.ledger.AmountOverflowException("the awards of activity '" + key
                    + "' add up to more than " + Long.MAX_VALUE + " minor units in one currency; nothing was recorded");
        }
    }

    private static Map<String, Long> totalsByCurrency(List<Award> awards) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Award a : awards) {
            totals.merge(a.currency(), a.amount(), Math::addExact);
        }
        return totals;
    }

    private static Map<String, Long> totals(String[] codes, long[] sums, int currencies) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (int c = 0; c < currencies; c++) {
            totals.put(codes[c], sums[c]);
        }
        return totals;
    }

    /** The ledger description of an earning: {@code "<type> <key>: <rule name>, <rule name>..."}. */
    private static String description(String type, IdempotencyKey key, List<Award> awards, String currency) {
        int length = type.length() + key.value().length() + 2;
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            if (a.currency().equals(currency)) {
                length += a.ruleName().length() + 2;
            }
        }
        StringBuilder sb = new StringBuilder(length).append(type).append(' ').append(key.value()).append(": ");
        boolean first = true;
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            if (a.currency().equals(currency)) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(a.ruleName());
                first = false;
            }
        }
        return sb.toString();
    }

    /** Shares an award without line shares out by line amount, largest remainder first, exactly. */
    private static Map<String, Long> byLineAmount(long amount, Purchase purchase) {
        java.math.BigDecimal total = purchase.total().amount();
        Map<String, Long> shares = new LinkedHashMap<>();
        if (total.signum() == 0) {
            shares.put(purchase.lines().get(0).lineId(), amount);
            return shares;
        }
        long given = 0;
        List<Object[]> remainders = new ArrayList<>();
        for (BasketLine line : purchase.lines()) {
            java.math.BigDecimal exact = line.amount().amount().multiply(java.math.BigDecimal.valueOf(amount));
            java.math.BigDecimal[] qr = exact.divideAndRemainder(total);
            long floor = qr[0].longValueExact();
            shares.put(line.lineId(), floor);
            given += floor;
            remainders.add(new Object[] {line.lineId(), qr[1]});
        }
        remainders.sort((a, b) -> ((java.math.BigDecimal) b[1]).compareTo((java.math.BigDecimal) a[1]));
        for (int i = 0; given < amount; i++, given++) {
            shares.merge((String) remainders.get(i % remainders.size())[0], 1L, Long::sum);
        }
        return shares;
    }
}
