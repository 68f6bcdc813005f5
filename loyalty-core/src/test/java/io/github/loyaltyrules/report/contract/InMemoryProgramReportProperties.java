package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;

/** The program's report over random histories, on the in-memory stores. */
class InMemoryProgramReportProperties extends ProgramReportProperties {

    @Override
    protected Stores newStores() {
        return new Stores(LedgerStore.inMemory(), InMemoryProgramStore.create());
    }
}
