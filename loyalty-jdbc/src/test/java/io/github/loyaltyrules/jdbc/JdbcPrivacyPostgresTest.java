package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC stores erase as the contract says on a real PostgreSQL server, every row of every table compared. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcPrivacyPostgresTest extends PrivacyContract {

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
