package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.report.contract.ProgramReportProperties;
import java.util.List;
import javax.sql.DataSource;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The program report property of loyalty-core over random histories on the JDBC stores: on H2
 * always, and on PostgreSQL too (every other try) when {@code LOYALTY_PG_URL} names a server.
 */
class JdbcProgramReportProperties extends ProgramReportProperties {

    private static int databases;

    @Override
    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    public void theProgramReportEqualsTheSumsOfTheReceipts(@ForAll("histories") List<Op> ops,
            @ForAll("days") int fromDay, @ForAll("days") int days) throws Exception {
        super.theProgramReportEqualsTheSumsOfTheReceipts(ops, fromDay, days);
    }

    @Override
    protected Stores newStores() {
        DataSource ds = Databases.postgresAvailable() && databases++ % 2 == 0 ? Databases.freshPostgres()
                : Databases.freshH2();
        return new Stores(JdbcLedgerStore.of(ds), JdbcProgramStore.of(ds));
    }
}
