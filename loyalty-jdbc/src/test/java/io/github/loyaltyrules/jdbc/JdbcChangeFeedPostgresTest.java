package io.github.loyaltyrules.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC stores keep the change feed contract on PostgreSQL. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcChangeFeedPostgresTest extends JdbcChangeFeedH2Test {

    @Override
    protected Stores newStores() {
        return over(Databases.freshPostgres());
    }
}
