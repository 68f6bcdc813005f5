package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The in-memory store's reports over random histories. */
class InMemoryReportProperties extends ReportHistoryProperties {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
