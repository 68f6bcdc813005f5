package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data written with schema 1 (each member's book as one text column, postings and entries as text
 * bodies) reads back the same after {@link JdbcLedgerStore#migrate()} moves it to schema 2:
 * balances, lots with their dates, reservations, reversal records, statements, postings and their
 * keys (a replay of an old key returns the old posting; the key with other content is refused),
 * and the migrated ledger goes on posting exactly as the ledger that never moved. On H2 always, on
 * PostgreSQL when configured.
 */
class LedgerV2MigrationTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final PointCurrency CASH = PointCurrency.of("CASH", "Cash back", 2);
    static final Instant T0 = Instant.parse("2026-01-05T09:30:00Z");
    static final Instant NOW = T0.plus(Duration.ofDays(300));
    static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"), MemberId.of("cy"));

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>();
        urls.add(Databases.h2Url("migration-v2-" + System.nanoTime()));
        if (Databases.postgresAvailable()) {
            urls.add(System.getenv(Databases.PG_URL));
        }
        return urls.stream();
    }

    private static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(NOW, ZoneOffset.UTC)).currency(PTS)
                .currency(CASH).store(store).build();
    }

    private static IdempotencyKey k(String s) {
        return IdempotencyKey.of(s);
    }

    /** A year of activity: earns, redemptions, holds, returns, a transfer, a suspension and an expiry sweep. */
    private static void history(Ledger l) {
        MemberId ann = MEMBERS.get(0);
        MemberId bob = MEMBERS.get(1);
        MemberId cy = MEMBERS.get(2);
        for (MemberId m : MEMBERS) {
            l.enrol(m, T0);
        }
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plus(Duration.ofDays(20L * i + 1));
            l.earn(ann, PTS.points(10 + i), at, k("ann-earn-" + i), "visit " + i);
            l.earn(bob, PTS.points(25), at, k("bob-earn-" + i), "visit");
            if (i % 3 == 0) {
                l.earn(ann, CASH.points(125), at, k("ann-cash-" + i), "cash back");
                l.redeem(ann, PTS.points(8), at.plusSeconds(60), k("ann-redeem-" + i), "coffee");
            }
        }
        Instant later = T0.plus(Duration.ofDays(240));
        l.reserve(bob, PTS.points(40), Duration.ofDays(2), later, k("bob-hold-1"), "order 1");
        l.capture(bob, k("bob-hold-1"), later.plusSeconds(3600), k("bob-capture-1"));
        l.reserve(bob, PTS.points(20), Duration.ofDays(30), later, k("bob-hold-2"), "order 2");
        l.reverse(ann, k("ann-redeem-3"), later, k("ann-refund-3"), "refund");
        l.reverse(ann, k("ann-earn-4"), PTS.points(5), later, k("ann-return-4"), "partial return");
        l.transfer(bob, cy, PTS.points(30), later.plusSeconds(10), k("gift-1"), "gift");
        l.suspend(cy, later.plusSeconds(20), "checking");
        l.reactivate(cy, later.plusSeconds(30), "ok");
        l.expire(T0.plus(Duration.ofDays(250)));
        l.redeem(bob, PTS.points(12), T0.plus(Duration.ofDays(251)), k("bob-redeem-late"), "late redeem");
    }

    /** Writes what an in-memory store holds as the rows schema 1 kept. */
    private static void writeSchemaOne(DataSource ds, LedgerStore memory) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement member = c.prepareStatement(
                        "INSERT INTO loyalty_member (member_id, version, status, book) VALUES (?, ?, ?, ?)");
                PreparedStatement posting = c.prepareStatement("INSERT INTO loyalty_posting (posting_key, member_id,"
                        + " type, currency, amount, business_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement entry = c.prepareStatement("INSERT INTO loyalty_entry (member_id, seq, posting_key,"
                        + " type, currency, amount, debt_delta, business_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Set<IdempotencyKey> postings = new LinkedHashSet<>();
            for (MemberId m : MEMBERS) {
                MemberBook b = memory.book(m).orElseThrow();
                List<Codec.V1Purse> purses = new ArrayList<>();
                for (PointCurrency cur : List.of(PTS, CASH)) {
                    Purse p = b.purses().get(cur.code());
                    if (p != null) {
                        purses.add(new Codec.V1Purse(cur.code(), p.debt(), p.lastActivity(),
                                memory.lots(m, cur.code())));
                    }
                }
                Map<IdempotencyKey, Reservation> reservations = new HashMap<>();
                for (Reservation r : memory.reservations(m)) {
                    reservations.put(r.key(), r);
                }
                Map<IdempotencyKey, Reversed> reversed = new HashMap<>();
                for (Entry e : memory.entries(m)) {
                    postings.add(e.posting());
                    memory.reversed(m, e.posting()).ifPresent(r -> reversed.put(e.posting(), r));
                    entry.setString(1, m.value());
                    entry.setLong(2, e.sequence());
                    entry.setString(3, e.posting().value());
                    entry.setString(4, e.type().name());
                    entry.setString(5, e.currency());
                    entry.setLong(6, e.amount());
                    entry.setLong(7, e.debtDelta());
                    entry.setString(8, e.at().toString());
                    entry.setString(9, Codec.entry(e));
                    entry.executeUpdate();
                }
                member.setString(1, m.value());
                member.setLong(2, b.version());
                member.setString(3, b.account().status().name());
                member.setString(4, Codec.book(new Codec.V1Book(b.account(), b.version(), b.nextLot(), b.nextEntry(),
                        purses, reservations, reversed)));
                member.executeUpdate();
            }
            for (IdempotencyKey key : postings) {
                Posting p = memory.posting(key).orElseThrow();
                posting.setString(1, key.value());
                posting.setString(2, p.member().value());
                posting.setString(3, p.type().name());
                posting.setString(4, p.currency());
                posting.setLong(5, p.amount());
                posting.setString(6, p.at().toString());
                posting.setString(7, Codec.posting(p));
                posting.executeUpdate();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyBalanceLotEntryAndKeyReadsBackTheSameAfterTheMigration(String url) throws SQLException {
        UrlDataSource ds = new UrlDataSource(url);
        if (url.startsWith("jdbc:postgresql")) {
            Databases.dropAll(ds);
        }
        assertThat(Migrations.migrate(ds, 4)).isEqualTo(4);
        LedgerStore memory = LedgerStore.inMemory();
        Ledger before = ledger(memory);
        history(before);
        writeSchemaOne(ds, memory);

        JdbcLedgerStore store = JdbcLedgerStore.of(ds);
        // versions 5 (with its data step) and every later one
        assertThat(store.migrate()).isEqualTo(Migrations.SCRIPTS.size() - 4);
        Ledger after = ledger(store);

        for (MemberId m : MEMBERS) {
            assertThat(after.account(m)).isEqualTo(before.account(m));
            for (PointCurrency cur : List.of(PTS, CASH)) {
                assertThat(after.balance(m, cur)).as("%s %s", m, cur).isEqualTo(before.balance(m, cur));
                assertThat(after.balance(m, cur, T0.plus(Duration.ofDays(100))))
                        .isEqualTo(before.balance(m, cur, T0.plus(Duration.ofDays(100))));
                List<Lot> lots = after.lots(m, cur);
                assertThat(lots).isEqualTo(before.lots(m, cur));
                for (Lot lot : lots) {
                    assertThat(store.lot(m, lot.id())).contains(lot);
                }
            }
            assertThat(after.statement(m)).isEqualTo(before.statement(m));
            assertThat(store.reservations(m)).containsExactlyInAnyOrderElementsOf(memory.reservations(m));
            for (Entry e : before.statement(m)) {
                assertThat(store.reversed(m, e.posting())).isEqualTo(memory.reversed(m, e.posting()));
                assertThat(after.posting(e.posting())).isEqualTo(before.posting(e.posting()));
            }
            assertThat(store.book(m).orElseThrow().version()).isEqualTo(memory.book(m).orElseThrow().version());
        }

        // old keys: a replay returns the old posting, other content is refused
        MemberId ann = MEMBERS.get(0);
        Posting old = before.posting(k("ann-earn-2")).orElseThrow();
        assertThat(after.earn(ann, PTS.points(12), T0.plus(Duration.ofDays(41)), k("ann-earn-2"), "visit 2"))
                .isEqualTo(old);
        assertThatThrownBy(() -> after.earn(ann, PTS.points(13), T0.plus(Duration.ofDays(41)), k("ann-earn-2"),
                "visit 2")).isInstanceOf(IdempotencyConflictException.class);

        // the migrated ledger goes on exactly as the one that never moved
        for (Ledger l : List.of(before, after)) {
            l.redeem(ann, PTS.points(40), NOW, k("ann-after-1"), "after");
            l.reverse(ann, k("ann-redeem-6"), NOW, k("ann-after-2"), "refund after");
            l.reserve(MEMBERS.get(1), PTS.points(10), Duration.ofDays(1), NOW, k("bob-after-3"), "hold after");
            l.release(MEMBERS.get(1), k("bob-after-3"), NOW, k("bob-after-5"));
            l.earn(MEMBERS.get(2), CASH.points(99), NOW, k("cy-after-4"), "cash");
        }
        for (MemberId m : MEMBERS) {
            for (PointCurrency cur : List.of(PTS, CASH)) {
                assertThat(after.balance(m, cur)).isEqualTo(before.balance(m, cur));
                assertThat(after.lots(m, cur)).isEqualTo(before.lots(m, cur));
            }
            assertThat(after.statement(m)).isEqualTo(before.statement(m));
        }
    }
}
