package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.internal.LedgerWalk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The in-memory {@link LedgerStore}: one lock per member, taken in member-id order for commits
 * that touch two members, so that commits on different members run in parallel.
 *
 * <p>Members are found by hash (the sorted map is only for paging through them in id order), and
 * postings are spread over several hash maps by key, so that one map's growth does not hold up
 * every writer at once. Each member's history (spent lots, closed reservations, reversal records,
 * entries) is kept beside the book, under the member's lock (a {@code MemberSlot}), and never copied by
 * a posting.
 *
 * @since 0.1.0
 */
public final class InMemoryLedgerStore implements LedgerStore {

    /** Stripes of the posting map: a power of two. */
    private static final int STRIPES = 16;
    /** Most postings {@link #forget} takes from the feed at a time. */
    private static final int FORGET_BATCH = 1024;

    /** The members in id order, for {@link #members}. */
    private final ConcurrentNavigableMap<MemberId, MemberSlot> slots = new ConcurrentSkipListMap<>();
    /** The same slots by hash, for every other look-up. */
    private final ConcurrentHashMap<MemberId, MemberSlot> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, Posting>[] postings;
    /**
     * The change feed: the postings in the order they were committed, with their positions; also
     * the queue {@link #forget} walks, from the oldest.
     */
    private final FeedLog<Posting> feed = new FeedLog<>();
    /** The latest horizon given to {@link #forget}. */
    private volatile Instant horizon = Instant.MIN;
    /** Whether any entry has been forgotten: then a report reaching before {@link #horizon} would miss some. */
    private volatile boolean forgotEntries;
    private final ReentrantLock forgetting = new ReentrantLock();
    /** The postings {@link #forget} took from the feed and has yet to forget; guarded by {@link #forgetting}. */
    private final List<Posting> batch = new ArrayList<>();

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

    private MemberSlot slot(MemberId member) {
        MemberSlot slot = index.get(member);
        if (slot != null) {
            return slot;
        }
        // the sorted map gets the very slot the hash map holds, made once
        return index.computeIfAbsent(member, m -> {
            MemberSlot created = new MemberSlot();
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
    @Override
    public MemberBook bookOrNull(MemberId member) {
        MemberSlot slot = index.get(member);
        return slot == null ? null : slot.book;
    }

    /** The book: the whole book is in memory, so it is the working set too. */
    @Override
    public MemberBook workingSetOrNull(MemberId member) {
        return bookOrNull(member);
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
    @Override
    public Posting postingOrNull(IdempotencyKey key) {
        return postings(key).get(key);
    }

    /** Reads a member's history under its lock; {@code absent} for an unknown member. */
    private <T> T read(MemberId member, T absent, Function<MemberSlot, T> reader) {
        MemberSlot slot = index.get(member);
        if (slot == null) {
            return absent;
        }
        slot.lock.lock();
        try {
            return reader.apply(slot);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public Optional<Lot> lot(MemberId member, LotId lot) {
        MemberSlot s = index.get(member);
        if (s == null) {
            return Optional.empty();
        }
        s.lock.lock();
        try {
            // spent lots first: a reversal looks up the lots its posting spent, and the two sets are disjoint
            Lot spent = s.spent == null ? null : s.spent.get(lot);
            if (spent != null) {
                return Optional.of(spent);
            }
            MemberBook book = s.book;
            if (book != null) {
                for (Purse p : book.purses().values()) {
                    int i = OpenLots.copyOf(p.lots()).indexOf(lot);
                    if (i >= 0 && p.lots().get(i).remaining() > 0) {
                        return Optional.of(p.lots().get(i));
                    }
                }
            }
            return Optional.empty();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<Lot> lots(MemberId member, String currency) {
        return read(member, List.of(), s -> {
            List<Lot> all = new ArrayList<>();
            Purse p = s.book == null ? null : s.book.purses().get(currency);
            if (p != null) {
                for (Lot lot : p.lots()) {
                    if (lot.remaining() > 0) {
                        all.add(lot);
                    }
                }
            }
            if (s.spent != null) {
                for (Lot lot : s.spent.values()) {
                    if (lot.currency().equals(currency)) {
                        all.add(lot);
                    }
                }
            }
            all.sort((a, b) -> a.id().compareTo(b.id()));
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        return read(member, Optional.empty(), s -> {
            Reservation open = s.book == null ? null : s.book.reservations().get(key);
            return Optional.ofNullable(open != null ? open : s.closed == null ? null : s.closed.get(key));
        });
    }

    @Override
    public List<Reservation> reservations(MemberId member) {
        return read(member, List.of(), s -> {
            List<Reservation> all = new ArrayList<>();
            if (s.book != null) {
                all.addAll(s.book.reservations().values());
            }
            if (s.closed != null) {
                all.addAll(s.closed.values());
            }
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
        return read(member, Optional.empty(),
                s -> Optional.ofNullable(s.reversed == null ? null : s.reversed.get(posting)));
    }

    @Override
    public List<Entry> entries(MemberId member) {
        return read(member, List.of(), s -> List.copyOf(s.entries));
    }

    @Override
    public List<LiftedHold> liftedHolds(MemberId member, String currency) {
        return read(member, List.of(), s -> s.liftedHolds(currency));
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        Map<MemberId, MemberSlot> tail = after == null ? slots : slots.tailMap(after, false);
        List<MemberId> page = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<MemberId, MemberSlot> e : tail.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            if (e.getValue().book != null) {
                page.add(e.getKey());
            }
        }
        return page;
    }

    /**
     * {@inheritDoc} Walks every member; refused for a period that starts before the horizon once
     * the store has forgotten entries dated before it.
     *
     * @throws OutsideWindowException if {@code from} is before the horizon and some entry has been forgotten
     */
    @Override
    public ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        ActivityReport report = LedgerWalk.activity(this, currency, from, to);
        // checked after the walk, so that what was forgotten during it counts too; the flag is read
        // first: the horizon a prune forgets up to is written before the prune sets it
        boolean forgot = forgotEntries;
        Instant h = horizon;
        if (forgot && from.isBefore(h)) {
            throw new OutsideWindowException("activity from " + from + " reaches before " + h + ", the start of the"
                    + " idempotency window, and this store no longer keeps the entries dated before it");
        }
        return report;
    }

    @Override
    public CommitResult apply(Commit commit) {
        if (commit.changes().size() == 1 && commit.postings().size() <= 1) {
            return apply(commit.changes().get(0), commit.postings().isEmpty() ? null : commit.postings().get(0),
                    commit.entries());
        }
        List<MemberChange> changes = new ArrayList<>(commit.changes());
        changes.sort((a, b) -> a.book().account().member().compareTo(b.book().account().member()));
        List<MemberSlot> locked = new ArrayList<>(changes.size());
        try {
            for (MemberChange change : changes) {
                MemberSlot slot = slot(change.book().account().member());
                slot.lock.lock();
                locked.add(slot);
                if (slot.retired) {
                    return CommitResult.STALE;
                }
                long current = slot.book == null ? 0 : slot.book.version();
                if (current != change.book().version() - 1) {
                    return CommitResult.STALE;
                }
            }
            List<Posting> added = commit.postings();
            for (int i = 0; i < added.size(); i++) {
                Posting posting = added.get(i);
                if (postings(posting.key()).putIfAbsent(posting.key(), posting) != null) {
                    // all or nothing: take back the keys this commit put in before the duplicate
                    for (int j = 0; j < i; j++) {
                        postings(added.get(j).key()).remove(added.get(j).key(), added.get(j));
                    }
                    return CommitResult.DUPLICATE_KEY;
                }
            }
            for (int i = 0; i < changes.size(); i++) {
                locked.get(i).write(changes.get(i));
            }
            for (int i = 0; i < added.size(); i++) {
                feed.append(added.get(i), stamp(added.get(i).at()));
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
     * @param change the member's new book and the rows it touched
     * @param posting the posting, or {@code null}
     * @param entries the entries to append, unmodifiable
     * @return what was done
     */
    @Override
    public CommitResult apply(MemberChange change, Posting posting, List<Entry> entries) {
        MemberId member = change.book().account().member();
        MemberSlot slot = slot(member);
        slot.lock.lock();
        try {
            long current = slot.book == null ? 0 : slot.book.version();
            if (current != change.book().version() - 1 || slot.retired) {
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
            slot.write(change);
            if (posting != null) {
                feed.append(posting, stamp(posting.at()));
            }
            return CommitResult.APPLIED;
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * {@inheritDoc} Holds both members' locks, and keeps {@link #forget} out, while it rewrites the
     * member's slot, their postings (found by going through every posting kept, so the cost grows
     * with what the window holds) and the feed, which keeps their places in it.
     */
    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        Pseudonymised p = new Pseudonymised(from, to);
        forgetting.lock();
        try {
            while (true) {
                MemberSlot source = index.get(from);
                if (source == null) {
                    return false;
                }
                // the other members of the member's transfers have their entries renamed: lock them too, in id order
                java.util.TreeSet<MemberId> members = new java.util.TreeSet<>(p.counterparties(allPostings()));
                members.add(from);
                members.add(to);
                List<MemberSlot> locked = new ArrayList<>(members.size());
                try {
                    for (MemberId m : members) {
                        MemberSlot slot = m.equals(from) ? source : slot(m);
                        slot.lock.lock();
                        locked.add(slot);
                    }
                    if (source.book == null || source.retired) {
                        return false;
                    }
                    if (!members.containsAll(p.counterparties(allPostings()))) {
                        continue; // a transfer with someone else came in before the locks: lock them too
                    }
                    MemberSlot target = slot(to);
                    if (target.book != null) {
                        throw new IllegalStateException("member " + to + " holds an account already; a member is"
                                + " moved only to an unused id");
                    }
                    movePostings(p);
                    feed.replaceAll(posting -> p.involves(posting) ? p.posting(posting) : posting);
                    for (MemberId m : members) {
                        if (!m.equals(from) && !m.equals(to)) {
                            index.get(m).renameEntries(p);
                        }
                    }
                    source.moveTo(p, target);
                    source.retired = true;
                    index.remove(from, source);
                    slots.remove(from, source);
                    return true;
                } finally {
                    for (int k = locked.size() - 1; k >= 0; k--) {
                        locked.get(k).lock.unlock();
                    }
                }
            }
        } finally {
            forgetting.unlock();
        }
    }

    /**
     * {@inheritDoc} Positions are given in the order the postings were committed, as the commit
     * appends its postings to the feed under the feed's lock; {@link #forget} drops the feed's
     * oldest postings while they are dated before the horizon, so that memory stays bounded.
     */
    @Override
    public List<Sequenced<Posting>> postingsAfter(long after, int limit) {
        return feed.after(after, limit, "postings");
    }

    private Iterable<Posting> allPostings() {
        List<Posting> all = new ArrayList<>();
        for (ConcurrentHashMap<IdempotencyKey, Posting> stripe : postings) {
            all.addAll(stripe.values());
        }
        return all;
    }

    /** Rewrites every kept posting that names the member, each replaced atomically under its key. */
    private void movePostings(Pseudonymised p) {
        List<Posting> old = new ArrayList<>();
        for (ConcurrentHashMap<IdempotencyKey, Posting> stripe : postings) {
            for (Posting posting : stripe.values()) {
                if (p.involves(posting)) {
                    old.add(posting);
                }
            }
        }
        if (old.isEmpty()) {
            return;
        }
        List<Posting> moved = new ArrayList<>(old.size());
        for (Posting posting : old) {
            Posting renamed = p.posting(posting);
            if (renamed.key().equals(posting.key())) {
                postings(posting.key()).replace(posting.key(), posting, renamed);
            } else {
                postings(renamed.key()).put(renamed.key(), renamed);
                postings(posting.key()).remove(posting.key(), posting);
            }
            moved.add(renamed);
        }
    }

    /**
     * Forgets what no posting the ledger still accepts can need: the keys of postings dated before
     * the horizon, and, for the members of those postings, the entries, spent lots, closed
     * reservations and reversal records older than it. Each forgotten posting is visited once, so
     * the work is proportional to what is forgotten. History is dropped from the oldest on and
     * only while it is older than the horizon; a few older items behind a newer one stay until
     * that one goes.
     *
     * @param horizon the earliest business time the ledger still accepts
     */
    @Override
    public void forget(Instant horizon) {
        if (!horizon.isAfter(this.horizon) || !forgetting.tryLock()) {
            return;
        }
        try {
            this.horizon = horizon;
            long bound = stamp(horizon);
            int dropped;
            do {
                // the feed's lock is let go before the members' locks are taken: a commit takes them the other way
                dropped = feed.dropOlderThan(bound, FORGET_BATCH, batch);
                for (int i = 0; i < batch.size(); i++) {
                    Posting head = batch.get(i);
                    postings(head.key()).remove(head.key(), head);
                    prune(head.member(), horizon, head.key());
                    if (head.counterparty() != null) {
                        prune(head.counterparty(), horizon, null);
                    }
                }
                batch.clear();
            } while (dropped == FORGET_BATCH);
        } finally {
            forgetting.unlock();
        }
    }

    /**
     * A posting's stamp in the feed: its business time in whole microseconds, rounded down, so that
     * a stamp below the horizon's means a time before the horizon (a posting within the microsecond
     * of the horizon stays until the next forget). Instants beyond what a long holds in microseconds
     * (no business time is) take the long's bounds.
     */
    private static long stamp(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000L + at.getNano() / 1_000;
    }

    private void prune(MemberId member, Instant horizon, IdempotencyKey forgottenPosting) {
        MemberSlot slot = index.get(member);
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            if (slot.prune(horizon, forgottenPosting)) {
                forgotEntries = true;
            }
        } finally {
            slot.lock.unlock();
        }
    }
}
