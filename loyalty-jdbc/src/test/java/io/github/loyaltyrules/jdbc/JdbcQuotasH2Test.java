package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.contract.QuotasContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The JDBC quotas keep the quotas contract on H2. */
class JdbcQuotasH2Test extends QuotasContract {

    private static DataSource database;

    @Override
    protected Quotas fresh() {
        synchronized (JdbcQuotasH2Test.class) {
            if (database == null) {
                database = Databases.freshH2();
            }
        }
        return emptied(database);
    }

    @Override
    protected int threadDraws() {
        return 250;
    }

    /** Quotas on a migrated database whose counters and draws are deleted first. */
    static Quotas emptied(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM loyalty_quota_draw");
            s.execute("DELETE FROM loyalty_quota");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcQuotas.of(ds);
    }
}
