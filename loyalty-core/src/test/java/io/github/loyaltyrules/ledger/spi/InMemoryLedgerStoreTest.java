package io.github.loyaltyrules.ledger.spi;

/** The in-memory store keeps the store contract. */
class InMemoryLedgerStoreTest extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
