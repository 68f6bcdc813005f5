package io.github.loyaltyrules.ledger.contract;

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
import java.util.List;
import java.util.Optional;

/**
 * A store as a third party would first write one: it implements only the methods {@link LedgerStore}
 * requires (plus erasure, which the contract exercises) and leaves every other method to the
 * interface's defaults, which the tests over it therefore run. It keeps its data in an in-memory
 * store that it hides, so the ledger cannot recognise it and takes the path it takes for any store.
 */
public final class MinimalLedgerStore implements LedgerStore {

    private final LedgerStore data = LedgerStore.inMemory();

    /** Makes an empty store. */
    public MinimalLedgerStore() {
    }

    @Override
    public Optional<MemberBook> book(MemberId member) {
        return data.book(member);
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        return data.posting(key);
    }

    @Override
    public Optional<Lot> lot(MemberId member, LotId lot) {
        return data.lot(member, lot);
    }

    @Override
    public List<Lot> lots(MemberId member, String currency) {
        return data.lots(member, currency);
    }

    @Override
    public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        return data.reservation(member, key);
    }

    @Override
    public List<Reservation> reservations(MemberId member) {
        return data.reservations(member);
    }

    @Override
    public Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
        return data.reversed(member, posting);
    }

    @Override
    public List<Entry> entries(MemberId member) {
        return data.entries(member);
    }

    @Override
    public List<io.github.loyaltyrules.ledger.spi.LiftedHold> liftedHolds(MemberId member, String currency) {
        return data.liftedHolds(member, currency);
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        return data.members(after, limit);
    }

    @Override
    public CommitResult apply(Commit commit) {
        return data.apply(commit);
    }

    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        return data.pseudonymise(from, to);
    }
}
