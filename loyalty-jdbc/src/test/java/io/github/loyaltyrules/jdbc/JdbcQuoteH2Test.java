package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract.Stores;
import io.github.loyaltyrules.program.contract.QuoteContract;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** A quote changes no row of any table of the JDBC stores on H2 (ledger, program, tiers, quotas, challenges). */
class JdbcQuoteH2Test extends QuoteContract {

    private DataSource dataSource;

    @Override
    protected Stores newStores() {
        dataSource = Databases.freshH2();
        return JdbcPrivacyH2Test.stores(dataSource);
    }

    @Override
    protected Map<String, List<String>> snapshot(Stores stores) {
        return JdbcPrivacyH2Test.tables(dataSource);
    }
}
