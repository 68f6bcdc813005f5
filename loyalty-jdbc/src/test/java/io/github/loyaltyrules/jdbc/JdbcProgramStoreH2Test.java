package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDBC program store keeps the program store contract on H2; each "server" has its own data source
 * (its own connections), ledger store and program store over one database.
 */
class JdbcProgramStoreH2Test extends ProgramStoreContract {

    private static final AtomicInteger COUNT = new AtomicInteger();

    static Server server(String url) {
        UrlDataSource ds = new UrlDataSource(url);
        return new Server(Ledger.builder().zone(ZONE).currency(PTS).store(JdbcLedgerStore.of(ds)).build(),
                JdbcProgramStore.of(ds));
    }

    @Override
    protected Database newDatabase() {
        String url = Databases.h2Url("program" + COUNT.incrementAndGet());
        JdbcLedgerStore.of(new UrlDataSource(url)).migrate();
        return () -> server(url);
    }
}
