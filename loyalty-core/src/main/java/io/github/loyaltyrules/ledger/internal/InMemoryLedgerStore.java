package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory {@link LedgerStore}: one lock per member, taken in member-id order for commits
 * that touch two members, so that commits on different members run in parallel.
 */
public final class InMemoryLedgerStore implements LedgerStore {

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile MemberBook book;
        final List<Entry> entries = new ArrayList<>();
    }

    private final ConcurrentNavigableMap<MemberId, Slot> slots = new ConcurrentSkipListMap<>();
    private final Map<IdempotencyKey, Posting> postings = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryLedgerStore() {
    }

    @Override
    public Optional<MemberBook> book(MemberId member) {
        Slot slot = slots.get(member);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.book);
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        return Optional.ofNullable(postings.get(key));
    }

    @Override
    public List<Entry> entries(MemberId member) {
        Slot slot = slots.get(member);
        if (slot == null) {
            return List.of();
        }
        slot.lock.lock();
        try {
            return List.copyOf(slot.entries);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        Map<MemberId, Slot> tail = after == null ? slots : slots.tailMap(after, false);
        List<MemberId> page = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<MemberId, Slot> e : tail.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            if (e.getValue().book != null) {
                page.add(e.getKey());
            }
        }
        return page;
    }

    @Override
    public CommitResult apply(Commit commit) {
        List<MemberBook> books = new ArrayList<>(commit.books());
        books.sort((a, b) -> a.account().member().compareTo(b.account().member()));
        List<Slot> locked = new ArrayList<>(books.size());
        try {
            for (MemberBook book : books) {
                Slot slot = slots.computeIfAbsent(book.account().member(), m -> new Slot());
                slot.lock.lock();
                locked.add(slot);
                long current = slot.book == null ? 0 : slot.book.version();
                if (current != book.version() - 1) {
                    return CommitResult.STALE;
                }
            }
            Posting posting = commit.posting();
            if (posting != null && postings.putIfAbsent(posting.key(), posting) != null) {
                return CommitResult.DUPLICATE_KEY;
            }
            for (int i = 0; i < books.size(); i++) {
                locked.get(i).book = books.get(i);
            }
            for (Entry entry : commit.entries()) {
                slots.get(entry.member()).entries.add(entry);
            }
            return CommitResult.APPLIED;
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).lock.unlock();
            }
        }
    }
}
