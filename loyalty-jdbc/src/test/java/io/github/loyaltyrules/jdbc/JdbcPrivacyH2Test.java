package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The JDBC stores erase as the contract says on H2: the snapshot is every row of every table of the
 * schema, each column's value shown.
 */
class JdbcPrivacyH2Test extends PrivacyContract {

    /** The tables of the schema but its history, as of version 15. */
    static final List<String> TABLES = List.of("loyalty_member", "loyalty_purse", "loyalty_lot", "loyalty_reservation",
            "loyalty_reversal", "loyalty_posting", "loyalty_posting_key", "loyalty_entry", "loyalty_quota",
            "loyalty_quota_draw", "loyalty_tier_member", "loyalty_tier_activity", "loyalty_program_member",
            "loyalty_program_record", "loyalty_program_return", "loyalty_program_key", "loyalty_program_tie",
            "loyalty_program_award");

    private DataSource dataSource;

    @Override
    protected Stores newStores() {
        dataSource = Databases.freshH2();
        return stores(dataSource);
    }

    static Stores stores(DataSource ds) {
        return new Stores(JdbcLedgerStore.of(ds), JdbcTierStore.of(ds), JdbcProgramStore.of(ds), JdbcQuotas.of(ds),
                JdbcChallengeStore.of(ds));
    }

    @Override
    protected Map<String, List<String>> snapshot(Stores stores) {
        return tables(dataSource);
    }

    /**
     * Every row of every loyalty table of the schema but its history, as {@code column=value} pairs, sorted:
     * the tables are read from the database's metadata, so a table a later migration adds is in the
     * snapshot too; at least the ones listed above must be there.
     */
    static Map<String, List<String>> tables(DataSource ds) {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
                    new String[] {"TABLE", "PARTITIONED TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                    // only the library's tables: another program's table in the same database (the
                    // benchmarks' bare-insert baseline, say) is not the member's data
                    if (table.startsWith("loyalty_") && !table.equals("loyalty_schema_history")) {
                        tables.add(table);
                    }
                }
            }
            if (!tables.containsAll(TABLES)) {
                throw new IllegalStateException("the metadata lists " + tables + "; expected at least " + TABLES);
            }
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(i == 1 ? "" : " | ").append(meta.getColumnName(i).toLowerCase()).append('=')
                                    .append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                out.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables: " + e.getMessage(), e);
        }
        return out;
    }
}
