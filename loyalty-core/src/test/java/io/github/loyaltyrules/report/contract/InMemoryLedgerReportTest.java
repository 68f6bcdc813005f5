package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The in-memory store's reports, by walking its members, keep the report contract. */
class InMemoryLedgerReportTest extends LedgerReportContract {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
