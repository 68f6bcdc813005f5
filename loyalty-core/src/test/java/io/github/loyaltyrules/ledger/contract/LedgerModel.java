package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.ReservationNotOpenException;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.UnknownPostingException;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive reference model of the ledger for one currency, with every member's lots in
 * plain lists: what a balance, a lot and a posting should be after each operation, written as
 * directly as possible, to check the real ledger against in the stateful property test.
 *
 * <p>Business time is always the model's "now", which only moves forward.
 */
final class LedgerModel {

    /** Thrown by the model where the ledger must reject an operation; names the exception expected. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Class<? extends LoyaltyException> expected;

        Rejected(Class<? extends LoyaltyException> expected) {
            super(expected.getSimpleName(), null, false, false);
            this.expected = expected;
        }
    }

    static final class MLot {
        final long id;
        final long original;
        long remaining;
        final Instant earnedAt;
        final Instant availableAt;
        final Instant expiresAt;

        MLot(long id, long original, Instant earnedAt, Instant availableAt, Instant expiresAt) {
            this.id = id;
            this.original = original;
            this.remaining = original;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
        }
    }

    static final class MReservation {
        final String member;
        final long amount;
        final Instant deadline;
        final Map<Long, Long> holds;
        boolean open = true;

        MReservation(String member, long amount, Instant deadline, Map<Long, Long> holds) {
            this.member = member;
            this.amount = amount;
            this.deadline = deadline;
            this.holds = holds;
        }
    }

    /** What a posting did, as the model needs it for a later reversal. */
    static final class MPosting {
        final PostingType type;
        final String member;
        final String counterparty;
        final long amount;
        final Instant at;
        /** For credits: lots created (for a transfer, the receiver's). For debits: lot -> amount taken, in order. */
        final List<long[]> lots = new ArrayList<>();
        long reversed;
        final Map<Long, Long> returned = new HashMap<>();

        MPosting(PostingType type, String member, String counterparty, long amount, Instant at) {
            this.type = type;
            this.member = member;
            this.counterparty = counterparty;
            this.amount = amount;
            this.at = at;
        }
    }

    static final class MMember {
        AccountStatus status = AccountStatus.ACTIVE;
        final List<MLot> lots = new ArrayList<>();
        long debt;
        long nextLot = 1;
    }

    final ZoneId zone;
    final ExpiryPolicy expiry;
    final java.time.Period hold;
    /** The currency's consumption order: soonest expiry first unless set. */
    io.github.loyaltyrules.ledger.ConsumptionOrder order = io.github.loyaltyrules.ledger.ConsumptionOrder.SOONEST_EXPIRY_FIRST;
    Instant now;
    final Map<String, MMember> members = new LinkedHashMap<>();
    final Map<String, MReservation> reservations = new LinkedHashMap<>();
    final Map<String, MPosting> postings = new LinkedHashMap<>();

    LedgerModel(ZoneId zone, ExpiryPolicy expiry, java.time.Period hold, Instant start) {
        this.zone = zone;
        this.expiry = expiry;
        this.hold = hold;
        this.now = start;
    }

    MMember member(String id) {
        MMember m = members.get(id);
        if (m == null) {
            throw new Rejected(UnknownMemberException.class);
        }
        return m;
    }

    void enrol(String id) {
        if (members.containsKey(id)) {
            throw new Rejected(MemberAlreadyEnrolledException.class);
        }
        members.put(id, new MMember());
    }

    private static void require(boolean ok, Class<? extends LoyaltyException> otherwise) {
        if (!ok) {
            throw new Rejected(otherwise);
        }
    }

    private void requireKeyNew(String key) {
        require(!postings.containsKey(key), IdempotencyConflictException.class);
    }

    private static void requireActive(MMember m) {
        require(m.status == AccountStatus.ACTIVE, AccountStatusException.class);
    }

    private static void requireOpen(MMember m) {
        require(m.status != AccountStatus.CLOSED, AccountStatusException.class);
    }

    long held(String member, long lot) {
        long sum = 0;
        for (MReservation r : reservations.values()) {
            if (r.member.equals(member) && r.open && r.deadline.isAfter(now)) {
                sum += r.holds.getOrDefault(lot, 0L);
            }
        }
        return sum;
    }

    long free(String member, MLot lot) {
        return Math.max(0, lot.remaining - held(member, lot.id));
    }

    private boolean expired(MLot lot) {
        return lot.expiresAt != null && !lot.expiresAt.isAfter(now);
    }

    /** Lots a spend may take, in the order it takes them. */
    private List<MLot> spendable(String member) {
        List<MLot> out = new ArrayList<>();
        for (MLot lot : member(member).lots) {
            if (free(member, lot) > 0 && !lot.availableAt.isAfter(now) && !expired(lot)) {
                out.add(lot);
            }
        }
        if (order == io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST) {
            out.sort(Comparator.comparing((MLot l) -> l.earnedAt).thenComparingLong(l -> l.id));
        } else {
            out.sort(Comparator.comparing((MLot l) -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(l -> l.earnedAt).thenComparingLong(l -> l.id));
        }
        return out;
    }

    long available(String member) {
        long sum = 0;
        for (MLot lot : spendable(member)) {
            sum += free(member, lot);
        }
        return sum;
    }

    long total(String member) {
        long sum = 0;
        for (MLot lot : member(member).lots) {
            sum += lot.remaining;
        }
        return sum;
    }

    long reserved(String member) {
        long sum = 0;
        for (MLot lot : member(member).lots) {
            sum += Math.min(lot.remaining, held(member, lot.id));
        }
        return sum;
    }

    /** Takes {@code amount} in the consumption order; returns lot id -> taken, in order. */
    private List<long[]> take(String member, long amount) {
        require(available(member) >= amount, InsufficientPointsException.class);
        List<long[]> taken = new ArrayList<>();
        long left = amount;
        for (MLot lot : spendable(member)) {
            if (left == 0) {
                break;
            }
            long t = Math.min(left, free(member, lot));
            taken.add(new long[] {lot.id, t});
            left -= t;
        }
        return taken;
    }

    private MLot lot(String member, long id) {
        for (MLot lot : member(member).lots) {
            if (lot.id == id) {
                return lot;
            }
        }
        throw new AssertionError("model has no lot " + id + " for " + member);
    }

    private MLot newLot(MMember m, long amount, Instant availableAt, Instant expiresAt) {
        MLot lot = new MLot(m.nextLot++, amount, now, availableAt, expiresAt);
        m.lots.add(lot);
        return lot;
    }

    private static void settle(MMember m, MLot lot) {
        long s = Math.min(m.debt, lot.remaining);
        m.debt -= s;
        lot.remaining -= s;
    }

    void credit(PostingType type, String member, long amount, String key) {
        credit(type, member, amount, key, expiry);
    }

    /** A credit under other expiry terms than the model's (the program changed them since). */
    void credit(PostingType type, String member, long amount, String key, ExpiryPolicy terms) {
        requireKeyNew(key);
        MMember m = member(member);
        if (type == PostingType.EARN) {
            requireActive(m);
        } else {
            requireOpen(m);
        }
        Instant availableAt = hold.isZero() ? now : now.atZone(zone).plus(hold).toInstant();
        MLot lot = newLot(m, amount, availableAt, terms.lotExpiry(now, zone).orElse(null));
        settle(m, lot);
        MPosting p = new MPosting(type, member, null, amount, now);
        p.lots.add(new long[] {lot.id, amount});
        postings.put(key, p);
    }

    void debit(PostingType type, String member, long amount, String key) {
        requireKeyNew(key);
        MMember m = member(member);
        if (type == PostingType.REDEEM) {
            requireActive(m);
        } else {
            requireOpen(m);
        }
        MPosting p = new MPosting(type, member, null, amount, now);
        for (long[] t : take(member, amount)) {
            lot(member, t[0]).remaining -= t[1];
            p.lots.add(t);
        }
        postings.put(key, p);
    }

    void reserve(String member, long amount, Duration ttl, String key) {
        requireKeyNew(key);
        requireActive(member(member));
        Map<Long, Long> holds = new LinkedHashMap<>();
        for (long[] t : take(member, amount)) {
            holds.put(t[0], t[1]);
        }
        reservations.put(key, new MReservation(member, amount, now.plus(ttl), holds));
        postings.put(key, new MPosting(PostingType.RESERVE, member, null, amount, now));
    }

    void closeReservation(boolean capture, String member, String reservation, String key) {
        requireKeyNew(key);
        MMember m = member(member);
        if (capture) {
            requireActive(m);
        } else {
            requireOpen(m);
        }
        MReservation r = reservations.get(reservation);
        require(r != null && r.member.equals(member), UnknownPostingException.class);
        require(r.open && r.deadline.isAfter(now), ReservationNotOpenException.class);
        r.open = false;
        MPosting p = new MPosting(capture ? PostingType.CAPTURE : PostingType.RELEASE, member, null, r.amount, now);
        if (capture) {
            for (Map.Entry<Long, Long> h : r.holds.entrySet()) {
                lot(member, h.getKey()).remaining -= h.getValue();
                p.lots.add(new long[] {h.getKey(), h.getValue()});
            }
        }
        postings.put(key, p);
    }

    void transfer(String from, String to, long amount, String key) {
        requireKeyNew(key);
        MMember sender = member(from);
        MMember receiver = member(to);
        requireActive(sender);
        requireActive(receiver);
        MPosting p = new MPosting(PostingType.TRANSFER, from, to, amount, now);
        List<MLot> created = new ArrayList<>();
        for (long[] t : take(from, amount)) {
            MLot source = lot(from, t[0]);
            source.remaining -= t[1];
            p.lots.add(t);
            created.add(newLot(receiver, t[1], now, source.expiresAt));
        }
        for (MLot lot : created) {
            settle(receiver, lot);
            p.lots.add(new long[] {-lot.id, lot.original});
        }
        postings.put(key, p);
    }

    /** Reverses {@code amount} of posting {@code target} (all that is left if amount is null). */
    void reverse(String member, String target, Long amount, String key) {
        MPosting p = postings.get(target);
        if (p == null || !p.member.equals(member)) {
            member(member);
            throw new Rejected(UnknownPostingException.class);
        }
        requireKeyNew(key);
        MMember m = member(member);
        requireOpen(m);
        boolean credit = p.type == PostingType.EARN || p.type == PostingType.ADJUST_CREDIT;
        boolean debit = p.type == PostingType.REDEEM || p.type == PostingType.ADJUST_DEBIT
                || p.type == PostingType.CAPTURE;
        require(credit || debit || p.type == PostingType.TRANSFER, InvalidReversalException.class);
        long reversible = p.amount - p.reversed;
        long x = amount == null ? reversible : amount;
        require(reversible > 0 && x <= reversible, InvalidReversalException.class);
        if (p.counterparty != null) {
            requireOpen(member(p.counterparty));
        }
        if (credit) {
            clawBack(member, List.of(p.lots.get(0)[0]), x);
        } else if (debit) {
            giveBack(member, p, p.lots, x);
        } else {
            List<Long> received = new ArrayList<>();
            List<long[]> taken = new ArrayList<>();
            for (long[] l : p.lots) {
                if (l[0] < 0) {
                    received.add(-l[0]);
                } else {
                    taken.add(l);
                }
            }
            clawBack(p.counterparty, received, x);
            giveBack(member, p, taken, x);
        }
        p.reversed += x;
        MPosting r = new MPosting(PostingType.REVERSAL, member, p.counterparty, x, now);
        postings.put(key, r);
    }

    private void clawBack(String member, List<Long> lots, long x) {
        long left = x;
        for (int i = lots.size() - 1; i >= 0 && left > 0; i--) {
            MLot lot = lot(member, lots.get(i));
            long c = Math.min(left, free(member, lot));
            lot.remaining -= c;
            left -= c;
        }
        member(member).debt += left;
    }

    private void giveBack(String member, MPosting p, List<long[]> taken, long x) {
        long left = x;
        for (int i = taken.size() - 1; i >= 0 && left > 0; i--) {
            long[] t = taken.get(i);
            long open = t[1] - p.returned.getOrDefault(t[0], 0L);
            long g = Math.min(left, open);
            if (g > 0) {
                lot(member, t[0]).remaining += g;
                p.returned.merge(t[0], g, Long::sum);
                left -= g;
            }
        }
        if (left != 0) {
            throw new AssertionError("model could not give back " + left);
        }
    }

    /** The expiry sweep at "now"; returns the amount written off. */
    long expire() {
        long sum = 0;
        for (Map.Entry<String, MMember> e : members.entrySet()) {
            if (e.getValue().status == AccountStatus.CLOSED) {
                continue;
            }
            for (MLot lot : e.getValue().lots) {
                long f = free(e.getKey(), lot);
                if (f > 0 && expired(lot)) {
                    lot.remaining -= f;
                    sum += f;
                }
            }
        }
        return sum;
    }

    void status(String member, AccountStatus to) {
        MMember m = member(member);
        boolean ok;
        switch (to) {
            case SUSPENDED:
                ok = m.status == AccountStatus.ACTIVE;
                break;
            case ACTIVE:
                ok = m.status == AccountStatus.SUSPENDED;
                break;
            default:
                ok = m.status != AccountStatus.CLOSED;
        }
        require(ok, AccountStatusException.class);
        m.status = to;
    }
}
