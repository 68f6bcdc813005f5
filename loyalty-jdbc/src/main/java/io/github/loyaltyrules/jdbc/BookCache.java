package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The working sets (member row and purse balances, as {@link BookQuery#SQL_WITHOUT_LOTS} reads them)
 * of the members this store last wrote or read for a posting, so that the next posting of such a
 * member can be written without reading first: one round trip instead of two.
 *
 * <p>A cached working set may be stale (another server, or another store over the same tables, wrote
 * the member since), and it never says whether a posting's key was used. Neither can do harm: every
 * commit is gated on the member row's version and on the key's row of the idempotency index, so a
 * commit worked out from a stale book or under a used key writes nothing and the ledger reads again.
 * A member with reservations in its book is not cached, nor is anything of a store that writes in
 * its caller's transaction (a rollback there would leave the cache ahead of the database).
 *
 * <p>Two slots per member id, chosen by two hashes of it: a look-up costs at most two array reads,
 * a member displaces another only when both of its slots are taken, and the memory is bounded by
 * the number of slots, whatever the number of members.
 */
final class BookCache {

    /** Set by the tests: every cached book handed out is first compared with a fresh read. */
    private static final boolean VERIFY = Boolean.getBoolean("loyalty.jdbc.verifyCachedBooks");

    /** A cache that holds nothing. */
    static final BookCache NONE = new BookCache(0, false);

    private final AtomicReferenceArray<MemberBook> slots;
    private final int mask;
    private final boolean verify;

    private BookCache(int size, boolean verify) {
        this.slots = size == 0 ? null : new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.verify = verify;
    }

    /**
     * A cache of at least {@code members} slots (rounded up to a power of two); none for 0.
     *
     * @throws IllegalArgumentException if {@code members} is negative or over 2^24
     */
    static BookCache of(int members) {
        return of(members, VERIFY);
    }

    /** As {@link #of(int)}, checking each book it hands out against a fresh read if {@code verify}. */
    static BookCache of(int members, boolean verify) {
        if (members < 0 || members > 1 << 24) {
            throw new IllegalArgumentException("working-set cache size must be 0 to " + (1 << 24) + " members; got "
                    + members);
        }
        return members == 0 ? NONE : new BookCache(Integer.highestOneBit(Math.max(1, members - 1)) << 1, verify);
    }

    /** Whether a book handed out is to be compared with a fresh read first (in the tests). */
    boolean verifies() {
        return verify;
    }

    /** Whether this cache holds anything at all. */
    boolean enabled() {
        return slots != null;
    }

    /** The number of slots. */
    int size() {
        return slots == null ? 0 : slots.length();
    }

    /** The member's cached working set, or null. */
    MemberBook get(MemberId member) {
        if (slots == null) {
            return null;
        }
        int h = member.value().hashCode();
        MemberBook book = slots.get(first(h));
        if (book != null && book.account().member().equals(member)) {
            return book;
        }
        book = slots.get(second(h));
        return book != null && book.account().member().equals(member) ? book : null;
    }

    /**
     * Keeps a member's working set as the database now holds it (one the store just read or wrote),
     * unless the slot holds a newer version of the same member; a book that cannot be cached
     * evicts the member instead.
     */
    void put(MemberBook book) {
        if (slots == null) {
            return;
        }
        MemberBook kept = cacheable(book);
        if (kept == null) {
            evict(book.account().member());
            return;
        }
        MemberId member = kept.account().member();
        int h = member.value().hashCode();
        while (true) {
            int i = first(h);
            MemberBook now = slots.get(i);
            if (now == null || !now.account().member().equals(member)) {
                int j = second(h);
                MemberBook other = slots.get(j);
                if (other != null && other.account().member().equals(member) || now != null && other == null) {
                    // the member is in its second slot, or that one is free and the first is not
                    i = j;
                    now = other;
                }
            }
            if (now != null && now.account().member().equals(member) && now.version() >= kept.version()) {
                return;
            }
            if (slots.compareAndSet(i, now, kept)) {
                return;
            }
        }
    }

    /** Forgets a member's working set, if it is cached. */
    void evict(MemberId member) {
        if (slots == null) {
            return;
        }
        int h = member.value().hashCode();
        for (int i : new int[] {first(h), second(h)}) {
            MemberBook now = slots.get(i);
            while (now != null && now.account().member().equals(member) && !slots.compareAndSet(i, now, null)) {
                now = slots.get(i);
            }
        }
    }

    private int first(int h) {
        return (h ^ (h >>> 16)) & mask;
    }

    private int second(int h) {
        int x = h * 0x9E3779B9;
        return (x ^ (x >>> 15)) & mask;
    }

    /**
     * The book as a read of {@link BookQuery#SQL_WITHOUT_LOTS} would return it after the commit that
     * wrote it: purses without their lots, times to the microsecond (what the columns keep); null
     * if the member has reservations in its book (they are not worth keeping in step).
     */
    static MemberBook cacheable(MemberBook book) {
        if (!book.reservations().isEmpty()) {
            return null;
        }
        Account a = book.account();
        Account account = exact(a.enrolledAt()) && exact(a.statusSince()) ? a
                : new Account(a.member(), a.status(), micros(a.enrolledAt()), micros(a.statusSince()), a.statusReason());
        boolean same = account == a;
        for (Purse p : book.purses().values()) {
            same &= !p.lotsRead() && exact(p.lastActivity()) && exact(p.expiryHeldSince());
        }
        if (same) {
            return book;
        }
        Map<String, Purse> purses = new HashMap<>(book.purses().size() * 2);
        for (Purse p : book.purses().values()) {
            purses.put(p.currency(), Purse.withoutLots(p.currency(), p.balance(), p.debt(), micros(p.lastActivity()),
                    micros(p.expiryHeldSince())));
        }
        return new MemberBook(account, book.version(), book.nextLot(), book.nextEntry(), purses, Map.of());
    }

    /**
     * Whether two working sets hold the same: the member row and each purse's balance, debt and
     * times (a purse's lots are not compared: a working set does not read them).
     */
    static boolean sameWorkingSet(MemberBook a, MemberBook b) {
        if (!a.account().equals(b.account()) || a.version() != b.version() || a.nextLot() != b.nextLot()
                || a.nextEntry() != b.nextEntry() || !a.purses().keySet().equals(b.purses().keySet())
                || !a.reservations().equals(b.reservations())) {
            return false;
        }
        for (Purse p : a.purses().values()) {
            Purse q = b.purses().get(p.currency());
            if (p.balance() != q.balance() || p.debt() != q.debt() || !Objects.equals(p.lastActivity(), q.lastActivity())
                    || !Objects.equals(p.expiryHeldSince(), q.expiryHeldSince())) {
                return false;
            }
        }
        return true;
    }

    private static boolean exact(Instant t) {
        return t == null || t.getNano() % 1_000 == 0;
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
