package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.feed.contract.ChangeFeedContract;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The JDBC stores keep the change feed contract on H2; a restart opens new store instances over the same database. */
class JdbcChangeFeedH2Test extends ChangeFeedContract {

    private final Map<Object, DataSource> sources = new IdentityHashMap<>();

    @Override
    protected Stores newStores() {
        return over(Databases.freshH2());
    }

    Stores over(DataSource ds) {
        Stores s = new Stores(JdbcLedgerStore.of(ds), JdbcTierStore.of(ds));
        sources.put(s.ledger(), ds);
        return s;
    }

    @Override
    protected Stores reopen(Stores stores) {
        return over(sources.get(stores.ledger()));
    }
}
