package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.contract.ReportHistoryProperties;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The report property of loyalty-core over random histories, against the JDBC store's SQL: on H2
 * always, and on PostgreSQL too (every other try) when {@code LOYALTY_PG_URL} names a server.
 */
class JdbcReportProperties extends ReportHistoryProperties {

    private static int databases;

    @Override
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    public void reportsEqualTheSumsOfTheStatements(@ForAll("histories") List<Op> ops, @ForAll boolean inTimeOrder,
            @ForAll("days") int fromDay, @ForAll("days") int days) throws Exception {
        super.reportsEqualTheSumsOfTheStatements(ops, inTimeOrder, fromDay, days);
    }

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.postgresAvailable() && databases++ % 2 == 0 ? Databases.freshPostgres()
                : Databases.freshH2());
    }
}
