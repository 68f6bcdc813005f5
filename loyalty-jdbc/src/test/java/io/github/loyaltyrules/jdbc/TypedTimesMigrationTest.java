package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data written at schema 15 reads the same after schema 16: program records page in time order as
 * the in-memory store gives them and the retention run drops what it drops there; tier rows (not
 * tallied, change rows without nanoseconds) give the tier report of the in-memory engine, are left to
 * the engine until written again, and are counted in SQL after. On H2, and on PostgreSQL when
 * {@code LOYALTY_PG_URL} is set.
 */
class TypedTimesMigrationTest {

    private static final Instant BASE = Instant.parse("2025-11-01T00:00:00Z");
    private static final Metric NIGHTS = Metric.counter("nights");

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>();
        urls.add(Databases.h2Url("migration-v16-" + System.nanoTime()));
        if (Databases.postgresAvailable()) {
            urls.add(System.getenv(Databases.PG_URL));
        }
        return urls.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void programRecordsOfSchemaFifteenReadInTimeOrderAsBefore(String url) {
        UrlDataSource ds = new UrlDataSource(url);
        if (url.startsWith("jdbc:postgresql")) {
            Databases.dropAll(ds);
        }
        assertThat(Migrations.migrate(ds, 15)).isEqualTo(15);
        InMemoryProgramStore memory = InMemoryProgramStore.create();
        ProgramRecordColumnsMigrationTest.history(memory, 700);
        JdbcProgramStore store = JdbcProgramStore.of(ds);
        List<ReceiptRecord> all = memory.recordsByTime(Instant.MIN, Instant.MAX, null, Integer.MAX_VALUE);
        for (ReceiptRecord r : all) {
            assertThat(store.commit(new ProgramCommit(null, r, null, null))).isEqualTo(CommitResult.APPLIED);
        }
        // a burst of records at one instant, more than a page, keys out of insertion order
        Instant burst = all.get(all.size() / 2).at();
        for (int i = 0; i < 30; i++) {
            ReceiptRecord r = ReceiptRecord.reward(IdempotencyKey.of("burst-" + (char) ('z' - i % 26) + i),
                    MemberId.of("member-1"), "v1", burst, "cup");
            assertThat(store.commit(new ProgramCommit(null, r, null, null))).isEqualTo(CommitResult.APPLIED);
            assertThat(memory.commit(new ProgramCommit(null, r, null, null))).isEqualTo(CommitResult.APPLIED);
        }
        Instant from = all.get(3).at().plusNanos(1);
        Instant to = all.get(all.size() - 5).at();
        List<ReceiptRecord> before = pages(store, from, to, 7);

        assertThat(JdbcLedgerStore.of(ds).migrate()).isEqualTo(Migrations.SCRIPTS.size() - 15);

        assertThat(pages(store, from, to, 7)).isEqualTo(before).isEqualTo(pages(memory, from, to, 7))
                .isEqualTo(memory.recordsByTime(from, to, null, Integer.MAX_VALUE));
        assertThat(pages(store, Instant.MIN, Instant.MAX, 11)).isEqualTo(pages(memory, Instant.MIN, Instant.MAX, 11));
        Instant cut = all.get(all.size() / 3).at().plusNanos(1);
        assertThat(store.dropPersonalData(cut)).isEqualTo(memory.dropPersonalData(cut)).isPositive();
        assertThat(store.dropPersonalData(Instant.MIN)).isZero();
        assertThat(pages(store, Instant.MIN, Instant.MAX, 50)).isEqualTo(pages(memory, Instant.MIN, Instant.MAX, 50));
    }

    /** Every record of the period, read a page at a time, each page going on after the last record of the one before. */
    private static List<ReceiptRecord> pages(io.github.loyaltyrules.program.spi.ProgramStore store, Instant from,
            Instant to, int size) {
        List<ReceiptRecord> out = new ArrayList<>();
        ReceiptRecord after = null;
        while (true) {
            List<ReceiptRecord> page = store.recordsByTime(from, to, after, size);
            out.addAll(page);
            if (page.size() < size) {
                return out;
            }
            after = page.get(page.size() - 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void tierRowsOfSchemaFifteenReportAsBeforeAndAreCountedInSqlOnceWrittenAgain(String url) throws SQLException {
        UrlDataSource ds = new UrlDataSource(url);
        if (url.startsWith("jdbc:postgresql")) {
            Databases.dropAll(ds);
        }
        assertThat(Migrations.migrate(ds, 15)).isEqualTo(15);
        TierLadder ladder = TierReportSqlProperties.ladder(4); // calendar year with retention
        TierEngine memory = TierEngine.of(ladder, TierListener.NONE, TierStore.inMemory());
        Random random = new Random(16);
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            MemberId m = MemberId.of("member-" + i);
            members.add(m);
            memory.enrol(m, BASE);
            for (int stay = 0; stay < 1 + random.nextInt(8); stay++) {
                memory.record(m, NIGHTS, 1 + random.nextInt(9), BASE.plus(Duration.ofHours(random.nextInt(14_000)))
                        .plusNanos(random.nextInt(1_000_000_000)), IdempotencyKey.of(m.value() + "-" + stay));
            }
        }
        memory.assessTiers(BASE.plus(Duration.ofDays(430)));
        for (MemberId m : members) {
            writeSchemaFifteen(ds, memory.state(m).orElseThrow());
        }
        assertThat(JdbcLedgerStore.of(ds).migrate()).isEqualTo(Migrations.SCRIPTS.size() - 15);

        JdbcTierStore store = JdbcTierStore.of(ds);
        TierEngine jdbc = TierEngine.of(ladder, TierListener.NONE, store);
        List<Instant[]> periods = List.of(new Instant[] {BASE, BASE.plus(Duration.ofDays(200))},
                new Instant[] {BASE.plus(Duration.ofDays(60)), BASE.plus(Duration.ofDays(430))},
                new Instant[] {BASE.minusSeconds(1), BASE.plus(Duration.ofDays(900))});
        for (Instant[] p : periods) {
            assertThat(jdbc.report(p[0], p[1])).isEqualTo(memory.report(p[0], p[1]));
        }
        assertThat(store.tally(BASE, BASE.plus(Duration.ofDays(200)), "Member").orElseThrow().untallied())
                .hasSize(members.size());

        Instant late = BASE.plus(Duration.ofDays(431));
        for (MemberId m : members) {
            jdbc.record(m, NIGHTS, 1, late, IdempotencyKey.of(m.value() + "-late"));
            memory.record(m, NIGHTS, 1, late, IdempotencyKey.of(m.value() + "-late"));
        }
        assertThat(store.tally(BASE, BASE.plus(Duration.ofDays(200)), "Member").orElseThrow())
                .satisfies(t -> assertThat(t.untallied()).isEmpty())
                .satisfies(t -> assertThat(t.forecast()).isEmpty());
        for (Instant[] p : periods) {
            assertThat(jdbc.report(p[0], p[1])).isEqualTo(memory.report(p[0], p[1]));
        }
    }

    /** Writes a member's tier rows as the store of schema 15 did: no typed clock, change rows without nanoseconds. */
    private static void writeSchemaFifteen(UrlDataSource ds, TierState state) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_member"
                    + " (member_id, version, tier, as_of, state) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, state.member().value());
                p.setLong(2, state.version());
                p.setString(3, state.shown());
                p.setString(4, state.clock().toString());
                p.setString(5, Codec.tierState(state));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_change"
                    + " (member_id, change_no, from_tier, to_tier, changed_at, cause) VALUES (?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (TierChange change : state.history()) {
                    p.setString(1, state.member().value());
                    p.setInt(2, ++n);
                    p.setString(3, change.from());
                    p.setString(4, change.to());
                    LedgerRows.setInstant(p, 5, change.at());
                    p.setString(6, change.cause().name());
                    p.addBatch();
                }
                if (n > 0) {
                    p.executeBatch();
                }
            }
        }
    }
}
