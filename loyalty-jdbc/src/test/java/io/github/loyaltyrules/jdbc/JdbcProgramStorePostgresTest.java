package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC program store keeps the program store contract on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcProgramStorePostgresTest extends ProgramStoreContract {

    @Override
    protected Database newDatabase() {
        Databases.freshPostgres();
        String url = System.getenv(Databases.PG_URL);
        return () -> JdbcProgramStoreH2Test.server(url);
    }
}
