package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.ReplayConflictContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** Replay conflicts name the part that differs, read from the postings the JDBC store keeps, on H2. */
class JdbcReplayConflictH2Test extends ReplayConflictContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshH2());
    }
}
