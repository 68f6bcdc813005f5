package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link ExpiryProtection} terms to a ledger as members' tiers change: when a member enters
 * a protecting tier, the expiry of their points in the currency is held
 * ({@link Ledger#holdExpiry}) from then on; when they leave the protecting tiers (to another tier or
 * to none), the hold is lifted ({@link Ledger#liftExpiryHold}) as of the change, and their open
 * points expire as the term says, unless they would later anyway. A move between two protecting
 * tiers (Platinum to Gold) changes nothing.
 *
 * <p>Register it as the tier engine's listener ({@link TierEngine#of(TierLadder, TierListener)}), so
 * that each change is applied as it is stored. Holds and lifts change state, and a hold of a held
 * purse or a lift of one that is not held changes nothing, so an event applied twice, or a replay of
 * the history, applies each once. A listener runs after the tier change is stored, so a crash in
 * between, or a ledger failure the engine logs, leaves a change unapplied: {@link #syncAll} (in the
 * nightly job, before the expiry sweep) and {@link #sync} apply what members' tier histories say,
 * and are also how a term added to a running program reaches members who hold a protecting tier
 * already. A hold that was missed altogether is made up for by the next sync after the status ended
 * (the lots get the dates the lift would have given them), but points the sweep wrote off in the
 * meantime stay written off: run the sync before the sweep.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class TierExpiryHolds implements TierListener {

    private static final int PAGE = 500;

    private final Ledger ledger;
    private final List<ExpiryProtection> terms;
    private final List<PointCurrency> currencies;

    private TierExpiryHolds(Ledger ledger, List<ExpiryProtection> terms, List<PointCurrency> currencies) {
        this.ledger = ledger;
        this.terms = terms;
        this.currencies = currencies;
    }

    /**
     * Returns the listener that applies the terms to the ledger, checked against the ladder.
     *
     * @param ledger the ledger whose points the terms protect
     * @param ladder the tier ladder the terms name tiers of
     * @param terms the terms; may be empty (then it does nothing)
     * @return the listener
     * @throws NullPointerException if an argument, or a term, is null
     * @throws UnknownTierException if a term names a tier that is not on the ladder
     * @throws io.github.loyaltyrules.ledger.UnknownCurrencyException if a term's currency is not
     *     configured in the ledger
     * @throws InvalidTierRequestException if two terms protect the same currency
     */
    public static TierExpiryHolds of(Ledger ledger, TierLadder ladder, List<ExpiryProtection> terms) {
        Objects.requireNonNull(ledger, "ledger must not be null");
        Objects.requireNonNull(ladder, "tier ladder must not be null");
        List<ExpiryProtection> copy = List.copyOf(terms);
        List<PointCurrency> currencies = new java.util.ArrayList<>(copy.size());
        for (ExpiryProtection t : copy) {
            for (String tier : t.tiers()) {
                ladder.tier(tier);
            }
            PointCurrency c = ledger.currency(t.currency());
            if (currencies.contains(c)) {
                throw new InvalidTierRequestException("currency " + t.currency() + " has two expiry protections;"
                        + " give each currency at most one, naming all its protecting tiers");
            }
            currencies.add(c);
        }
        return new TierExpiryHolds(ledger, copy, List.copyOf(currencies));
    }

    /**
     * Returns the terms applied.
     *
     * @return the terms, in the order given
     */
    public List<ExpiryProtection> terms() {
        return terms;
    }

    /**
     * Applies a tier change: holds the expiry of each protected currency when the member enters its
     * protecting tiers, lifts it when they leave them.
     *
     * @param event the tier event; a {@link TierRetained} changes nothing
     */
    @Override
    public void onEvent(TierEvent event) {
        TierChange change = event instanceof TierUpgraded u ? u.change()
                : event instanceof TierDowngraded d ? d.change() : null;
        if (change == null) {
            return;
        }
        for (int i = 0; i < terms.size(); i++) {
            ExpiryProtection t = terms.get(i);
            boolean was = t.protects(change.from());
            boolean is = t.protects(change.to());
            if (!was && is) {
                ledger.holdExpiry(change.member(), currencies.get(i), change.at());
            } else if (was && !is) {
                lift(change.member(), i, null, change.at());
            }
        }
    }

    /**
     * Lifts the hold as of {@code endedAt} unless it began after that (a stale change); with the run's
     * start known ({@code began}, from the history), makes up for a hold that was never applied.
     */
    private boolean lift(MemberId member, int term, Instant began, Instant endedAt) {
        PointCurrency c = currencies.get(term);
        Optional<Instant> since = ledger.expiryHeldSince(member, c);
        if (since.isPresent() && since.get().isAfter(endedAt)) {
            return false;
        }
        if (since.isEmpty()) {
            return began != null && ledger.liftExpiryHold(member, c, began, endedAt, terms.get(term).after());
        }
        return ledger.liftExpiryHold(member, c, endedAt, terms.get(term).after());
    }

    /**
     * Brings one member's holds in line with their tier history as it stands at {@code asOf}
     * ({@link TierEngine#history(MemberId, Instant)}): held since the start of the current run of
     * protecting tiers if they are in one, else lifted as of the end of the last run (and, if that
     * run's hold was never applied, its lots dated as its lift would have:
     * {@link Ledger#liftExpiryHold(MemberId, PointCurrency, Instant, Instant, ExpiryPolicy)}, which
     * reads the member's open lots). Changes nothing that is in line already.
     *
     * @param engine the tier engine that keeps the member's tiers
     * @param member the member
     * @param asOf the instant to read the history at
     * @return true if a hold or lift was applied
     * @throws NullPointerException if an argument is null
     * @throws UnknownMemberException if the member is not enrolled in the ledger
     */
    public boolean sync(TierEngine engine, MemberId member, Instant asOf) {
        Objects.requireNonNull(engine, "tier engine must not be null");
        Objects.requireNonNull(member, "member must not be null");
        List<TierChange> history = engine.history(member, asOf);
        boolean changed = false;
        for (int i = 0; i < terms.size(); i++) {
            ExpiryProtection t = terms.get(i);
            Instant runStart = null;
            Instant lastStart = null;
            Instant runEnd = null;
            for (TierChange c : history) {
                boolean was = t.protects(c.from());
                boolean is = t.protects(c.to());
                if (!was && is) {
                    runStart = c.at();
                } else if (was && !is) {
                    lastStart = runStart;
                    runStart = null;
                    runEnd = c.at();
                }
            }
            if (runStart != null) {
                changed |= ledger.holdExpiry(member, currencies.get(i), runStart);
            } else if (runEnd != null) {
                changed |= lift(member, i, lastStart, runEnd);
            }
        }
        return changed;
    }

    /**
     * Brings every member the tier engine knows in line with their tier history at {@code asOf}
     * ({@link #sync}), a page at a time; members the ledger does not know are passed by.
     *
     * @param engine the tier engine
     * @param asOf the instant to read the histories at
     * @return how many members had a hold or lift applied
     * @throws NullPointerException if an argument is null
     */
    public long syncAll(TierEngine engine, Instant asOf) {
        Objects.requireNonNull(engine, "tier engine must not be null");
        Objects.requireNonNull(asOf, "asOf must not be null");
        long n = 0;
        MemberId after = null;
        while (true) {
            List<MemberId> page = engine.members(after, PAGE);
            for (MemberId m : page) {
                try {
                    n += sync(engine, m, asOf) ? 1 : 0;
                } catch (UnknownMemberException notInLedger) {
                    // a member of the tier engine alone has no points to hold
                }
            }
            if (page.size() < PAGE) {
                return n;
            }
            after = page.get(page.size() - 1);
        }
    }
}
