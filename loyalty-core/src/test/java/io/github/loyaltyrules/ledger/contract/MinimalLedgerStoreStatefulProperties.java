package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/**
 * The ledger over a store that implements only what {@link LedgerStore} requires agrees with the model after
 * every step: the interface's defaults (working sets, lots to spend, history pages, reports) are enough.
 */
class MinimalLedgerStoreStatefulProperties extends LedgerStatefulProperties {

    @Override
    protected LedgerStore newStore() {
        return new MinimalLedgerStore();
    }
}
