package io.github.loyaltyrules.program;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeException;
import io.github.loyaltyrules.engagement.ChallengeProgress;
import io.github.loyaltyrules.engagement.spi.ChallengeStore;
import io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore;
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
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.internal.PersonalInputs;
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
import io.github.loyaltyrules.tier.TierLookup;
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
 * <p>How it works (tiers, the allocation rule of returns, idempotency, and what is stored where, in
 * which order, and why) is described in the {@linkplain io.github.loyaltyrules.program package
 * documentation}. The work is split among package-private parts with one job each: recording
 * purchases and events, computing returns, redeeming rewards, claiming keys, and mapping activity to
 * tier metrics.
 *
 * @since 0.1.0
 */
public final class LoyaltyProgram {

    private final ProgramContext context;
    private final KeyClaims claims;
    private final Activities activities;
    private final Returns returns;
    private final Rewards rewards;
    private final Refunds refunds;
    private final Erasures erasures;
    private final MemberExport exports;
    private final Vouchers vouchers;
    private final Duration retention;
    private final ChallengeSteps challenges;

    private LoyaltyProgram(Ledger ledger, ProgramVersion version, TierLookup tiers, TierEngine tierEngine,
            ProgramStore store, Pseudonyms pseudonyms, Duration retention, io.github.loyaltyrules.rule.Quotas quotas,
            ChallengeStore challengeStore) {
        this.context = new ProgramContext(ledger, version, tiers, tierEngine, store, quotas, challengeStore);
        this.claims = new KeyClaims(context);
        TierActivity tierActivity = new TierActivity(tierEngine);
        this.challenges = new ChallengeSteps(context, challengeStore);
        checkChallenges(version);
        this.activities = new Activities(context, claims, tierActivity, challenges);
        this.returns = new Returns(context, claims, tierActivity, challenges);
        this.rewards = new Rewards(context);
        this.refunds = new Refunds(context);
        this.erasures = new Erasures(context, pseudonyms);
        this.exports = new MemberExport(context);
        this.vouchers = new Vouchers(context);
        this.retention = retention;
    }

    /**
     * Returns a builder of a program over a ledger, running the given version first: without tiers,
     * keeping its own state in memory unless told otherwise.
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Ledger ledger, ProgramVersion version) {
        return new Builder(Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(version, "program version must not be null"));
    }

    /** Configures a {@link LoyaltyProgram}; not thread-safe, build once and share the program. */
    public static final class Builder {
        private final Ledger ledger;
        private final ProgramVersion version;
        private TierLookup tiers = TierLookup.NONE;
        private TierEngine tierEngine;
        private ProgramStore store;
        private Pseudonyms pseudonyms;
        private Duration retention;
        private io.github.loyaltyrules.rule.Quotas quotas;
        private ChallengeStore challengeStore;

        private Builder(Ledger ledger, ProgramVersion version) {
            this.ledger = ledger;
            this.version = version;
        }

        /**
         * Looks members' tiers up in a source of the caller's (the program records nothing there);
         * replaces a tier engine set before.
         *
         * @param lookup how to look up a member's tier; {@link TierLookup#NONE} for none (the default)
         * @return this builder
         * @throws NullPointerException if {@code lookup} is null
         */
        public Builder tiers(TierLookup lookup) {
            this.tiers = Objects.requireNonNull(lookup, "tier lookup must not be null");
            this.tierEngine = null;
            return this;
        }

        /**
         * Keeps members' tiers in a tier engine: members are enrolled in it with the ledger, every
         * purchase, event and return records its qualifying activity there, and rules see the member's
         * tier with its earning multiplier and perks (see the package documentation for what is
         * recorded, under which keys); replaces a tier lookup set before.
         *
         * @param engine the tier engine; its ladder's zone should be the ledger's
         * @return this builder
         * @throws NullPointerException if {@code engine} is null
         */
        public Builder tierEngine(TierEngine engine) {
            this.tierEngine = Objects.requireNonNull(engine, "tier engine must not be null");
            this.tiers = engine;
            return this;
        }

        /**
         * Keeps the program's own state (member profiles, receipts, returns, reward counts, key uses)
         * in a program store, e.g. a durable one shared by several servers; in this JVM's memory by
         * default.
         *
         * @param programStore where the program keeps its state; use one store with one ledger
         * @return this builder
         * @throws NullPointerException if {@code programStore} is null
         */
        public Builder store(ProgramStore programStore) {
            this.store = Objects.requireNonNull(programStore, "program store must not be null");
            return this;
        }

        /**
         * Names erased members with these pseudonyms (see {@link LoyaltyProgram#erase}); without them
         * the program cannot erase. Use the same key on every server of the program, for good.
         *
         * @param names the pseudonyms, keyed by a secret the operator keeps
         * @return this builder
         * @throws NullPointerException if {@code names} is null
         */
        public Builder pseudonyms(Pseudonyms names) {
            this.pseudonyms = Objects.requireNonNull(names, "pseudonyms must not be null");
            return this;
        }

        /**
         * Keeps the personal data copied into stored records (the member's tags, attributes and
         * birthday as the rules saw them at a purchase, the attributes of an event) for this long after
         * the record's business time; {@link LoyaltyProgram#applyRetention(Instant)}, run by the
         * nightly job, drops what is older. Keep it at least as long as the return window: a return
         * after it is evaluated without the dropped data. Without a retention, records keep it until
         * the member is erased.
         *
         * @param keep how long to keep it; positive
         * @return this builder
         * @throws NullPointerException if {@code keep} is null
         * @throws InvalidRequestException if {@code keep} is not positive
         */
        public Builder personalDataRetention(Duration keep) {
            Objects.requireNonNull(keep, "retention must not be null");
            if (keep.isNegative() || keep.isZero()) {
                throw new InvalidRequestException("retention of personal data must be positive; got " + keep);
            }
            this.retention = keep;
            return this;
        }

        /**
         * Counts rewards' overall {@linkplain UsageLimit usage limits} (all members together) in these
         * quotas, e.g. durable ones shared by several servers (loyalty-jdbc's); in this JVM's memory by
         * default, which holds an overall limit only while every redemption goes through this JVM. Give a
         * program with a shared store shared quotas too. Per-member limits are kept in the program store.
         *
         * @param usageQuotas where overall usage limits are counted
         * @return this builder
         * @throws NullPointerException if {@code usageQuotas} is null
         */
        public Builder usageQuotas(io.github.loyaltyrules.rule.Quotas usageQuotas) {
            this.quotas = Objects.requireNonNull(usageQuotas, "usage quotas must not be null");
            return this;
        }

        /**
         * Keeps the members' challenge progress in a store of the caller's, e.g. a durable one shared by
         * several servers; without one the program keeps it in memory. Use one challenge store with one
         * ledger and program store.
         *
         * @param progress the store
         * @return this builder
         * @throws NullPointerException if {@code progress} is null
         */
        public Builder challengeStore(ChallengeStore progress) {
            this.challengeStore = Objects.requireNonNull(progress, "challenge store must not be null");
            return this;
        }

        /**
         * Builds the program.
         *
         * @return the program
         * @throws UnknownCurrencyException if a challenge of the version rewards a currency the ledger does not have
         */
        public LoyaltyProgram build() {
            return new LoyaltyProgram(ledger, version, tiers, tierEngine,
                    store != null ? store : InMemoryProgramStore.create(), pseudonyms, retention,
                    quotas != null ? quotas : io.github.loyaltyrules.rule.Quotas.inMemory(),
                    challengeStore != null ? challengeStore : InMemoryChallengeStore.create());
        }
    }

    /**
     * Returns a program over a ledger, running the given version; the same as
     * {@code builder(ledger, version).tiers(tiers).build()}.
     *
     * @param ledger the ledger the awards are posted to
     * @param version the program version to run first
     * @param tiers how to look up a member's tier; {@link TierLookup#NONE} for none
     * @return the program
     * @throws NullPointerException if an argument is null
     */
    public static LoyaltyProgram of(Ledger ledger, ProgramVersion version, TierLookup tiers) {
        return builder(ledger, version).tiers(tiers).build();
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
        return builder(ledger, version).tiers(tiers).store(store).build();
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
        return builder(ledger, version).tierEngine(tiers).build();
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
        return builder(ledger, version).tierEngine(tiers).store(store).build();
    }

    private void checkChallenges(ProgramVersion v) {
        for (Challenge c : v.challenges().values()) {
            context.ledger.currency(c.rewardCurrency());
        }
    }

    /**
     * Returns a member's progress on a challenge of the running version in the window that
     * {@code at} falls in (in the ledger's zone), e.g. "3 of 5".
     *
     * @param member the member
     * @param challengeId the challenge's id
     * @param at the time whose window is read
     * @return the progress; 0 of the goal when nothing counted yet
     * @throws NullPointerException if an argument is null
     * @throws ChallengeException if the running version has no challenge with that id
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public ChallengeProgress challengeProgress(MemberId member, String challengeId, Instant at) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(challengeId, "challenge id must not be null");
        Inputs.businessTime(at, "at");
        Challenge c = context.version.get().challenges().get(challengeId);
        if (c == null) {
            throw new ChallengeException(io.github.loyaltyrules.ledger.LoyaltyException.Reason.NOT_FOUND,
                    "program version " + context.version.get().id() + " has no challenge "
                    + io.github.loyaltyrules.ledger.internal.Inputs.shown(challengeId) + "; its challenges are "
                    + context.version.get().challenges().keySet());
        }
        return challenges.progress(member, c, at);
    }

    /**
     * Returns a member's progress on every challenge of the running version, in the windows that
     * {@code at} falls in, in the version's order.
     *
     * @param member the member
     * @param at the time whose windows are read
     * @return the progress per challenge; empty for a version without challenges
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public List<ChallengeProgress> challengeProgress(MemberId member, Instant at) {
        Objects.requireNonNull(member, "member must not be null");
        Inputs.businessTime(at, "at");
        List<ChallengeProgress> out = new java.util.ArrayList<>();
        for (Challenge c : context.version.get().challenges().values()) {
            out.add(challenges.progress(member, c, at));
        }
        return out;
    }

    /**
     * Returns the badges a member holds, in the order they were earned: each awarded once, on the
     * member's first completion of a challenge that declares it, with that purchase's time and key.
     *
     * @param member the member
     * @return the badges; empty if none
     * @throws NullPointerException if {@code member} is null
     */
    public List<io.github.loyaltyrules.engagement.Badge> badges(MemberId member) {
        return challenges.badges(member);
    }

    /**
     * Returns the store this program keeps its members' challenge progress in.
     *
     * @return the store
     */
    public ChallengeStore challengeStore() {
        return challenges.store();
    }

    /**
     * Returns the store this program keeps its own state in.
     *
     * @return the store
     */
    public ProgramStore store() {
        return context.store;
    }

    /**
     * Returns the tier engine this program records qualifying activity in.
     *
     * @return the engine; empty for a program made with a {@link TierLookup}
     */
    public Optional<TierEngine> tierEngine() {
        return Optional.ofNullable(context.tierEngine);
    }

    /**
     * Returns the context.ledger, for balances, statements, expiry and the other ledger operations.
     *
     * @return the ledger
     */
    public Ledger ledger() {
        return context.ledger;
    }

    /**
     * Returns the version now running.
     *
     * @return the version
     */
    public ProgramVersion version() {
        return context.version.get();
    }

    /**
     * Swaps in another program version atomically. Calls already running finish under the
     * version they started with; later calls use the new one.
     *
     * @param next the new version
     * @return the version it replaced
     * @throws NullPointerException if {@code next} is null
     * @throws UnknownCurrencyException if a challenge of the version rewards a currency the ledger does not have
     */
    public ProgramVersion install(ProgramVersion next) {
        Objects.requireNonNull(next, "program version must not be null");
        checkChallenges(next);
        synchronized (context.versions) {
            ProgramVersion known = context.versions.get(next.id());
            if (known != null && !known.equals(next)) {
                throw new InvalidRequestException("program version id '" + next.id() + "' was already installed with"
                        + " other terms; receipts name their version by id, so give a changed version a new id");
            }
            context.add(next);
            return context.version.getAndSet(next);
        }
    }

    /**
     * Returns a version this program has run, by id: the running one or any installed before, so
     * that returns are re-evaluated under the version that computed the purchase.
     *
     * @param id the version id, as a receipt names it
     * @return the context.version, or empty if this program never ran one with that id
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<ProgramVersion> version(String id) {
        return Optional.ofNullable(context.versions.get(Objects.requireNonNull(id, "version id must not be null")));
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
            account = context.ledger.enrol(member, at);
        } catch (io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException enrolled) {
            account = context.ledger.account(member);
            if (!account.enrolledAt().equals(at)) {
                throw enrolled;
            }
        }
        if (context.tierEngine != null) {
            try {
                context.tierEngine.enrol(member, at);
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
     * @throws InvalidRequestException if the profile breaks a limit (nothing changes): at most 100 tags
     *         and 100 attributes, tags and names of 1 to 64 characters without control characters,
     *         values of at most 4,000 characters without a NUL or an unpaired surrogate, a birthday
     *         in years 1 to 9999
     */
    public void updateProfile(MemberId member, Set<String> tags, Map<String, String> attributes, LocalDate birthday) {
        Set<String> t = Set.copyOf(tags);
        Map<String, String> a = Map.copyOf(attributes);
        PersonalInputs.tags(t, "the profile");
        PersonalInputs.attributes(a, "the profile");
        PersonalInputs.birthday(birthday);
        Object lock = context.lock(member);
        context.ledger.account(member);
        synchronized (lock) {
            while (context.store.commit(new ProgramCommit(context.memberRecord(member).withProfile(t, a, birthday), null, null, null))
                    != CommitResult.APPLIED) {
                Thread.onSpinWait(); // another server changed the member: apply to its version
            }
        }
    }

    /**
     * Erases a member's personal data (the right to be forgotten), everywhere the program stores it,
     * and keeps every figure: the member's account, lots, postings and entries move to a pseudonym
     * in the ledger, their tier state and history in the tier engine, their record and the records of
     * their purchases, events, returns and rewards in the program store. What goes: the profile
     * (tags, attributes, birthday), the copies of it kept with purchases, the attributes of events,
     * the reasons of the member's postings, entries, status changes and status matches (free text
     * that may hold personal data), and the old id wherever it was stored (the ledger's own expiry
     * keys that named it are renamed). What stays, under the pseudonym: amounts, dates, lots, keys,
     * tiers, baskets and awards, so balances, liability and activity reports add up as before, and
     * the audit trail of every point is whole. Nothing is found under the old id afterwards.
     *
     * <p>The pseudonym is {@linkplain Pseudonyms#of(MemberId, int) keyed hash} of the id under the program's
     * {@linkplain Builder#pseudonyms pseudonym key}; no store keeps the two together. The account keeps
     * its status and points (close it first if the terms end the points with the membership). Caller
     * keys are kept as they are, so they should not hold personal data, and neither are the rule
     * engine's own counters reached (the per-member caps of loyalty-rules name the member id in their
     * counters until their retention forgets them). The data the caller keeps (contact details,
     * orders) are the caller's to erase.
     *
     * <p>Each store is changed atomically, the ledger first. Idempotent: erasing an erased id again
     * changes nothing and returns the same pseudonym, and it completes an erase that failed part-way
     * (a store that failed). An id enrolled again after its erasure is a new member, and erasing it
     * again gives the next pseudonym of its sequence. Erasing an enrolled pseudonym ({@value
     * Pseudonyms#PREFIX}...) changes nothing and returns it.
     *
     * @param member the member
     * @return the pseudonym the member's data now lives under
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled and was never erased under this
     *     key; nothing is changed
     * @throws InvalidRequestException if the program was built without pseudonyms; nothing is changed
     * @throws UnsupportedOperationException if a store cannot move a member
     */
    public MemberId erase(MemberId member) {
        return erasures.erase(member);
    }

    /**
     * Returns everything the program holds about a member (data portability), as a JSON document
     * (RFC 8259, UTF-8 when encoded) of this form, format version 2 (every member and its type are listed
     * in {@code docs/member-export.md}):
     *
     * <pre>{@code
     * {
     *   "format": "loyalty-member-export/2",
     *   "member": "ann",                         // the member id
     *   "exportedAt": "2026-04-07T09:30:00Z",    // every instant: ISO-8601 in UTC
     *   "programVersion": "v1",                  // the version running now
     *   "account": {"status": "ACTIVE", "enrolledAt": ..., "statusSince": ..., "statusReason": "enrolled"},
     *   "profile": {"tags": ["staff"], "attributes": {"email": ...}, "birthday": "1990-05-17" or null,
     *               "purchases": 3, "rewardsRedeemed": {"coffee": 1}},
     *   "balances": [{"currency": "PTS", "decimalPlaces": 0, "total": 120, "available": 100,
     *                 "pending": 20, "reserved": 0, "expired": 0, "debt": 0}],
     *   "lots": [{"currency": "PTS", "lot": 1, "original": 50, "remaining": 30, "earnedAt": ...,
     *             "availableAt": ..., "expiresAt": ... or null, "source": "till-7/0001#PTS"}],
     *   "reservations": [{"key": "web-9", "currency": "PTS", "amount": 40, "createdAt": ..., "deadline": ...,
     *                     "status": "OPEN", "statusNow": "LAPSED", "closedAt": null, "lots": [...]}],
     *   "statement": [{"sequence": 1, "posting": "till-7/0001#PTS", "postingType": "EARN", "type": "EARN",
     *                  "currency": "PTS", "amount": 50, "heldDelta": 0, "debtDelta": 0, "at": ...,
     *                  "reason": "10 points a visit", "lots": [{"lot": 1, "delta": 50, "heldDelta": 0}]}],
     *   "postings": [{"key": "till-7/0001#PTS", "type": "EARN", "member": "ann", "counterparty": null,
     *                 "currency": "PTS", "amount": 50, "at": ..., "reason": ..., "target": null}],
     *   "vouchers": [{"code": "V-3F9A0C21-1", "value": "5.00", "moneyCurrency": "EUR", "currency": "PTS",
     *                 "cost": 500, "issuedAt": ..., "expiresAt": ..., "posting": "vouchers/PTS/..."}],
     *   "tier": {"current": "Gold" or null, "history": [{"from": "Green", "to": "Gold", "at": ...,
     *            "cause": "THRESHOLD_REACHED", "reason": ...}], "enrolled": "2026-01-05", "earned": "Gold",
     *            "floor": "Green", "shown": "Gold", "pendingDowngrade": null, "activities": [...],
     *            "statusMatches": [...], "qualifying": {"points:TQP": "120"}},
     *   "receipts": [{"key": "till-7/0001", "kind": "PURCHASE", "at": ..., "programVersion": "v1",
     *                 "purchase": {"store": ..., "channel": ..., "lines": [{"id": "1", "sku": ...,
     *                     "category": ..., "quantity": 1, "unitPrice": "3.40", "moneyCurrency": "GBP"}]},
     *                     (a measured or taxed line adds "measure", "unit", "tax"; a purchase with tenders,
     *                     codes or discounts adds "tenders": [{"method", "amount"}], "codes": [...] and
     *                     "discounts": [{"line" ("" for the order), "amount"}]; one with tier counters
     *                     adds "counters": {"nights": 3})
     *                 "profileAsSeen": {"tier": ..., "tags": [...], "attributes": {...}, "birthday": ...,
     *                     "purchasesBefore": 0, "tierMultiplier": "1", "perks": [...]},
     *                 "awards": [{"rule": "visit", "name": "10 points a visit", "currency": "PTS", "amount": 10}]}],
     *   "ruleCounters": {"cap/visit/PTS/ann/2026-04-01": 20}
     * }
     * }</pre>
     *
     * <p>Amounts are integers in the currency's minor units (up to 2^63-1: read them as 64-bit
     * integers); money and multipliers are decimal strings, exact to their scale; dates are
     * {@code YYYY-MM-DD}. Balances are as of {@code exportedAt} (the ledger's clock), one per
     * configured currency. Lots are every lot the ledger keeps, open and spent, per currency in
     * creation order; reservations every reservation it keeps, open and closed, oldest first; the
     * statement is every entry it keeps, oldest first, and postings the postings of those entries
     * (with the counterparty of a transfer). Vouchers are those that conversion runs made of the
     * member's points. {@code tier.current} is the tier shown now (null without tiers), {@code history}
     * the tier engine's changes, oldest first, and the rest the engine's stored state (qualifying
     * activity, status matches, a pending downgrade) and the metrics of the current window.
     * {@code ruleCounters} are what the rule engines count under the member (per-member caps). Receipts are the records
     * of purchases, events ({@code "event": {"type", "attributes"}}), returns ({@code "original"} and
     * the {@code "units"} returned per line) and reward redemptions ({@code "reward"}), oldest first;
     * a purchase shows the profile as the rules saw it (until retention or erasure drops it). Sets and
     * maps are written sorted. A later format version only adds members; a reader should ignore
     * members it does not know.
     *
     * @param member the member
     * @return the document
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws UnsupportedOperationException if the program store cannot list a member's records
     */
    public String export(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return exports.export(member);
    }

    /**
     * Drops the personal data copied into stored records dated more than the
     * {@linkplain Builder#personalDataRetention retention} before {@code now} (the member's tags,
     * attributes and birthday kept with a purchase, the attributes of an event); the nightly job
     * runs it. Records keep their baskets, awards and figures. Running it again changes nothing more.
     *
     * @param now the business time of the run, e.g. the ledger's clock
     * @return how many records lost their personal data; 0 for a program without a retention
     * @throws NullPointerException if {@code now} is null
     * @throws InvalidRequestException if {@code now} is outside years 1 to 9999
     * @throws UnsupportedOperationException if the program store cannot change its records
     */
    public long applyRetention(Instant now) {
        Inputs.businessTime(now, "now");
        return retention == null ? 0 : context.store.dropPersonalData(now.minus(retention));
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
        return activities.record(member, purchase, at, key);
    }

    /**
     * Works out what a purchase would earn if it were made now under {@code key}, exactly as
     * {@link #purchase} would (the running context.version, the member as the rules would see them, tier and
     * purchase count included, per-member caps and campaign budgets as they stand, cuts included),
     * without recording, posting or drawing anything: a dry run, e.g. to show a member at the till
     * what the basket earns. The quote's receipt has the awards and no postings. A purchase made next
     * with the same key, when nothing else has happened in between, gets the same awards.
     *
     * <p>The quote also says which rules would not fire and why ({@link io.github.loyaltyrules.rule.NearMiss
     * near misses}, closest first, as the engine's {@link io.github.loyaltyrules.rule.RuleEngine#nearMisses}
     * says; loyalty-rules' {@code RuleSet} names each failed condition with its values) and, with a tier
     * engine, the member's tier, the next tier, what is still missing to it per qualifying metric and
     * whether this basket would reach it ({@link TierOutlook}). None of this is worked out when a
     * purchase is recorded.
     *
     * @param member the member; must be active
     * @param purchase the basket
     * @param at the business time
     * @param key the idempotency key the purchase would be made with (caps and budgets an earlier
     *     attempt under it drew count as its own); at most 180 characters
     * @return the receipt the purchase would produce (without postings), the near misses and the tier outlook
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws UnknownCurrencyException if the engine awards a currency the ledger does not have
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the awards add up beyond a long
     * @throws InvalidRequestException if the key is too long, or {@code at} is outside years 1 to 9999
     */
    public Quote quote(MemberId member, Purchase purchase, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Inputs.businessTime(at, "at");
        ProgramContext.checkKey(key);
        Account account = context.ledger.account(member);
        if (account.status() != AccountStatus.ACTIVE) {
            throw new AccountStatusException("account of member " + member + " is " + account.status()
                    + "; purchases and events need an ACTIVE account");
        }
        ProgramVersion v = context.version.get();
        MemberProfile profile = context.profile(member, context.memberRecord(member), at);
        RuleContext rc = new RuleContext(profile, purchase, at.atZone(context.ledger.zone()), key, v.id());
        Evaluation evaluation = v.engine().quote(rc);
        List<Award> awards = evaluation.awards();
        for (int i = 0; i < awards.size(); i++) {
            context.ledger.currency(awards.get(i).currency());
        }
        if (awards.size() > 1) {
            AwardTotals.checkTotals(key, awards);
        }
        Receipt receipt = new Receipt(key, member, v.id(), at, awards, List.of(), false);
        return new Quote(receipt, v.engine().nearMisses(rc, evaluation), context.tierEngine == null ? Optional.empty()
                : Optional.of(QuoteTiers.outlook(context.tierEngine, member, purchase, at, awards)));
    }

    /**
     * What-if replay: works out what {@code candidate} (a new program version, e.g. read from text)
     * would have awarded for the purchases and events recorded in {@code [from, to)}, member by
     * member in member order and each member's activity in time order, against what was awarded,
     * without posting, recording or drawing anything live. A purchase is evaluated with the member as the
     * rules saw them then (tags, purchase count; its stored profile, which {@link Builder#personalDataRetention
     * retention} may have emptied), an event with the member's record as it is now; with a tier engine, both in
     * the tier the member would hold then under the candidate. Returns are replayed too (see {@link ReplayOptions}).
     *
     * <p>Give the candidate an engine with counters of its own (e.g. a {@code RuleSet} built with
     * {@code Quotas.inMemory()}): the replay evaluates as a purchase would, so caps and budgets are
     * drawn, and drawn on the candidate's counters they bind as they would have live (a member's
     * caps exactly; a campaign budget shared by members in member order rather than in time order:
     * replay in {@link ReplayOrder#TIME} for that). Memory holds one member's records at a time.
     *
     * @param candidate the version to replay; not installed
     * @param from the start of the period (inclusive)
     * @param to the end of the period (exclusive); after {@code from}
     * @param perMember receives each member with activity in the period, as the replay goes
     * @param progress receives the progress, a member at a time
     * @return the totals
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code to} is not after {@code from}
     * @throws UnsupportedOperationException if the program store cannot list a member's records
     */
    public ReplayReport replay(ProgramVersion candidate, Instant from, Instant to,
            java.util.function.Consumer<? super MemberReplay> perMember, io.github.loyaltyrules.ledger.ProgressListener progress) {
        return replay(candidate, from, to, ReplayOrder.MEMBER, perMember, progress);
    }

    /**
     * What-if replay in a chosen order: as {@link #replay(ProgramVersion, Instant, Instant,
     * java.util.function.Consumer, io.github.loyaltyrules.ledger.ProgressListener)}, but with
     * {@link ReplayOrder#TIME} every member's purchases, events and returns are merged in business time order
     * (ties in key order), streamed from the program store a page at a time, so that a counter
     * shared by members (a campaign budget) on the candidate's own counters is drawn in the order it
     * was live, and the replay gives exactly what running the candidate live would have given. In
     * time order, memory holds a page of records and each member's totals; {@code perMember} receives
     * the members at the end, in member order; {@code progress} counts the purchases, events and
     * returns replayed, out of those the period held when the replay started.
     *
     * @param candidate the version to replay; not installed
     * @param from the start of the period (inclusive)
     * @param to the end of the period (exclusive); after {@code from}
     * @param order member by member, or merged in time order
     * @param perMember receives each member with activity in the period
     * @param progress receives the progress: members done ({@code MEMBER}) or records done ({@code TIME})
     * @return the totals
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code to} is not after {@code from}
     * @throws UnsupportedOperationException if the program store cannot list the records the order needs
     */
    public ReplayReport replay(ProgramVersion candidate, Instant from, Instant to, ReplayOrder order,
            java.util.function.Consumer<? super MemberReplay> perMember, io.github.loyaltyrules.ledger.ProgressListener progress) {
        Objects.requireNonNull(order, "replay order must not be null");
        return replay(candidate, from, to, ReplayOptions.builder().order(order).build(), perMember, progress);
    }

    /**
     * What-if replay with options: as {@link #replay(ProgramVersion, Instant, Instant, ReplayOrder,
     * java.util.function.Consumer, io.github.loyaltyrules.ledger.ProgressListener)} in the options' order,
     * over the options' sample of members only (totals, {@code perMember} and progress cover the sampled
     * members alone). Each member's part (and the totals) also tells, per currency, what the period's
     * awards leave outstanding at its end in a scratch book, issued less redeemed, returned and expired: the
     * awards made under the live terms, and the candidate's under the options' terms (a currency they do not
     * name keeps the live terms), with tiers on the options' ladder if set. Both books start empty at {@code from},
     * take the member's redemptions of the period (redeemed and captured amounts, read from the live ledger)
     * and the returns of the period's purchases (the candidate's by the facade's return arithmetic) in time
     * order; over a period holding a member's whole history, with no other credits or debits, each book's
     * outstanding and debt equal the ledger's at {@code to} when the period is run live under its version.
     *
     * @param candidate the version to replay; not installed
     * @param from the start of the period (inclusive)
     * @param to the end of the period (exclusive); after {@code from}
     * @param options the order, the sample and the candidate's currency terms
     * @param perMember receives each sampled member with activity in the period
     * @param progress receives the progress: sampled members done ({@code MEMBER}) or their records done ({@code TIME})
     * @return the totals over the sampled members
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code to} is not after {@code from}
     * @throws UnsupportedOperationException if the program store cannot list the records the order needs
     */
    public ReplayReport replay(ProgramVersion candidate, Instant from, Instant to, ReplayOptions options,
            java.util.function.Consumer<? super MemberReplay> perMember, io.github.loyaltyrules.ledger.ProgressListener progress) {
        Objects.requireNonNull(options, "replay options must not be null");
        Objects.requireNonNull(candidate, "candidate must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(perMember, "per-member consumer must not be null");
        Objects.requireNonNull(progress, "progress listener must not be null");
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("a replay's period must end after it starts; got " + from + " to " + to);
        }
        return new Replays(context, returns).replay(candidate, from, to, options, perMember, progress);
    }

    /**
     * Returns what the members did in the program over {@code [from, to)}: the members enrolled,
     * active and participating, the purchases, events, returns and reward redemptions recorded, the
     * spend and the average spend per member, the points awarded, and the same per store (a return
     * counting at the store of the purchase it returns). Added up by the program store
     * ({@link ProgramStore#activity}): the in-memory store walks the period's records by its time index,
     * the JDBC store sums them in SQL without loading them, and a store that does neither walks its
     * records a page at a time in time order ({@link ProgramStore#recordsByTime}). The ledger's own figures per
     * currency (earned, redeemed, expired, adjusted, the liability) are in {@link Ledger#activity}.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @return the report
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code to} is not after {@code from}, or either is outside years 1 to 9999
     * @throws UnsupportedOperationException if the program store cannot list its records by time
     */
    public io.github.loyaltyrules.report.ProgramActivity activity(Instant from, Instant to) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("a report period must end after it starts; got from " + from + " to " + to);
        }
        return new ProgramReports(context).activity(from, to);
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
        return activities.record(member, event, at, key);
    }







    /**
     * Records the return of some units of an earlier purchase and claws back what they earned. It also
     * gives back points spent on the purchase by redemptions tied to it ({@link #redeemFor},
     * {@link #redeemRewardFor}), by the {@link RefundPolicy} of the purchase version's {@link RedemptionRule}
     * for each redemption's currency: computed once, with the return's record, exactly and cumulatively
     * (see {@link RefundPolicy#PRO_RATA}), and posted as a partial {@linkplain Ledger#reverse reversal} of
     * the redemption under a key derived from the return's ({@code key#refund-i}). A reversal gives back
     * the lots the redemption took with their original expiry dates, latest first: points given back may
     * expire soon, or at the next sweep if their date has passed. Programs without a refund policy give
     * back nothing and read no ties.
     *
     * @param member the member the purchase was made by
     * @param original the key of the purchase
     * @param returnedUnits units returned per basket line id; each positive
     * @param at the business time
     * @param key the idempotency key of the return; at most 180 characters
     * @return the receipt, whose award lines are what was clawed back, and whose postings are the claw-backs
     *         and then the reversals that give back spent points
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
        ProgramContext.checkKey(key);
        Map<String, Long> units = new java.util.TreeMap<>(returnedUnits);
        KeyClaims.Request fingerprint = new KeyClaims.Request("return", List.of(units, original), member, at);
        Object lock = context.lock(member);
        context.ledger.account(member);
        synchronized (lock) {
            return claims.claimed(key, KeyClaims.RETURN, () -> returns.returnPurchase(member, original, units, at, key, fingerprint));
        }
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
     *         not for the member's tier, or redeemed up to one of its {@linkplain Reward#limits() limits} (per
     *         member, or overall, in the period of {@code at} in the ledger's zone); nothing is counted or
     *         posted, and the key may be used again
     * @throws InsufficientPointsException if the member has too few points available
     * @throws UnknownMemberException if the member is not enrolled
     * @throws AccountStatusException if the account is not active
     * @throws IdempotencyConflictException if the key was used for another request
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public Posting redeemReward(MemberId member, String rewardId, Instant at, IdempotencyKey key) {
        return redeemReward(member, rewardId, 1, at, key);
    }

    /**
     * Redeems some units of a reward at once, e.g. three free coffees: the cost is the reward's cost
     * times the quantity ({@link Reward#costOf}), and each unit counts as a use against the reward's
     * limits (all or none of them). A reward takes more than one unit only if its terms say so
     * ({@link Reward#upTo}). Otherwise as {@link #redeemReward(MemberId, String, Instant, IdempotencyKey)}.
     *
     * @param member the member; must be active
     * @param rewardId the reward's id
     * @param quantity the units; from 1 to the reward's {@link Reward#maxQuantity()}
     * @param at the business time; inside the reward's availability window
     * @param key the idempotency key
     * @return the ledger posting of the redemption
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.InvalidAmountException if the quantity is not positive, above the
     *         reward's most per redemption, or the cost would overflow; nothing is counted or posted
     * @throws RewardNotAvailableException as the one-unit form does, and if fewer uses than the quantity
     *         are left under a limit
     * @throws IdempotencyConflictException if the key was used for another request, or for another quantity
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as the one-unit form does
     */
    public Posting redeemReward(MemberId member, String rewardId, long quantity, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(rewardId, "reward id must not be null");
        Inputs.businessTime(at, "at");
        Objects.requireNonNull(key, "idempotency key must not be null");
        Object lock = context.lock(member);
        context.ledger.account(member);
        synchronized (lock) {
            return claims.claimed(key, KeyClaims.LEDGER_OP,
                    () -> rewards.redeemCounted(member, rewardId, quantity, at, key));
        }
    }



    /**
     * Redeems points; see {@link Ledger#redeem}. The running version's {@link RedemptionRule} for the
     * currency, if it has one, is checked first (a retry of a posted key is replayed by the ledger).
     *
     * @param member the member
     * @param amount the points
     * @param at the business time
     * @param key the idempotency key
     * @param reason what for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws RedemptionRuleException if the amount is below the currency's minimum or not a multiple of its
     *         step; nothing is posted
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#redeem} does
     */
    public Posting redeem(MemberId member, Points amount, Instant at, IdempotencyKey key, String reason) {
        return claims.ledgerOp(member, key, () -> {
            context.checkRedemption(amount, key);
            return context.ledger.redeem(member, amount, at, key, reason);
        });
    }

    /**
     * Redeems points to pay for a purchase (pay with points), tied to the purchase so that a return of
     * part of it gives back the points spent by the {@link RefundPolicy} of the purchase version's
     * {@link RedemptionRule} for the currency (see {@link #returnPurchase}). Checked and posted as
     * {@link #redeem} does; the tie is stored first, so a retry with the same key after a crash completes
     * it, and withdrawn if the redemption is refused. The purchase may be recorded before or after.
     *
     * @param member the member
     * @param amount the points
     * @param purchase the key of the purchase paid for; the member's, if it is recorded already
     * @param at the business time
     * @param key the idempotency key
     * @param reason what for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws RedemptionRuleException if the amount breaks the currency's rule; nothing is posted or tied
     * @throws UnknownPostingException if a record under {@code purchase} is not a purchase of the member's
     * @throws IdempotencyConflictException if the key was used for another request, or tied to another
     *         purchase, or posted tied to none
     * @throws UnsupportedOperationException if the program's store cannot tie redemptions to purchases
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#redeem} does; nothing is tied
     */
    public Posting redeemFor(MemberId member, Points amount, IdempotencyKey purchase, Instant at, IdempotencyKey key,
            String reason) {
        Objects.requireNonNull(purchase, "purchase key must not be null");
        return claims.ledgerOp(member, key, () -> {
            context.checkRedemption(amount, key);
            return refunds.tied(member, purchase, key, () -> context.ledger.redeem(member, amount, at, key, reason));
        });
    }

    /**
     * Pays part of a basket with points at the value the running version's {@link RedemptionRule} gives
     * them ({@link PointWorth}, at the basket's channel), up to the basket's total: redeems them
     * {@linkplain #redeemFor tied to the purchase}, so that a return of part of it gives back points by the
     * rule's {@link RefundPolicy}. The value is rounded down to the money's decimal places; to pay as much
     * of the basket as points allow, pay {@code rule.worth().pointsFor(basket.total(EarningBase.NET), basket.channel())}
     * rounded down to the rule's step. A retry with the same key returns the same payment.
     *
     * @param member the member
     * @param basket the basket paid for: its channel sets the value, its total net of discounts (what the
     *        customer owes) the most it may take off
     * @param points the points to pay with; checked against the rule's minimum and step
     * @param purchase the key the purchase of the basket is (or will be) recorded under
     * @param at the business time
     * @param key the idempotency key of the payment
     * @return the redemption and the money it takes off the basket
     * @throws NullPointerException if an argument is null
     * @throws RedemptionRuleException if the version gives the currency no money value, the basket is in
     *         another money currency, the points are worth more than the basket's total net of discounts, or the amount
     *         breaks the rule; nothing is posted or tied
     * @throws io.github.loyaltyrules.ledger.InvalidAmountException if the points are negative
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link #redeemFor} does
     */
    public PointsPayment payWithPoints(MemberId member, Purchase basket, Points points, IdempotencyKey purchase,
            Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(basket, "basket must not be null");
        Objects.requireNonNull(points, "points must not be null");
        Objects.requireNonNull(purchase, "purchase key must not be null");
        Objects.requireNonNull(key, "idempotency key must not be null");
        ProgramVersion v = context.version.get();
        PointWorth worth = v.redemptionRule(points.currency().code()).map(RedemptionRule::worth).orElseThrow(
                () -> new RedemptionRuleException("program version " + v.id() + " gives " + points.currency().code()
                        + " no money value; points pay for a basket only at a value the redemption rule sets"));
        Money total = basket.total(io.github.loyaltyrules.rule.EarningBase.NET); // what is due after discounts
        if (!total.currency().equals(worth.value().currency())) {
            throw new RedemptionRuleException("a basket in " + total.currency().getCurrencyCode() + " cannot be paid"
                    + " with " + points.currency().code() + ", which are worth " + worth.value().currency().getCurrencyCode());
        }
        Money value = worth.valueOf(points, basket.channel());
        if (value.compareTo(total) > 0) {
            throw new RedemptionRuleException(points + " are worth " + value + " at channel '"
                    + Inputs.shown(basket.channel()) + "', more than the"
                    + " basket's total of " + total + "; pay at most " + worth.pointsFor(total, basket.channel()));
        }
        Posting p = redeemFor(member, points, purchase, at, key, "pays " + value + " of purchase " + purchase);
        return new PointsPayment(p, value);
    }

    /**
     * Redeems a reward as {@link #redeemReward} does, tied to the purchase it was given with, so that a
     * return of part of the purchase gives back the points spent by the {@link RefundPolicy} of the
     * purchase version's {@link RedemptionRule} for the reward's currency (its use is not given back).
     *
     * @param member the member; must be active
     * @param rewardId the reward's id
     * @param purchase the key of the purchase; the member's, if it is recorded already
     * @param at the business time; inside the reward's availability window
     * @param key the idempotency key
     * @return the ledger posting of the redemption
     * @throws NullPointerException if an argument is null
     * @throws UnknownPostingException if a record under {@code purchase} is not a purchase of the member's
     * @throws IdempotencyConflictException if the key was used for another request, or tied to another
     *         purchase, or posted tied to none
     * @throws UnsupportedOperationException if the program's store cannot tie redemptions to purchases
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link #redeemReward} does; nothing is tied
     */
    public Posting redeemRewardFor(MemberId member, String rewardId, IdempotencyKey purchase, Instant at,
            IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(rewardId, "reward id must not be null");
        Objects.requireNonNull(purchase, "purchase key must not be null");
        Inputs.businessTime(at, "at");
        Objects.requireNonNull(key, "idempotency key must not be null");
        Object lock = context.lock(member);
        context.ledger.account(member);
        synchronized (lock) {
            return claims.claimed(key, KeyClaims.LEDGER_OP,
                    () -> refunds.tied(member, purchase, key, () -> rewards.redeemCounted(member, rewardId, 1, at, key)));
        }
    }

    /**
     * Reserves points for a checkout; see {@link Ledger#reserve}. The amount is checked against the
     * running version's redemption rule as {@link #redeem} checks it.
     *
     * @param member the member
     * @param amount the points
     * @param ttl how long the hold lasts
     * @param at the business time
     * @param key the idempotency key, which also names the reservation
     * @param reason what for
     * @return the posting
     * @throws NullPointerException if an argument is null
     * @throws RedemptionRuleException if the amount breaks the running version's {@link RedemptionRule} for
     *         the currency, as {@link #redeem} checks it; nothing is reserved
     * @throws io.github.loyaltyrules.ledger.LoyaltyException as {@link Ledger#reserve} does
     */
    public Posting reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key, String reason) {
        return claims.ledgerOp(member, key, () -> {
            context.checkRedemption(amount, key);
            return context.ledger.reserve(member, amount, ttl, at, key, reason);
        });
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
        return claims.ledgerOp(member, key, () -> context.ledger.capture(member, reservation, at, key));
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
        return claims.ledgerOp(member, key, () -> context.ledger.release(member, reservation, at, key));
    }

    /**
     * Converts members' points into vouchers by the running version's
     * {@linkplain ProgramVersion#voucherConversions() voucher conversions}: a sweep over every enrolled
     * member with an active account, like {@link Ledger#expire(Instant, ProgressListener)}. Of each
     * currency with a conversion, as many whole vouchers as the points available at {@code at} make are
     * redeemed in one ledger posting; the rest stays for the next run. Idempotent per member, currency and
     * run date ({@code at}'s date in the ledger's zone): the posting's key is derived from them, so a run
     * repeated on that date, e.g. after a crash, converts nothing twice and hands the caller the vouchers
     * of members it converted before again, with the same codes; issue each code once. Nothing is
     * stored besides the postings: {@link #vouchers(MemberId, LocalDate)} finds a run's vouchers again.
     *
     * @param at the business time of the run; vouchers are issued at it
     * @param issue receives each voucher, member by member; if it throws, the run stops, and the member's
     *        conversion stays posted (a re-run on the same date hands its vouchers over again)
     * @param listener receives (members done, members in all) after each member
     * @return what the run did
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if {@code at} is outside years 1 to 9999
     */
    public VoucherRun convertToVouchers(Instant at, java.util.function.Consumer<Voucher> issue,
            io.github.loyaltyrules.ledger.ProgressListener listener) {
        Inputs.businessTime(at, "at");
        Objects.requireNonNull(issue, "voucher consumer must not be null");
        Objects.requireNonNull(listener, "progress listener must not be null");
        return vouchers.run(at, issue, listener);
    }

    /**
     * Returns the vouchers the conversion run of a date made of a member's points, by the running
     * version's conversions.
     *
     * @param member the member
     * @param runDate the date of the run in the ledger's zone
     * @return the vouchers; empty if the run converted none of the member's points
     * @throws NullPointerException if an argument is null
     */
    public List<Voucher> vouchers(MemberId member, LocalDate runDate) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(runDate, "run date must not be null");
        return vouchers.vouchers(member, runDate);
    }

    /**
     * Returns the receipt of a purchase, event or return.
     *
     * @param key its key
     * @return the receipt, or empty
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<Receipt> receipt(IdempotencyKey key) {
        ReceiptRecord r = context.store.receipt(Objects.requireNonNull(key, "key must not be null")).orElse(null);
        if (r == null || r.kind() == ReceiptRecord.Kind.REWARD) {
            return Optional.empty();
        }
        List<Posting> postings = new ArrayList<>();
        for (String currency : AwardTotals.totalsByCurrency(r.awards()).keySet()) {
            context.ledger.posting(ProgramContext.derived(key, currency)).ifPresent(postings::add);
        }
        for (int i = 0; i < r.refunds().size(); i++) {
            context.ledger.posting(ProgramContext.derived(key, "refund-" + i)).ifPresent(postings::add);
        }
        return Optional.of(new Receipt(key, r.member(), r.programVersion(), r.at(), r.awards(), postings,
                r.kind() == ReceiptRecord.Kind.RETURN));
    }





















}
