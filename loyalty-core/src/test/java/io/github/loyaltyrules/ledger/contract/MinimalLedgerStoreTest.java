package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** A store that implements only what {@link LedgerStore} requires keeps the store contract through its defaults. */
class MinimalLedgerStoreTest extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return new MinimalLedgerStore();
    }
}
