package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.contract.LedgerReportContract;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC store's reports, computed in SQL, keep the report contract on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcLedgerReportPostgresTest extends LedgerReportContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPostgres());
    }
}
