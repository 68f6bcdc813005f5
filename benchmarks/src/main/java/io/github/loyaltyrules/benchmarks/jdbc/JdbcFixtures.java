package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What the JDBC benchmarks start from: where the databases are, an emptied and migrated schema
 * (with the bare-insert baseline's one table beside it), and a ledger on the JDBC store with
 * enrolled members.
 */
final class JdbcFixtures {

    /** The system property naming the PostgreSQL database to benchmark on; the environment variable is {@value #PG_URL_ENV}. */
    static final String PG_URL_PROPERTY = "loyalty.pg.url";
    /** The environment variable naming the PostgreSQL database, as for the loyalty-jdbc tests. */
    static final String PG_URL_ENV = "LOYALTY_PG_URL";

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);

    /** The baseline's one table: one row per posting, keyed like a posting. */
    static final String BARE_TABLE = "CREATE TABLE bench_bare_insert (posting_key VARCHAR(200) NOT NULL PRIMARY KEY,"
            + " member_id VARCHAR(128) NOT NULL, amount BIGINT NOT NULL)";
    static final String BARE_INSERT = "INSERT INTO bench_bare_insert (posting_key, member_id, amount) VALUES (?, ?, ?)";

    private static final AtomicInteger H2_COUNT = new AtomicInteger();

    private JdbcFixtures() {
    }

    /**
     * Returns the PostgreSQL URL from {@value #PG_URL_PROPERTY} or else {@value #PG_URL_ENV}.
     *
     * @return the URL, or null when neither is set
     */
    static String postgresUrl() {
        String url = System.getProperty(PG_URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(PG_URL_ENV);
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** The message printed when a PostgreSQL benchmark runs without a database. */
    static String skipped(String benchmark) {
        return benchmark + ": SKIPPED, no PostgreSQL configured: pass -D" + PG_URL_PROPERTY + "=jdbc:postgresql://... or set "
                + PG_URL_ENV + " (e.g. from .ci/postgres.sh); the figures of this run for it measure nothing";
    }

    /** A fresh in-memory H2 database's URL, new on every call; the database lives while a connection to it is open. */
    static String freshH2Url() {
        return "jdbc:h2:mem:loyalty_bench" + H2_COUNT.incrementAndGet() + ";LOCK_TIMEOUT=10000";
    }

    /**
     * Drops the store's tables and the baseline's, then migrates and creates the baseline table.
     *
     * @param db the database
     * @throws IllegalStateException if the database fails
     */
    static void reset(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"loyalty_entry", "loyalty_posting", "loyalty_member", "loyalty_quota",
                    "loyalty_tier_activity", "loyalty_tier_member", "loyalty_program_member", "loyalty_program_record",
                    "loyalty_program_return", "loyalty_program_key", "loyalty_schema_history", "bench_bare_insert"}) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the benchmark database: " + e.getMessage(), e);
        }
        JdbcLedgerStore.of(db).migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(BARE_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline table: " + e.getMessage(), e);
        }
    }

    /** A ledger in {@link #ZONE} with {@link #PTS} and a fixed clock, on {@code store}. */
    static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).store(store).build();
    }

    /** Member ids {@code prefix0 .. prefix(n-1)}, enrolled at {@link #T0} minus a day. */
    static MemberId[] enrol(Ledger ledger, String prefix, int n) {
        MemberId[] members = new MemberId[n];
        for (int i = 0; i < n; i++) {
            members[i] = MemberId.of(prefix + i);
            ledger.enrol(members[i], T0.minusSeconds(86_400));
        }
        return members;
    }

    /** A unique idempotency key per call, as a till would make: prefix and sequence number. */
    static IdempotencyKey key(String prefix, long sequence) {
        return IdempotencyKey.of(prefix + sequence);
    }

    /**
     * Returns the size in characters of a member's stored book (which the store rewrites on every posting).
     *
     * @param db the database
     * @param member the member
     * @return the length, or -1 if the member has no row
     */
    static long bookLength(DataSource db, MemberId member) {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT LENGTH(book) FROM loyalty_member WHERE member_id = ?")) {
            p.setString(1, member.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the book of " + member + ": " + e.getMessage(), e);
        }
    }
}
