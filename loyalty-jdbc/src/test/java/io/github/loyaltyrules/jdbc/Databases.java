package io.github.loyaltyrules.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh databases for tests: H2 in memory always, and a real PostgreSQL server when the
 * environment variable {@value #PG_URL} names one (as {@code .ci/run} does), e.g.
 * {@code jdbc:postgresql://127.0.0.1:54329/loyalty?user=postgres}.
 */
public final class Databases {

    /** The environment variable naming a PostgreSQL test database. */
    public static final String PG_URL = "LOYALTY_PG_URL";
    private static final AtomicInteger H2_COUNT = new AtomicInteger();
    private static DataSource postgres;

    private Databases() {
    }

    /** A new, empty, migrated H2 database; two calls with the same name share one database. */
    public static DataSource h2(String name) {
        return new UrlDataSource(h2Url(name));
    }

    /** The URL of an in-memory H2 database that lives as long as the JVM. */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    /** The URLs of the databases to test on: a new H2 database, and PostgreSQL when configured (emptied). */
    public static java.util.List<String> freshUrls(String name) {
        String h2 = h2Url(name + H2_COUNT.incrementAndGet());
        JdbcLedgerStore.of(new UrlDataSource(h2)).migrate();
        if (!postgresAvailable()) {
            return java.util.List.of(h2);
        }
        freshPostgres();
        return java.util.List.of(h2, System.getenv(PG_URL));
    }

    /**
     * The cases of a fault-injection test: for each database of {@link #freshUrls} (named "h2" or
     * "postgres", with its URL), each operation, and each of failing a statement and losing a reply.
     *
     * @param name the name the H2 database is made from
     * @param ops the operations; none for a test that injects into one scenario
     * @return (database name, URL, operation, mode) for each case, or (database name, URL, mode) without operations
     */
    @SafeVarargs
    public static <E extends Enum<E>> java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> faultCases(
            String name, E... ops) {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (String url : freshUrls(name)) {
            String db = url.startsWith("jdbc:h2") ? "h2" : "postgres";
            for (StatementFaultDataSource.Mode mode : List.of(StatementFaultDataSource.Mode.FAIL,
                    StatementFaultDataSource.Mode.LOSE_REPLY)) {
                if (ops.length == 0) {
                    out.add(org.junit.jupiter.params.provider.Arguments.of(db, url, mode));
                }
                for (E op : ops) {
                    out.add(org.junit.jupiter.params.provider.Arguments.of(db, url, op, mode));
                }
            }
        }
        return out.stream();
    }

    /** A new, empty, migrated H2 database. */
    public static DataSource freshH2() {
        DataSource ds = h2("loyalty" + H2_COUNT.incrementAndGet());
        JdbcLedgerStore.of(ds).migrate();
        return ds;
    }

    /** Tells whether a PostgreSQL test database is configured. */
    public static boolean postgresAvailable() {
        String url = System.getenv(PG_URL);
        return url != null && !url.isBlank();
    }

    /** Drops every table of the loyalty schema, of any version, from a database. */
    public static void dropAll(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS loyalty_entry, loyalty_posting, loyalty_member, loyalty_quota, loyalty_quota_draw,"
                    + " loyalty_entry_v1, loyalty_posting_v1, loyalty_purse, loyalty_lot, loyalty_reservation,"
                    + " loyalty_reversal, loyalty_posting_key,"
                    + " loyalty_tier_activity, loyalty_tier_member, loyalty_program_member, loyalty_program_record,"
                    + " loyalty_program_return, loyalty_program_key, loyalty_program_tie, loyalty_program_award,"
                    + " loyalty_schema_history,"
                    + " loyalty_tier_change, loyalty_feed_lock, loyalty_challenge_progress, loyalty_challenge_contribution,"
                    + " loyalty_expiry_hold, loyalty_challenge_badge");
            s.execute("DROP SEQUENCE IF EXISTS loyalty_feed_seq");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the PostgreSQL test database: " + e.getMessage(), e);
        }
    }

    /** The member table of schema 5, hash-partitioned by member; V5 changes it with ALTERs, so it is written out here. */
    private static final String PARTITIONED_MEMBER = "CREATE TABLE loyalty_member (member_id VARCHAR(128) NOT NULL,"
            + " version BIGINT NOT NULL, status VARCHAR(16) NOT NULL, enrolled_at TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " status_since TIMESTAMP WITH TIME ZONE NOT NULL, status_reason VARCHAR(1000), next_lot BIGINT NOT NULL,"
            + " next_entry BIGINT NOT NULL, PRIMARY KEY (member_id)) PARTITION BY HASH (member_id)";
    private static final int PARTITIONS = 4;

    /**
     * The PostgreSQL database named by the environment, emptied and laid out as a DBA would to
     * spread members over nodes: every table that {@code V5__ledger_v2.sql} creates, and the member
     * table, hash-partitioned by member (the key index by its key) into four partitions, versions 1
     * and 5 recorded, then {@code migrate()} for the rest (versions 2 to 4, and 6 on).
     */
    public static synchronized DataSource freshPartitionedPostgres() {
        DataSource ds = freshPostgres();
        dropAll(ds);
        List<String> ddl = new ArrayList<>();
        ddl.add(PARTITIONED_MEMBER);
        partitions(ddl, "loyalty_member");
        for (String sql : Migrations.statements(Migrations.script("V5__ledger_v2.sql"))) {
            if (sql.startsWith("CREATE TABLE")) {
                String table = sql.substring("CREATE TABLE ".length(), sql.indexOf(' ', "CREATE TABLE ".length()));
                ddl.add(sql + " PARTITION BY HASH (" + (table.equals("loyalty_posting_key") ? "posting_key" : "member_id")
                        + ")");
                partitions(ddl, table);
            } else if (sql.startsWith("CREATE INDEX")) {
                ddl.add(sql);
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE loyalty_schema_history (version INT NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL)");
            s.execute("INSERT INTO loyalty_schema_history VALUES (1, 'V1__ledger.sql'), (5, 'V5__ledger_v2.sql')");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lay out the partitioned test database: " + e.getMessage(), e);
        }
        if (JdbcLedgerStore.of(ds).migrate() != JdbcLedgerStore.migrationScripts().size() - 2) {
            throw new IllegalStateException("migrate() on the partitioned layout should apply every version but 1 and 5");
        }
        return ds;
    }

    private static void partitions(List<String> ddl, String table) {
        for (int r = 0; r < PARTITIONS; r++) {
            ddl.add("CREATE TABLE " + table + "_p" + r + " PARTITION OF " + table + " FOR VALUES WITH (MODULUS "
                    + PARTITIONS + ", REMAINDER " + r + ")");
        }
    }

    /** The PostgreSQL database named by the environment, emptied and migrated. */
    public static synchronized DataSource freshPostgres() {
        if (postgres == null) {
            postgres = new UrlDataSource(System.getenv(PG_URL));
        }
        DataSource ds = postgres;
        dropAll(ds);
        JdbcLedgerStore.of(ds).migrate();
        return ds;
    }
}
