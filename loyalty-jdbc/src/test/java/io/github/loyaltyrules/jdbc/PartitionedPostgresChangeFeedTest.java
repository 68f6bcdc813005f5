package io.github.loyaltyrules.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The change feed keeps its contract on PostgreSQL with the ledger's tables hash-partitioned by member. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class PartitionedPostgresChangeFeedTest extends JdbcChangeFeedH2Test {

    @Override
    protected Stores newStores() {
        return over(Databases.freshPartitionedPostgres());
    }
}
