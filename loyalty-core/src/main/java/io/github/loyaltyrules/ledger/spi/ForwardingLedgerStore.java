package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LedgerStore} that passes every call to another store, for wrappers that count, time or
 * trace some calls and leave the rest alone: extend it and override only those. It forwards the
 * methods that have defaults too, so a wrapper never falls back to a default (such as
 * {@link #workingSet} reading the whole book) where the wrapped store answers better. The
 * shortcuts of the hot path ({@link #apply(MemberChange, Posting, java.util.List)},
 * {@link #postingOrNull}, {@link #bookOrNull}, {@link #workingSetOrNull}) are the exception: their
 * defaults go through {@link #apply(Commit)}, {@link #posting}, {@link #book} and
 * {@link #workingSet(io.github.loyaltyrules.ledger.MemberId)}, so that a wrapper overriding those
 * sees every commit and every read.
 *
 * @since 0.1.0
 */
public abstract class ForwardingLedgerStore implements LedgerStore {

    private final LedgerStore delegate;

    /**
     * Wraps a store.
     *
     * @param delegate the store every call goes to
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingLedgerStore(LedgerStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /**
     * Returns the wrapped store.
     *
     * @return the store every call goes to
     */
    protected LedgerStore delegate() {
        return delegate;
    }

    @Override
    public Optional<MemberBook> book(MemberId member) {
        return delegate.book(member);
    }

    @Override
    public Optional<MemberBook> workingSet(MemberId member) {
        return delegate.workingSet(member);
    }

    @Override
    public KeyedWorkingSet workingSet(MemberId member, IdempotencyKey key) {
        return delegate.workingSet(member, key);
    }

    @Override
    public List<Lot> openLots(MemberId member, String currency) {
        return delegate.openLots(member, currency);
    }

    @Override
    public List<Lot> lotsToSpend(MemberId member, String currency, java.time.Instant at, int limit) {
        return delegate.lotsToSpend(member, currency, at, limit);
    }

    /**
     * {@inheritDoc} For soonest expiry first it calls {@link #lotsToSpend(MemberId, String,
     * java.time.Instant, int)} of this store, so that a subclass that overrides only that method sees
     * every such read; other orders go to the delegate.
     */
    @Override
    public List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, java.time.Instant at,
            int limit) {
        if (order == ConsumptionOrder.SOONEST_EXPIRY_FIRST) {
            return lotsToSpend(member, currency, at, limit);
        }
        return delegate.lotsToSpend(member, currency, order, at, limit);
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        return delegate.posting(key);
    }

    @Override
    public Optional<Posting> posting(MemberId member, IdempotencyKey key) {
        return delegate.posting(member, key);
    }

    @Override
    public Optional<Lot> lot(MemberId member, LotId lot) {
        return delegate.lot(member, lot);
    }

    @Override
    public List<Lot> lotsByNumber(MemberId member, List<LotId> lots) {
        return delegate.lotsByNumber(member, lots);
    }

    @Override
    public List<Lot> lots(MemberId member, String currency) {
        return delegate.lots(member, currency);
    }

    @Override
    public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        return delegate.reservation(member, key);
    }

    @Override
    public List<Reservation> reservations(MemberId member) {
        return delegate.reservations(member);
    }

    @Override
    public Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
        return delegate.reversed(member, posting);
    }

    @Override
    public List<Entry> entries(MemberId member) {
        return delegate.entries(member);
    }

    @Override
    public List<LiftedHold> liftedHolds(MemberId member, String currency) {
        return delegate.liftedHolds(member, currency);
    }

    @Override
    public List<Entry> entries(MemberId member, long beforeSequence, int limit) {
        return delegate.entries(member, beforeSequence, limit);
    }

    @Override
    public List<Sequenced<Posting>> postingsAfter(long after, int limit) {
        return delegate.postingsAfter(after, limit);
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        return delegate.members(after, limit);
    }

    @Override
    public ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        return delegate.activity(currency, from, to);
    }

    @Override
    public LiabilityReport liability(PointCurrency currency, Instant asOf, ZoneId zone) {
        return delegate.liability(currency, asOf, zone);
    }

    @Override
    public CommitResult apply(Commit commit) {
        return delegate.apply(commit);
    }

    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        return delegate.pseudonymise(from, to);
    }

    @Override
    public void forget(Instant horizon) {
        delegate.forget(horizon);
    }
}
