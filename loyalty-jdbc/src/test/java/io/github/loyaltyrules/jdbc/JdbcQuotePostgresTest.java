package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract.Stores;
import io.github.loyaltyrules.program.contract.QuoteContract;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** A quote changes no row of any table of the JDBC stores on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcQuotePostgresTest extends QuoteContract {

    private DataSource dataSource;

    @Override
    protected Stores newStores() {
        dataSource = Databases.freshPostgres();
        return JdbcPrivacyH2Test.stores(dataSource);
    }

    @Override
    protected Map<String, List<String>> snapshot(Stores stores) {
        return JdbcPrivacyH2Test.tables(dataSource);
    }
}
