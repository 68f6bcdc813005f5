package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What the JDBC benchmarks start from: where the databases are, an emptied and migrated schema
 * (with the bare-insert baseline's one table beside it), a ledger on the JDBC store, enrolled
 * members (through the ledger, or as the same member rows of schema 2 inserted many at a time)
 * and a history of postings.
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
            for (String table : new String[] {"loyalty_entry", "loyalty_posting", "loyalty_member", "loyalty_quota", "loyalty_quota_draw",
                    "loyalty_entry_v1", "loyalty_posting_v1", "loyalty_purse", "loyalty_lot", "loyalty_reservation",
                    "loyalty_reversal", "loyalty_posting_key",
                    "loyalty_tier_activity", "loyalty_tier_member", "loyalty_program_member", "loyalty_program_record",
                    "loyalty_program_return", "loyalty_program_key", "loyalty_program_tie", "loyalty_program_award", "loyalty_schema_history", "bench_bare_insert",
                    "loyalty_tier_change", "loyalty_feed_lock"}) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            s.execute("DROP SEQUENCE IF EXISTS loyalty_feed_seq");
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

    /** The reason {@link Ledger#enrol} records for a new account. */
    static final String ENROLLED = "enrolled";
    /** Members per multi-row {@code INSERT} of {@link #enrol(DataSource, String, int)}. */
    private static final int ENROL_CHUNK = 1_000;
    /** Requests per linked batch of {@link #history}: the most {@link Ledger#post} takes. */
    private static final int HISTORY_BATCH = 100;

    /** Member ids {@code prefix0 .. prefix(n-1)}, enrolled through the ledger at {@link #T0} minus a day. */
    static MemberId[] enrol(Ledger ledger, String prefix, int n) {
        MemberId[] members = ids(prefix, n);
        for (MemberId m : members) {
            ledger.enrol(m, enrolledAt());
        }
        return members;
    }

    /**
     * Enrols members {@code prefix0 .. prefix(n-1)} fast, with multi-row {@code INSERT}s of the member
     * rows that {@link Ledger#enrol} writes at {@link #T0} minus a day (version 1, active since then,
     * no purse or lot yet); {@code JdbcFixturesTest} checks that the store reads them back as the
     * ledger's own.
     *
     * @param db the database
     * @param prefix the ids' prefix
     * @param n how many
     * @return the member ids
     * @throws IllegalStateException if the database fails
     */
    static MemberId[] enrol(DataSource db, String prefix, int n) {
        MemberId[] members = ids(prefix, n);
        OffsetDateTime at = OffsetDateTime.ofInstant(enrolledAt(), ZoneOffset.UTC);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < n; from += ENROL_CHUNK) {
                int rows = Math.min(ENROL_CHUNK, n - from);
                StringBuilder sql = new StringBuilder("INSERT INTO loyalty_member (member_id, version, status,"
                        + " enrolled_at, status_since, status_reason, next_lot, next_entry) VALUES ");
                for (int i = 0; i < rows; i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, 1, 'ACTIVE', ?, ?, ?, 1, 1)");
                }
                try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                    int col = 1;
                    for (int i = 0; i < rows; i++) {
                        p.setString(col++, members[from + i].value());
                        p.setObject(col++, at);
                        p.setObject(col++, at);
                        p.setString(col++, ENROLLED);
                    }
                    p.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot enrol " + n + " members: " + e.getMessage(), e);
        }
        return members;
    }

    private static MemberId[] ids(String prefix, int n) {
        MemberId[] members = new MemberId[n];
        for (int i = 0; i < n; i++) {
            members[i] = MemberId.of(prefix + i);
        }
        return members;
    }

    private static Instant enrolledAt() {
        return T0.minusSeconds(86_400);
    }

    /**
     * Gives a member a history of {@code postings} postings at {@link #T0}: earns of 10 points and
     * redemptions of them, alternately (an odd count ends with an earn), in linked batches of
     * {@value #HISTORY_BATCH}, with keys {@code h-<member>-0 ..}. Every lot but the last ends spent; the
     * posting, key, entry and spent lot rows stay.
     *
     * @param ledger the ledger
     * @param member the member; enrolled
     * @param postings how many
     */
    static void history(Ledger ledger, MemberId member, int postings) {
        Points ten = PTS.points(10);
        List<PostingRequest> batch = new ArrayList<>(HISTORY_BATCH);
        for (int i = 0; i < postings; i++) {
            IdempotencyKey k = key("h-" + member.value() + "-", i);
            batch.add(i % 2 == 0 ? new PostingRequest.Earn(member, ten, T0, k, "earn")
                    : new PostingRequest.Redeem(member, ten, T0, k, "redeem"));
            if (batch.size() == HISTORY_BATCH || i == postings - 1) {
                ledger.post(batch);
                batch.clear();
            }
        }
    }

    /** A unique idempotency key per call, as a till would make: prefix and sequence number. */
    static IdempotencyKey key(String prefix, long sequence) {
        return IdempotencyKey.of(prefix + sequence);
    }

    /**
     * Counts a member's lot rows: the open ones (which every posting reads) and all (spent ones included).
     *
     * @param db the database
     * @param member the member
     * @return {open, all}
     * @throws IllegalStateException if the database fails
     */
    static long[] lotRows(DataSource db, MemberId member) {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(CASE WHEN remaining > 0 THEN 1 END), COUNT(*)"
                        + " FROM loyalty_lot WHERE member_id = ?")) {
            p.setString(1, member.value());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the lots of " + member + ": " + e.getMessage(), e);
        }
    }
}
