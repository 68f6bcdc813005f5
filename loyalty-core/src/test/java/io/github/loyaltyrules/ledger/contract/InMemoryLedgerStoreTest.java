package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The in-memory store keeps the store contract. */
class InMemoryLedgerStoreTest extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
