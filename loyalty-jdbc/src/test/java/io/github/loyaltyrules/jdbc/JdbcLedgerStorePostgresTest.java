package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.contract.LedgerStoreContract;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC store keeps the store contract on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcLedgerStorePostgresTest extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPostgres());
    }
}
