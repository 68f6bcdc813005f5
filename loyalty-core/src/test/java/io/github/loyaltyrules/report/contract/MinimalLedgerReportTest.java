package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.ledger.contract.MinimalLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The reports {@link LedgerStore}'s defaults compute, for a store that implements only what it requires. */
class MinimalLedgerReportTest extends LedgerReportContract {

    @Override
    protected LedgerStore newStore() {
        return new MinimalLedgerStore();
    }
}
