package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.contract.LedgerReportContract;

/** The JDBC store's reports, computed in SQL, keep the report contract on H2. */
class JdbcLedgerReportH2Test extends LedgerReportContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshH2());
    }
}
