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
 *
 * <p>Members are found by hash (the sorted map is only for paging through them in id order), and
 * postings are spread over several hash maps by key, so that one map's growth does not hold up
 * every writer at once.
 */
public final class InMemoryLedgerStore implements LedgerStore {

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile MemberBook book;
        final List<Entry> entries = new ArrayList<>();
    }

    /** Stripes of the posting map: a power of two. */
    private static final int STRIPES = 16;

    /** The members in id order, for {@link #members}. */
    private final ConcurrentNavigableMap<MemberId, Slot> slots = new ConcurrentSkipListMap<>();
    /** The same slots by hash, for every other look-up. */
    private final ConcurrentHashMap<MemberId, Slot> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, Posting>[] postings;

    /** Creates an empty store. */
    @SuppressWarnings("unchecked")
    public InMemoryLedgerStore() {
        postings = new ConcurrentHashMap[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            postings[i] = new ConcurrentHashMap<>(64);
        }
    }

    private ConcurrentHashMap<IdempotencyKey, Posting> postings(IdempotencyKey key) {
        // the top bits of a multiplicative hash: the maps themselves index by the low bits
        return postings[(key.hashCode() * 0x9E37_79B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(STRIPES))];
    }

    private Slot slot(MemberId member) {
        Slot slot = index.get(member);
        if (slot != null) {
            return slot;
        }
        // the sorted map gets the very slot the hash map holds, made once
        return index.computeIfAbsent(member, m -> {
            Slot created = new Slot();
            slots.put(m, created);
            return created;
        });
    }

    @Override
    public Optional<MemberBook> book(MemberId member) {
        return Optional.ofNullable(bookOrNull(member));
    }

    /**
     * Returns the member's current book, like {@link #book} but without an {@code Optional}, for
     * the ledger's hot paths.
     *
     * @param member the member
     * @return the book, or {@code null} if the member is not enrolled
     */
    public MemberBook bookOrNull(MemberId member) {
        Slot slot = index.get(member);
        return slot == null ? null : slot.book;
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        return Optional.ofNullable(postingOrNull(key));
    }

    /**
     * Returns the posting made with a key, like {@link #posting} but without an {@code Optional},
     * for the ledger's hot paths.
     *
     * @param key the key
     * @return the posting, or {@code null}
     */
    public Posting postingOrNull(IdempotencyKey key) {
        return postings(key).get(key);
    }

    @Override
    public List<Entry> entries(MemberId member) {
        Slot slot = index.get(member);
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
        if (commit.books().size() == 1) {
            return apply(commit.books().get(0), commit.posting(), commit.entries());
        }
        List<MemberBook> books = new ArrayList<>(commit.books());
        books.sort((a, b) -> a.account().member().compareTo(b.account().member()));
        List<Slot> locked = new ArrayList<>(books.size());
        try {
            for (MemberBook book : books) {
                Slot slot = slot(book.account().member());
                slot.lock.lock();
                locked.add(slot);
                long current = slot.book == null ? 0 : slot.book.version();
                if (current != book.version() - 1) {
                    return CommitResult.STALE;
                }
            }
            Posting posting = commit.posting();
            if (posting != null && postings(posting.key()).putIfAbsent(posting.key(), posting) != null) {
                return CommitResult.DUPLICATE_KEY;
            }
            for (int i = 0; i < books.size(); i++) {
                locked.get(i).book = books.get(i);
            }
            for (Entry entry : commit.entries()) {
                index.get(entry.member()).entries.add(entry);
            }
            return CommitResult.APPLIED;
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).lock.unlock();
            }
        }
    }

    /**
     * Applies a commit on one member, the usual case, like {@link #apply(Commit)} with a commit of
     * these parts but without making one: one lock, no lists.
     *
     * @param book the member's new book; replaces the book whose version is {@code version - 1}
     * @param posting the posting, or {@code null}
     * @param entries the entries to append, unmodifiable
     * @return what was done
     */
    public CommitResult apply(MemberBook book, Posting posting, List<Entry> entries) {
        MemberId member = book.account().member();
        Slot slot = slot(member);
        slot.lock.lock();
        try {
            long current = slot.book == null ? 0 : slot.book.version();
            if (current != book.version() - 1) {
                return CommitResult.STALE;
            }
            if (posting != null && postings(posting.key()).putIfAbsent(posting.key(), posting) != null) {
                return CommitResult.DUPLICATE_KEY;
            }
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                // a commit's entries belong to the members of its books
                (entry.member().equals(member) ? slot : slot(entry.member())).entries.add(entry);
            }
            slot.book = book;
            return CommitResult.APPLIED;
        } finally {
            slot.lock.unlock();
        }
    }
}
