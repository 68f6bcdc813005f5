package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.UsageLimitsContract;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Quotas;
import javax.sql.DataSource;

/**
 * The café's usage limits on H2: per-member counts in the program store's member rows (no new
 * column), overall counts in the JDBC quotas.
 */
class JdbcUsageLimitsH2Test extends UsageLimitsContract {

    private DataSource dataSource;

    @Override
    protected ProgramStore newStore() {
        dataSource = Databases.freshH2();
        return JdbcProgramStore.of(dataSource);
    }

    @Override
    protected Quotas newQuotas() {
        return JdbcQuotas.of(dataSource);
    }
}
