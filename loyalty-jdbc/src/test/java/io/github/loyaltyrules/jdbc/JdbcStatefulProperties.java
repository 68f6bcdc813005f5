package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.LedgerStatefulProperties;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.stateful.ActionSequence;

/**
 * The stateful ledger property of loyalty-core, run against the JDBC store: on H2 always, and on
 * PostgreSQL when {@code LOYALTY_PG_URL} names a server.
 */
class JdbcStatefulProperties extends LedgerStatefulProperties {

    private static int databases;

    @Override
    @Property(tries = 100)
    public void ledgerAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        super.ledgerAgreesWithModelAfterEveryStep(actions);
    }

    @Override
    @Property(tries = 40)
    public void ledgerSpendingOldestFirstAgreesWithModel(@ForAll("sequences") ActionSequence<World> actions) {
        super.ledgerSpendingOldestFirstAgreesWithModel(actions);
    }

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(dataSource());
    }

    private static DataSource dataSource() {
        // Alternate between the two databases when PostgreSQL is there.
        return Databases.postgresAvailable() && databases++ % 2 == 0 ? Databases.freshPostgres() : Databases.freshH2();
    }
}
