package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.Reversed;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.spi.PendingDowngrade;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierAssignment;
import io.github.loyaltyrules.tier.spi.TierState;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form in which schema 1 kept books and postings in their table rows (read by the
 * migration to schema 2), and in which the tier store keeps its state: a sequence of fields,
 * strings as {@code length:chars}, numbers as {@code digits;}, absent values as {@code ~}. It is
 * exact (instants keep their nanoseconds), order-stable and needs no escaping.
 *
 * <p>Format 2 (written) stores an instant as its epoch second, followed by {@code .nanos} if
 * the nano-of-second is not zero, then {@code ;}. Format 1 (still read) stored instants as
 * ISO-8601 strings.
 */
final class Codec {

    /** Format version, written first, so that a later format can still read old rows. */
    private static final long FORMAT = 2;

    /** The oldest format still read: instants as ISO-8601 strings. */
    private static final long FORMAT_ISO_INSTANTS = 1;

    private static final AccountStatus[] ACCOUNT_STATUSES = AccountStatus.values();
    private static final PostingType[] POSTING_TYPES = PostingType.values();
    private static final EntryType[] ENTRY_TYPES = EntryType.values();
    private static final ReservationStatus[] RESERVATION_STATUSES = ReservationStatus.values();
    private static final ChangeCause[] CHANGE_CAUSES = ChangeCause.values();

    private Codec() {
    }

    // ------------------------------------------------------------------ writing

    private static final class Out extends TextFields.Writer<Out> {
        Out() {
            this(256);
        }

        Out(int capacity) {
            super(capacity);
        }

        @Override
        Out self() {
            return this;
        }

        Out instant(Instant i) {
            if (i == null) {
                sb.append('~');
            } else {
                sb.append(i.getEpochSecond());
                int nanos = i.getNano();
                if (nanos != 0) {
                    sb.append('.').append(nanos);
                }
                sb.append(';');
            }
            return this;
        }

        Out key(IdempotencyKey k) {
            return str(k == null ? null : k.value());
        }

        Out member(MemberId m) {
            return str(m == null ? null : m.value());
        }

        Out moves(List<LotMovement> moves) {
            num(moves.size());
            for (LotMovement m : moves) {
                num(m.lot().value()).num(m.delta()).num(m.heldDelta());
            }
            return this;
        }
    }

    /**
     * A member's book as schema 1 kept it in {@code loyalty_member.book}: every lot (spent ones
     * too), every reservation and the reversal records. Read by the migration to schema 2.
     */
    record V1Book(Account account, long version, long nextLot, long nextEntry, List<V1Purse> purses,
            Map<IdempotencyKey, Reservation> reservations, Map<IdempotencyKey, Reversed> reversed) {
    }

    /** One currency of a {@link V1Book}: all its lots, in creation order. */
    record V1Purse(String currency, long debt, Instant lastActivity, List<Lot> lots) {
    }

    static String book(V1Book b) {
        int size = 128 + 96 * b.reservations().size() + 48 * b.reversed().size();
        for (V1Purse p : b.purses()) {
            size += 64 + 112 * p.lots().size();
        }
        Out o = new Out(size).num(FORMAT);
        Account a = b.account();
        o.member(a.member()).str(a.status().name()).instant(a.enrolledAt()).instant(a.statusSince()).str(a.statusReason());
        o.num(b.version()).num(b.nextLot()).num(b.nextEntry());
        o.num(b.purses().size());
        for (V1Purse p : b.purses()) {
            o.str(p.currency()).num(p.debt()).instant(p.lastActivity()).num(p.lots().size());
            for (Lot l : p.lots()) {
                o.num(l.id().value()).str(l.currency()).num(l.original()).num(l.remaining()).instant(l.earnedAt())
                        .instant(l.availableAt()).instant(l.expiresAt()).key(l.source()).instant(l.lastMovementAt());
            }
        }
        o.num(b.reservations().size());
        for (Reservation r : b.reservations().values()) {
            o.key(r.key()).member(r.member()).str(r.currency()).num(r.amount()).instant(r.createdAt())
                    .instant(r.deadline()).str(r.status().name()).instant(r.closedAt()).moves(r.allocations());
        }
        o.num(b.reversed().size());
        for (Map.Entry<IdempotencyKey, Reversed> e : b.reversed().entrySet()) {
            o.key(e.getKey()).num(e.getValue().amount()).num(e.getValue().lots().size());
            for (Map.Entry<LotId, Long> l : e.getValue().lots().entrySet()) {
                o.num(l.getKey().value()).num(l.getValue());
            }
        }
        return o.sb.toString();
    }

    static String posting(Posting p) {
        Out o = new Out().num(FORMAT);
        o.key(p.key()).str(p.type().name()).member(p.member()).member(p.counterparty()).str(p.currency()).num(p.amount())
                .instant(p.at()).str(p.reason()).key(p.target()).str(p.fingerprint()).num(p.entries().size());
        for (Entry e : p.entries()) {
            entry(o, e);
        }
        return o.sb.toString();
    }

    static String entry(Entry e) {
        return entry(new Out().num(FORMAT), e).sb.toString();
    }

    private static Out entry(Out o, Entry e) {
        return o.num(e.sequence()).key(e.posting()).str(e.postingType().name()).str(e.type().name()).member(e.member())
                .str(e.currency()).num(e.amount()).num(e.heldDelta()).num(e.debtDelta()).instant(e.at()).str(e.reason())
                .moves(e.lots());
    }

    // ------------------------------------------------------------------ reading

    private static final class In extends TextFields.Reader {
        long format;

        In(String s) {
            super(s);
        }

        /** Reads a string, returning {@code known} itself (no copy) if the stored string equals it. */
        String str(String known) {
            if (known == null || s.charAt(pos) == '~') {
                return str();
            }
            int colon = s.indexOf(':', pos);
            int len = Integer.parseInt(s, pos, colon, 10);
            if (len == known.length() && s.regionMatches(colon + 1, known, 0, len)) {
                pos = colon + 1 + len;
                return known;
            }
            return str();
        }

        /** Reads an enum constant's name without copying it out of the text. */
        <E extends Enum<E>> E constant(E[] values) {
            int colon = s.indexOf(':', pos);
            int len = Integer.parseInt(s, pos, colon, 10);
            for (E e : values) {
                String name = e.name();
                if (name.length() == len && s.regionMatches(colon + 1, name, 0, len)) {
                    pos = colon + 1 + len;
                    return e;
                }
            }
            throw new IllegalStateException("stored row has an unknown " + values.getClass().getComponentType()
                    .getSimpleName() + " '" + s.substring(colon + 1, colon + 1 + len) + "'");
        }

        Instant instant() {
            if (format == FORMAT_ISO_INSTANTS) {
                String t = str();
                return t == null ? null : Instant.parse(t);
            }
            if (s.charAt(pos) == '~') {
                pos++;
                return null;
            }
            int end = pos;
            char c;
            while ((c = s.charAt(end)) != ';' && c != '.') {
                end++;
            }
            long seconds = Long.parseLong(s, pos, end, 10);
            long nanos = 0;
            if (c == '.') {
                int semi = s.indexOf(';', end);
                nanos = Integer.parseInt(s, end + 1, semi, 10);
                end = semi;
            }
            pos = end + 1;
            return Instant.ofEpochSecond(seconds, nanos);
        }

        IdempotencyKey key(IdempotencyKey known) {
            if (known != null && s.charAt(pos) != '~') {
                String k = str(known.value());
                return k == known.value() ? known : new IdempotencyKey(k);
            }
            return key();
        }

        MemberId member(MemberId known) {
            if (known != null && s.charAt(pos) != '~') {
                String m = str(known.value());
                return m == known.value() ? known : new MemberId(m);
            }
            return member();
        }

        IdempotencyKey key() {
            String k = str();
            return k == null ? null : new IdempotencyKey(k);
        }

        MemberId member() {
            String m = str();
            return m == null ? null : new MemberId(m);
        }

        List<LotMovement> moves() {
            int n = count();
            List<LotMovement> moves = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                moves.add(new LotMovement(LotId.of(num()), num(), num()));
            }
            return moves;
        }

        In format() {
            long f = num();
            if (f != FORMAT && f != FORMAT_ISO_INSTANTS) {
                throw new IllegalStateException("stored row has format " + f + "; this version reads formats "
                        + FORMAT_ISO_INSTANTS + " to " + FORMAT);
            }
            format = f;
            return this;
        }

        void end() {
            if (pos != s.length()) {
                throw new IllegalStateException("stored row has " + (s.length() - pos) + " characters past its end");
            }
        }
    }

    static V1Book book(String text) {
        In in = new In(text).format();
        MemberId member = in.member();
        Account account = new Account(member, in.constant(ACCOUNT_STATUSES), in.instant(), in.instant(), in.str());
        long version = in.num();
        long nextLot = in.num();
        long nextEntry = in.num();
        List<V1Purse> purses = new ArrayList<>();
        for (int i = in.count(); i > 0; i--) {
            String currency = in.str();
            long debt = in.num();
            Instant lastActivity = in.instant();
            int n = in.count();
            List<Lot> lots = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                lots.add(new Lot(LotId.of(in.num()), in.str(currency), in.num(), in.num(), in.instant(), in.instant(),
                        in.instant(), in.key(), in.instant()));
            }
            purses.add(new V1Purse(currency, debt, lastActivity, List.copyOf(lots)));
        }
        Map<IdempotencyKey, Reservation> reservations = new HashMap<>();
        for (int i = in.count(); i > 0; i--) {
            Reservation r = new Reservation(in.key(), in.member(member), in.str(), in.num(), in.instant(), in.instant(),
                    in.constant(RESERVATION_STATUSES), in.instant(), in.moves());
            reservations.put(r.key(), r);
        }
        Map<IdempotencyKey, Reversed> reversed = new HashMap<>();
        for (int i = in.count(); i > 0; i--) {
            IdempotencyKey key = in.key();
            long amount = in.num();
            Map<LotId, Long> lots = new HashMap<>();
            for (int j = in.count(); j > 0; j--) {
                lots.put(LotId.of(in.num()), in.num());
            }
            reversed.put(key, new Reversed(amount, lots));
        }
        in.end();
        return new V1Book(account, version, nextLot, nextEntry, List.copyOf(purses), Map.copyOf(reservations),
                Map.copyOf(reversed));
    }

    static Posting posting(String text) {
        In in = new In(text).format();
        IdempotencyKey key = in.key();
        PostingType type = in.constant(POSTING_TYPES);
        MemberId member = in.member();
        MemberId counterparty = in.member();
        String currency = in.str();
        long amount = in.num();
        Instant at = in.instant();
        String reason = in.str();
        IdempotencyKey target = in.key();
        String fingerprint = in.str();
        int n = in.count();
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(entry(in, key, member, currency));
        }
        in.end();
        return new Posting(key, type, member, counterparty, currency, amount, at, reason, target, fingerprint, entries);
    }

    static Entry entry(String text) {
        In in = new In(text).format();
        Entry e = entry(in, null, null, null);
        in.end();
        return e;
    }

    private static Entry entry(In in, IdempotencyKey posting, MemberId member, String currency) {
        return new Entry(in.num(), in.key(posting), in.constant(POSTING_TYPES), in.constant(ENTRY_TYPES),
                in.member(member), in.str(currency), in.num(), in.num(), in.num(), in.instant(), in.str(), in.moves());
    }

    // ------------------------------------------------------------------ tier state (always format 2)

    static String tierState(TierState t) {
        Out o = new Out(160 + 96 * t.activities().size() + 128 * t.history().size()).num(FORMAT);
        o.member(t.member()).num(t.version()).num(t.enrolled().toEpochDay()).instant(t.clock());
        o.str(t.earned()).str(t.floor()).str(t.shown());
        PendingDowngrade p = t.pending();
        if (p == null) {
            o.str(null);
        } else {
            o.str(p.target()).instant(p.effective()).str(p.reason());
        }
        o.num(t.activities().size());
        for (TierActivity a : t.activities()) {
            o.str(a.metric()).num(a.amount()).instant(a.at()).instant(a.attributedAt()).instant(a.effectiveAt())
                    .key(a.key()).key(a.original());
        }
        o.num(t.assignments().size());
        for (TierAssignment a : t.assignments()) {
            o.str(a.tier()).instant(a.from()).instant(a.until()).str(a.reason()).key(a.key());
        }
        o.num(t.history().size());
        for (TierChange c : t.history()) {
            o.str(c.from()).str(c.to()).instant(c.at()).str(c.cause().name()).str(c.reason());
        }
        return o.sb.toString();
    }

    static TierState tierState(String text) {
        In in = new In(text).format();
        MemberId member = in.member();
        long version = in.num();
        LocalDate enrolled = LocalDate.ofEpochDay(in.num());
        Instant clock = in.instant();
        String earned = in.str();
        String floor = in.str(earned);
        String shown = in.str(earned);
        String target = in.str();
        PendingDowngrade pending = target == null ? null : new PendingDowngrade(in.instant(), target, in.str());
        int n = in.count();
        List<TierActivity> activities = new ArrayList<>(n);
        String metric = null;
        for (int i = 0; i < n; i++) {
            metric = in.str(metric);
            activities.add(new TierActivity(metric, in.num(), in.instant(), in.instant(), in.instant(), in.key(),
                    in.key()));
        }
        n = in.count();
        List<TierAssignment> assignments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            assignments.add(new TierAssignment(in.str(), in.instant(), in.instant(), in.str(), in.key()));
        }
        n = in.count();
        List<TierChange> history = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            history.add(new TierChange(member, in.str(), in.str(), in.instant(), in.constant(CHANGE_CAUSES), in.str()));
        }
        in.end();
        return new TierState(member, version, enrolled, clock, earned, floor, shown, pending, activities, assignments,
                history);
    }
}
