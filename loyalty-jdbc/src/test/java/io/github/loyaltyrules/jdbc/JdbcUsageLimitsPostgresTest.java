package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.UsageLimitsContract;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Quotas;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The café's usage limits on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcUsageLimitsPostgresTest extends UsageLimitsContract {

    private DataSource dataSource;

    @Override
    protected ProgramStore newStore() {
        dataSource = Databases.freshPostgres();
        return JdbcProgramStore.of(dataSource);
    }

    @Override
    protected Quotas newQuotas() {
        return JdbcQuotas.of(dataSource);
    }
}
