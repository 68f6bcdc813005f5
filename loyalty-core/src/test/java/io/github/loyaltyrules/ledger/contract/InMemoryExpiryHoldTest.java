package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The in-memory store keeps the expiry hold contract. */
class InMemoryExpiryHoldTest extends ExpiryHoldContract {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
