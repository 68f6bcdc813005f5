package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The hand-written minimum of a points ledger, which {@link LedgerFloorBenchmarks} compares the real
 * {@link io.github.loyaltyrules.ledger.Ledger} with: a hash map from member to a book holding the
 * balance and an array of lots, each the points it still has, oldest first. Earn appends a lot;
 * redeem takes from the oldest lots on and returns what it took; reverse gives exactly that back.
 *
 * <p>Nothing else: one currency, no business times, no expiry, no idempotency keys, no entries, no
 * history, no validation beyond the balance, one thread. Spent lots at the front are dropped when
 * the array is full and they are at least half of it, so a member's memory follows their open lots.
 */
final class LedgerFloor {

    /** One member: the balance and the lots. */
    private static final class Book {
        long balance;
        /** What each lot still has, oldest first; entries from {@link #size} on are unused. */
        long[] lots = new long[4];
        /** Lots before this index have nothing left. */
        int first;
        int size;
        /** The number of the lot at index 0 (lots dropped before it keep their numbers). */
        long base;
    }

    /**
     * What one redemption took: {@code amounts[i]} points from lot number {@code firstLot + i}.
     *
     * @param firstLot the number of the first lot taken from (lot numbers count earns from 0)
     * @param amounts the points taken from each lot in turn; a restored hole may give 0
     */
    record Taken(long firstLot, long[] amounts) {
    }

    private final Map<MemberId, Book> books = new HashMap<>();

    /**
     * Opens an empty book for a member.
     *
     * @param member the member
     * @throws IllegalStateException if the member has a book already
     */
    void enrol(MemberId member) {
        if (books.putIfAbsent(member, new Book()) != null) {
            throw new IllegalStateException("member " + member + " is enrolled already");
        }
    }

    /**
     * Earns points as a new lot.
     *
     * @param member the member
     * @param points the points; positive
     * @return the number of the new lot
     * @throws IllegalArgumentException if {@code points} is not positive
     * @throws ArithmeticException if the balance would overflow
     */
    long earn(MemberId member, long points) {
        positive(points);
        Book b = book(member);
        long balance = Math.addExact(b.balance, points);
        if (b.size == b.lots.length) {
            if (b.first > 0 && b.first >= b.size / 2) {
                System.arraycopy(b.lots, b.first, b.lots, 0, b.size - b.first);
                b.base += b.first;
                b.size -= b.first;
                b.first = 0;
            } else {
                b.lots = Arrays.copyOf(b.lots, b.size * 2);
            }
        }
        b.lots[b.size++] = points;
        b.balance = balance;
        return b.base + b.size - 1;
    }

    /**
     * Redeems points from the oldest lots on.
     *
     * @param member the member
     * @param points the points; positive, at most the balance
     * @return what was taken from which lots, for {@link #reverse}
     * @throws IllegalArgumentException if {@code points} is not positive
     * @throws IllegalStateException if the balance is smaller
     */
    Taken redeem(MemberId member, long points) {
        positive(points);
        Book b = book(member);
        if (points > b.balance) {
            throw new IllegalStateException("member " + member + " has " + b.balance + " points; redeeming " + points);
        }
        int n = 0;
        for (long left = points; left > 0; n++) {
            left -= Math.min(left, b.lots[b.first + n]);
        }
        long[] amounts = new long[n];
        long left = points;
        for (int i = 0; i < n; i++) {
            long take = Math.min(left, b.lots[b.first + i]);
            b.lots[b.first + i] -= take;
            amounts[i] = take;
            left -= take;
        }
        Taken taken = new Taken(b.base + b.first, amounts);
        b.balance -= points;
        skipSpent(b);
        return taken;
    }

    /**
     * Gives back exactly what a redemption took. Reverse each redemption at most once, and before
     * later earns have dropped its lots (the floor keeps no record to refuse either).
     *
     * @param member the member the redemption was for
     * @param taken what {@link #redeem} returned
     * @throws IllegalStateException if the lots taken from are no longer kept
     */
    void reverse(MemberId member, Taken taken) {
        Book b = book(member);
        long from = taken.firstLot() - b.base;
        if (from < 0) {
            throw new IllegalStateException("lot " + taken.firstLot() + " of member " + member + " was dropped");
        }
        long[] amounts = taken.amounts();
        long sum = 0;
        for (int i = 0; i < amounts.length; i++) {
            b.lots[(int) from + i] += amounts[i];
            sum += amounts[i];
        }
        b.balance = Math.addExact(b.balance, sum);
        b.first = Math.min(b.first, (int) from);
        skipSpent(b);
    }

    /**
     * Returns a member's balance.
     *
     * @param member the member
     * @return the points
     */
    long balance(MemberId member) {
        return book(member).balance;
    }

    /**
     * Returns what each of a member's open lots (those with points left) still has, oldest first.
     *
     * @param member the member
     * @return the remaining points per open lot
     */
    long[] openLots(MemberId member) {
        Book b = book(member);
        return Arrays.stream(b.lots, b.first, b.size).filter(p -> p > 0).toArray();
    }

    private static void skipSpent(Book b) {
        while (b.first < b.size && b.lots[b.first] == 0) {
            b.first++;
        }
    }

    private Book book(MemberId member) {
        Book b = books.get(member);
        if (b == null) {
            throw new IllegalStateException("member " + member + " is not enrolled");
        }
        return b;
    }

    private static void positive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive; got " + points);
        }
    }
}
