package io.github.loyaltyrules.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
            s.execute("DROP TABLE IF EXISTS loyalty_entry, loyalty_posting, loyalty_member, loyalty_quota,"
                    + " loyalty_entry_v1, loyalty_posting_v1, loyalty_purse, loyalty_lot, loyalty_reservation,"
                    + " loyalty_reversal, loyalty_posting_key,"
                    + " loyalty_tier_activity, loyalty_tier_member, loyalty_program_member, loyalty_program_record,"
                    + " loyalty_program_return, loyalty_program_key, loyalty_schema_history");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the PostgreSQL test database: " + e.getMessage(), e);
        }
    }

    /**
     * The PostgreSQL database named by the environment, emptied and laid out as a DBA would to
     * spread members over nodes: the ledger's tables of schema 5 hash-partitioned by member
     * ({@code partitioned-ledger.sql}, recorded as versions 1 and 5), then {@code migrate()} for the rest.
     */
    public static synchronized DataSource freshPartitionedPostgres() {
        DataSource ds = freshPostgres();
        dropAll(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                java.io.InputStream in = Databases.class.getResourceAsStream("partitioned-ledger.sql")) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String sql : Migrations.statements(script)) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE loyalty_schema_history (version INT NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL)");
            s.execute("INSERT INTO loyalty_schema_history VALUES (1, 'V1__ledger.sql'), (5, 'V5__ledger_v2.sql')");
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot lay out the partitioned test database: " + e.getMessage(), e);
        }
        if (JdbcLedgerStore.of(ds).migrate() != 3) {
            throw new IllegalStateException("migrate() on the partitioned layout should apply versions 2 to 4");
        }
        return ds;
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
