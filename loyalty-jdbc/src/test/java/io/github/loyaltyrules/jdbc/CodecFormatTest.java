package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The codec writes format 2 (instants as epoch seconds) and still reads rows written in format 1. */
class CodecFormatTest {

    private static final MemberId ANN = new MemberId("ann");
    private static final MemberId BOB = new MemberId("bob");
    private static final IdempotencyKey EARN = new IdempotencyKey("earn-1");
    private static final IdempotencyKey RESERVE = new IdempotencyKey("reserve-1");
    private static final IdempotencyKey REDEEM = new IdempotencyKey("redeem-1");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T_NANOS = Instant.parse("2026-02-03T04:05:06.123456789Z");
    private static final Instant T_BEFORE_EPOCH = Instant.parse("1969-12-31T23:59:58.5Z");

    static Codec.V1Book book() {
        Lot spent = new Lot(LotId.of(1), "PTS", 100, 0, T0, T0, null, EARN, T_NANOS);
        Lot held = new Lot(LotId.of(2), "PTS", 50, 50, T_BEFORE_EPOCH, T0, T0.plusSeconds(86_400 * 365), EARN, T0);
        Lot miles = new Lot(LotId.of(3), "MILES", 7, 7, T_NANOS, T_NANOS, null, REDEEM, T_NANOS);
        Reservation open = new Reservation(RESERVE, ANN, "PTS", 20, T0, T0.plusSeconds(3600), ReservationStatus.OPEN,
                null, List.of(new LotMovement(LotId.of(2), 0, 20)));
        Reservation captured = new Reservation(new IdempotencyKey("reserve-2"), ANN, "PTS", 5, T0, T_NANOS,
                ReservationStatus.CAPTURED, T_NANOS, List.of(new LotMovement(LotId.of(1), -5, -5)));
        return new Codec.V1Book(new Account(ANN, AccountStatus.SUSPENDED, T_BEFORE_EPOCH, T_NANOS, "fraud check"), 9, 4,
                17,
                List.of(new Codec.V1Purse("MILES", 0, null, List.of(miles)),
                        new Codec.V1Purse("PTS", 3, T_NANOS, List.of(spent, held))),
                Map.of(RESERVE, open, captured.key(), captured),
                Map.of(REDEEM, new Reversed(30, Map.of(LotId.of(1), 30L)), EARN, new Reversed(4, Map.of())));
    }

    static Posting posting() {
        Entry out = new Entry(5, REDEEM, PostingType.TRANSFER, EntryType.TRANSFER_OUT, ANN, "PTS", -10, 0, 0, T_NANOS,
                "gift", List.of(new LotMovement(LotId.of(2), -10, 0)));
        Entry in = new Entry(2, REDEEM, PostingType.TRANSFER, EntryType.TRANSFER_IN, BOB, "PTS", 10, 0, 0, T_NANOS,
                "gift", List.of(new LotMovement(LotId.of(1), 10, 0)));
        return new Posting(REDEEM, PostingType.TRANSFER, ANN, BOB, "PTS", 10, T_NANOS, "gift", null, "fp:1",
                List.of(out, in));
    }

    @Test
    void booksPostingsAndEntriesRoundTrip() {
        Codec.V1Book b = book();
        assertThat(Codec.book(Codec.book(b))).isEqualTo(b);
        Posting p = posting();
        assertThat(Codec.posting(Codec.posting(p))).isEqualTo(p);
        for (Entry e : p.entries()) {
            assertThat(Codec.entry(Codec.entry(e))).isEqualTo(e);
        }
    }

    @Test
    void writesFormatTwoWithEpochSecondInstants() {
        String text = Codec.entry(posting().entries().get(0));
        assertThat(text).startsWith("2;").contains(T_NANOS.getEpochSecond() + ".123456789;")
                .doesNotContain("2026-02-03");
        assertThat(Codec.book(book())).contains("-2.500000000;");
    }

    @Test
    void readsRowsWrittenInFormatOne() {
        Codec.V1Book b = book();
        String old = Format1.book(b);
        assertThat(old).startsWith("1;").contains("30:2026-02-03T04:05:06.123456789Z");
        assertThat(Codec.book(old)).isEqualTo(b);
        Posting p = posting();
        assertThat(Codec.posting(Format1.posting(p))).isEqualTo(p);
        for (Entry e : p.entries()) {
            assertThat(Codec.entry(Format1.entry(e))).isEqualTo(e);
        }
    }

    @Test
    void readsAFormatOneRowAsStored() {
        String row = "1;3:ann6:ACTIVE20:2026-01-01T10:00:00Z20:2026-01-01T10:00:00Z8:enrolled2;3;4;1;3:PTS0;20:2026-01-01T10:00:00Z"
                + "1;1;3:PTS100;100;20:2026-01-01T10:00:00Z20:2026-01-01T10:00:00Z~6:earn-120:2026-01-01T10:00:00Z0;0;";
        Codec.V1Book b = Codec.book(row);
        assertThat(b.account()).isEqualTo(new Account(ANN, AccountStatus.ACTIVE, T0, T0, "enrolled"));
        assertThat(b.version()).isEqualTo(2);
        assertThat(b.purses()).containsExactly(new Codec.V1Purse("PTS", 0, T0,
                List.of(new Lot(LotId.of(1), "PTS", 100, 100, T0, T0, null, EARN, T0))));
        assertThat(b.reservations()).isEmpty();
        assertThat(b.reversed()).isEmpty();
        assertThat(Codec.book(Codec.book(b))).isEqualTo(b);
    }

    /** The format-1 writer as it was, instants as ISO-8601 strings. */
    private static final class Format1 {
        private final StringBuilder sb = new StringBuilder();

        private Format1 str(String s) {
            if (s == null) {
                sb.append('~');
            } else {
                sb.append(s.length()).append(':').append(s);
            }
            return this;
        }

        private Format1 num(long n) {
            sb.append(n).append(';');
            return this;
        }

        private Format1 instant(Instant i) {
            return str(i == null ? null : i.toString());
        }

        private Format1 key(IdempotencyKey k) {
            return str(k == null ? null : k.value());
        }

        private Format1 member(MemberId m) {
            return str(m == null ? null : m.value());
        }

        private Format1 moves(List<LotMovement> moves) {
            num(moves.size());
            for (LotMovement m : moves) {
                num(m.lot().value()).num(m.delta()).num(m.heldDelta());
            }
            return this;
        }

        static String book(Codec.V1Book b) {
            Format1 o = new Format1().num(1);
            Account a = b.account();
            o.member(a.member()).str(a.status().name()).instant(a.enrolledAt()).instant(a.statusSince())
                    .str(a.statusReason());
            o.num(b.version()).num(b.nextLot()).num(b.nextEntry());
            o.num(b.purses().size());
            for (Codec.V1Purse p : b.purses()) {
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
            Format1 o = new Format1().num(1);
            o.key(p.key()).str(p.type().name()).member(p.member()).member(p.counterparty()).str(p.currency())
                    .num(p.amount()).instant(p.at()).str(p.reason()).key(p.target()).str(p.fingerprint())
                    .num(p.entries().size());
            for (Entry e : p.entries()) {
                entry(o, e);
            }
            return o.sb.toString();
        }

        static String entry(Entry e) {
            return entry(new Format1().num(1), e).sb.toString();
        }

        private static Format1 entry(Format1 o, Entry e) {
            return o.num(e.sequence()).key(e.posting()).str(e.postingType().name()).str(e.type().name())
                    .member(e.member()).str(e.currency()).num(e.amount()).num(e.heldDelta()).num(e.debtDelta())
                    .instant(e.at()).str(e.reason()).moves(e.lots());
        }
    }
}
