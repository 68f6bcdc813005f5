package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.ProgramActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link ProgramStore} in this JVM's memory: the default of a program made without a store. Its
 * state is lost with the process and is not shared with other servers; everything it holds stays on
 * the heap (one record per purchase, event, return and reward redemption). Thread-safe: reads take
 * no lock, commits take one short lock.
 *
 * @since 0.1.0
 */
public final class InMemoryProgramStore implements ProgramStore {

    private final Map<MemberId, MemberRecord> members = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, ReceiptRecord> receipts = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, ReturnState> returns = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, String> keyUses = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, IdempotencyKey> ties = new java.util.HashMap<>();
    private final Map<IdempotencyKey, java.util.SortedMap<String, IdempotencyKey>> tiedTo = new java.util.HashMap<>();
    /** The keys of the records in business time order, ties in key order: {@link #recordsByTime}. */
    private final NavigableMap<TimeKey, IdempotencyKey> byTime = new ConcurrentSkipListMap<>();
    /** The keys of each member's records, so that {@link #records(MemberId)} costs the member's records, not the store's. */
    private final Map<MemberId, Set<IdempotencyKey>> byMember = new ConcurrentHashMap<>();

    /** A record's place in time order. */
    private record TimeKey(Instant at, String key) implements Comparable<TimeKey> {
        static TimeKey of(ReceiptRecord r) {
            return new TimeKey(r.at(), r.key().value());
        }

        @Override
        public int compareTo(TimeKey o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private InMemoryProgramStore() {
    }

    /**
     * Returns a new, empty store.
     *
     * @return the store
     */
    public static InMemoryProgramStore create() {
        return new InMemoryProgramStore();
    }

    @Override
    public Optional<MemberRecord> member(MemberId member) {
        return Optional.ofNullable(members.get(Objects.requireNonNull(member, "member must not be null")));
    }

    @Override
    public Optional<ReceiptRecord> receipt(IdempotencyKey key) {
        return Optional.ofNullable(receipts.get(Objects.requireNonNull(key, "key must not be null")));
    }

    @Override
    public Optional<ReturnState> returns(IdempotencyKey purchase) {
        return Optional.ofNullable(returns.get(Objects.requireNonNull(purchase, "purchase must not be null")));
    }

    @Override
    public Optional<String> claimKey(IdempotencyKey key, String use) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(use, "use must not be null");
        return Optional.ofNullable(keyUses.putIfAbsent(key, use));
    }

    @Override
    public void withdrawKey(IdempotencyKey key, String use) {
        keyUses.remove(Objects.requireNonNull(key, "key must not be null"), Objects.requireNonNull(use, "use"));
    }

    @Override
    public Optional<IdempotencyKey> tieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        Objects.requireNonNull(redemption, "redemption must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        synchronized (ties) {
            IdempotencyKey first = ties.putIfAbsent(redemption, purchase);
            if (first == null) {
                tiedTo.computeIfAbsent(purchase, p -> new java.util.TreeMap<>()).put(redemption.value(), redemption);
            }
            return Optional.ofNullable(first);
        }
    }

    @Override
    public void untieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        Objects.requireNonNull(redemption, "redemption must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        synchronized (ties) {
            if (ties.remove(redemption, purchase)) {
                java.util.SortedMap<String, IdempotencyKey> tied = tiedTo.get(purchase);
                tied.remove(redemption.value());
                if (tied.isEmpty()) {
                    tiedTo.remove(purchase);
                }
            }
        }
    }

    @Override
    public List<IdempotencyKey> redemptionsFor(IdempotencyKey purchase) {
        Objects.requireNonNull(purchase, "purchase must not be null");
        synchronized (ties) {
            java.util.SortedMap<String, IdempotencyKey> tied = tiedTo.get(purchase);
            return tied == null ? List.of() : List.copyOf(tied.values());
        }
    }

    @Override
    public synchronized CommitResult commit(ProgramCommit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        MemberRecord m = commit.member();
        if (m != null) {
            MemberRecord stored = members.get(m.member());
            if ((stored == null ? 0 : stored.version()) != m.version() - 1) {
                return CommitResult.STALE;
            }
        }
        ReturnState r = commit.returns();
        if (r != null) {
            ReturnState stored = returns.get(r.purchase());
            if ((stored == null ? 0 : stored.version()) != r.version() - 1) {
                return CommitResult.STALE;
            }
        }
        ReceiptRecord insert = commit.insert();
        if (insert != null && receipts.containsKey(insert.key())) {
            return CommitResult.DUPLICATE_KEY;
        }
        if (m != null) {
            members.put(m.member(), m);
        }
        if (r != null) {
            returns.put(r.purchase(), r);
        }
        if (commit.remove() != null) {
            ReceiptRecord removed = receipts.remove(commit.remove());
            if (removed != null) {
                byTime.remove(TimeKey.of(removed));
                unindex(removed.member(), removed.key());
            }
        }
        if (insert != null) {
            receipts.put(insert.key(), insert);
            byTime.put(TimeKey.of(insert), insert.key());
            byMember.computeIfAbsent(insert.member(), k -> ConcurrentHashMap.newKeySet()).add(insert.key());
        }
        return CommitResult.APPLIED;
    }

    /** Drops a record's key from its member's index, and the member's entry with its last key. */
    private void unindex(MemberId member, IdempotencyKey key) {
        byMember.computeIfPresent(member, (m, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }

    /** {@inheritDoc} Reads the member's records through an index by member: costs their number, not the store's. */
    @Override
    public List<ReceiptRecord> records(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        List<ReceiptRecord> out = new ArrayList<>();
        for (IdempotencyKey key : byMember.getOrDefault(member, Set.of())) {
            ReceiptRecord r = receipts.get(key);
            if (r != null && r.member().equals(member)) {
                out.add(r);
            }
        }
        out.sort(OLDEST_FIRST);
        return out;
    }

    /** {@inheritDoc} Reads an index kept in time order: a page costs its size, not the store's. */
    @Override
    public List<ReceiptRecord> recordsByTime(Instant from, Instant to, ReceiptRecord after, int limit) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        List<ReceiptRecord> out = new ArrayList<>(Math.min(limit, 1024));
        if (!from.isBefore(to)) {
            return out;
        }
        TimeKey start = new TimeKey(from, "");
        NavigableMap<TimeKey, IdempotencyKey> tail = after == null || TimeKey.of(after).compareTo(start) < 0
                ? byTime.tailMap(start, true) : byTime.tailMap(TimeKey.of(after), false);
        for (Map.Entry<TimeKey, IdempotencyKey> e : tail.entrySet()) {
            if (out.size() == limit || !e.getKey().at().isBefore(to)) {
                break;
            }
            ReceiptRecord r = receipts.get(e.getValue());
            if (r != null) { // removed in between
                out.add(r);
            }
        }
        return out;
    }

    /**
     * {@inheritDoc} Walks the period's records by the index kept in time order, reading each return's
     * purchase from the map of records: the cost is the period's records, not the store's.
     */
    @Override
    public ProgramActivity activity(Instant from, Instant to) {
        ActivityTally.period(from, to);
        ActivityTally tally = new ActivityTally(key -> Optional.ofNullable(receipts.get(key)));
        for (IdempotencyKey key : byTime.subMap(new TimeKey(from, ""), true, new TimeKey(to, ""), false).values()) {
            ReceiptRecord r = receipts.get(key);
            if (r != null) { // removed in between
                tally.add(r);
            }
        }
        return tally.report(from, to);
    }

    /** {@inheritDoc} Moves the member's records (found through the index by member) under the lock that commits take. */
    @Override
    public synchronized boolean pseudonymise(MemberId from, MemberId to) {
        Objects.requireNonNull(from, "member must not be null");
        Objects.requireNonNull(to, "pseudonym must not be null");
        MemberRecord record = members.get(from);
        if (record != null && members.containsKey(to)) {
            throw new IllegalStateException("program store holds a member record under " + to + " already; a member"
                    + " is moved only to an unused id");
        }
        boolean moved = false;
        for (ReceiptRecord r : records(from)) {
            receipts.put(r.key(), r.pseudonymised(to));
            unindex(from, r.key());
            byMember.computeIfAbsent(to, k -> ConcurrentHashMap.newKeySet()).add(r.key());
            moved = true;
        }
        if (record != null) {
            members.put(to, record.pseudonymised(to));
            members.remove(from);
            moved = true;
        }
        return moved;
    }

    /** {@inheritDoc} Goes through every record the store holds, under the lock that commits take. */
    @Override
    public synchronized long dropPersonalData(Instant before) {
        Objects.requireNonNull(before, "instant must not be null");
        long changed = 0;
        for (ReceiptRecord r : receipts.values()) {
            if (r.at().isBefore(before) && r.holdsPersonalData()) {
                receipts.put(r.key(), r.withoutPersonalData());
                changed++;
            }
        }
        return changed;
    }

    private static final Comparator<ReceiptRecord> OLDEST_FIRST =
            Comparator.comparing(ReceiptRecord::at).thenComparing(r -> r.key().value());
}
