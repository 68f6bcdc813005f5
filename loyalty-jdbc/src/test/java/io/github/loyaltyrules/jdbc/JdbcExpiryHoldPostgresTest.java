package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.ExpiryHoldContract;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC store keeps the expiry hold contract on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcExpiryHoldPostgresTest extends ExpiryHoldContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPostgres());
    }
}
