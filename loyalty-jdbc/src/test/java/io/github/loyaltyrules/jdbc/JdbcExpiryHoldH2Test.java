package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.ExpiryHoldContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** The JDBC store keeps the expiry hold contract on H2. */
class JdbcExpiryHoldH2Test extends ExpiryHoldContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshH2());
    }
}
