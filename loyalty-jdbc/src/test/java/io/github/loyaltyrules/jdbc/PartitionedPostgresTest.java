package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.LedgerStoreContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
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
}
