package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract;
import io.github.loyaltyrules.program.contract.RedactionScanContract;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The redaction scan over the JDBC stores on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcRedactionScanPostgresTest extends RedactionScanContract {

    @Override
    protected PrivacyContract.Stores newStores() {
        return JdbcPrivacyH2Test.stores(Databases.freshPostgres());
    }
}
