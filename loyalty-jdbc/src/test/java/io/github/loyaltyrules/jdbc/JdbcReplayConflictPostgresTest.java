package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.ReplayConflictContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Replay conflicts name the part that differs, read from the postings the JDBC store keeps, on PostgreSQL. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcReplayConflictPostgresTest extends ReplayConflictContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPostgres());
    }
}
