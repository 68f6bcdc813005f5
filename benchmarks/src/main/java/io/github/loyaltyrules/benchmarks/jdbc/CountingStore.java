package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that passes everything to another and counts the commits that came back applied and
 * stale, so that a benchmark can say how often writers on a hot member had to retry.
 */
final class CountingStore implements LedgerStore {

    private final LedgerStore delegate;
    private final LongAdder applied = new LongAdder();
    private final LongAdder stale = new LongAdder();

    CountingStore(LedgerStore delegate) {
        this.delegate = delegate;
    }

    long applied() {
        return applied.sum();
    }

    long stale() {
        return stale.sum();
    }

    /** Sets both counts back to zero, e.g. after the set-up's commits. */
    void reset() {
        applied.reset();
        stale.reset();
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
    public List<Lot> openLots(MemberId member, String currency) {
        return delegate.openLots(member, currency);
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
    public List<Entry> entries(MemberId member, long beforeSequence, int limit) {
        return delegate.entries(member, beforeSequence, limit);
    }

    @Override
    public void forget(Instant horizon) {
        delegate.forget(horizon);
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        return delegate.members(after, limit);
    }

    @Override
    public CommitResult apply(Commit commit) {
        CommitResult result = delegate.apply(commit);
        if (result == CommitResult.APPLIED) {
            applied.increment();
        } else if (result == CommitResult.STALE) {
            stale.increment();
        }
        return result;
    }
}
