package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** A store that implements only what {@link LedgerStore} requires keeps the expiry hold contract through its defaults. */
class MinimalExpiryHoldTest extends ExpiryHoldContract {

    @Override
    protected LedgerStore newStore() {
        return new MinimalLedgerStore();
    }
}
