package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The erasure of a member finds the transfers other members made to the member by an index on
 * {@code loyalty_posting.counterparty} (schema version 9), not by reading every posting: PostgreSQL's
 * plan for the erasure's statements, over 60,000 postings of which a few are transfers, on the plain
 * layout and on the hash-partitioned one.
 */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class ErasureIndexPostgresTest {

    /** The statements of JdbcMemberErasure that select by counterparty. */
    static final List<String> BY_COUNTERPARTY = List.of(
            "SELECT member_id, posting_key FROM loyalty_posting WHERE counterparty = 'm-17' AND member_id <> 'm-17'",
            "UPDATE loyalty_posting SET counterparty = 'erased-x', fingerprint = 'erased' WHERE counterparty = 'm-17'");

    @Test
    void theErasureReadsPostingsByCounterpartyFromTheIndex() throws SQLException {
        assertUsesTheIndex(Databases.freshPostgres());
    }

    @Test
    void theErasureReadsPostingsByCounterpartyFromTheIndexOnThePartitionedLayout() throws SQLException {
        assertUsesTheIndex(Databases.freshPartitionedPostgres());
    }

    private static void assertUsesTheIndex(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO loyalty_posting (member_id, posting_key, type, counterparty, currency, amount,"
                    + " business_at, reason, target_key, fingerprint) SELECT 'm-' || (g % 5000), 'k-' || g,"
                    + " CASE WHEN g % 1000 = 0 THEN 'TRANSFER' ELSE 'EARN' END,"
                    + " CASE WHEN g % 1000 = 0 THEN 'm-' || (g % 37) ELSE NULL END, 'PTS', 10,"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'r', NULL, 'f'"
                    + " FROM generate_series(1, 60000) g");
            s.execute("ANALYZE loyalty_posting");
            c.setAutoCommit(false);
            for (String sql : BY_COUNTERPARTY) {
                String plan = plan(s, sql);
                assertThat(plan).as("plan of %s", sql).contains("loyalty_posting").containsPattern(
                        "Index (Only )?Scan (using|on) loyalty_posting\\w*counterparty").doesNotContain("Seq Scan");
            }
            c.rollback();
        }
    }

    private static String plan(Statement s, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
