package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.contract.LedgerStoreContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
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
 * The JDBC store keeps the store contract on PostgreSQL with its tables hash-partitioned by member
 * (as one would to distribute the schema), and {@code migrate()} completes such a layout.
 */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class PartitionedPostgresTest extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPartitionedPostgres());
    }

    @Test
    void everyLedgerTableIsPartitionedAndMigrateAddedTheOthers() throws SQLException {
        DataSource ds = Databases.freshPartitionedPostgres();
        List<String> partitioned = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_partitioned_table p"
                        + " JOIN pg_class c ON c.oid = p.partrelid ORDER BY c.relname")) {
            while (rs.next()) {
                partitioned.add(rs.getString(1));
            }
        }
        assertThat(partitioned).containsExactly("loyalty_entry", "loyalty_lot", "loyalty_member", "loyalty_posting",
                "loyalty_posting_key", "loyalty_purse", "loyalty_reservation", "loyalty_reversal");
        assertThat(JdbcLedgerStore.of(ds).migrate()).isZero();
    }
}
