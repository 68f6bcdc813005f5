package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.contract.QuotasContract;
import javax.sql.DataSource;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The JDBC quotas keep the quotas contract on a real PostgreSQL server; skipped (its examples and its
 * property alike) when none is configured.
 */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
@AddLifecycleHook(PartitionedPostgresStatefulProperties.PostgresOnly.class)
class JdbcQuotasPostgresTest extends QuotasContract {

    private static DataSource database;

    @Override
    protected Quotas fresh() {
        synchronized (JdbcQuotasPostgresTest.class) {
            if (database == null) {
                database = Databases.freshPostgres();
            }
        }
        return JdbcQuotasH2Test.emptied(database);
    }

    @Override
    protected int threadDraws() {
        return 250;
    }
}
