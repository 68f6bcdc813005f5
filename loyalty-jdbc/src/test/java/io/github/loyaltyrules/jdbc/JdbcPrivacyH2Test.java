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

    /** Every table of the schema but its history. */
    static final List<String> TABLES = List.of("loyalty_member", "loyalty_purse", "loyalty_lot", "loyalty_reservation",
            "loyalty_reversal", "loyalty_posting", "loyalty_posting_key", "loyalty_entry", "loyalty_quota",
            "loyalty_quota_draw", "loyalty_tier_member", "loyalty_tier_activity", "loyalty_program_member",
            "loyalty_program_record", "loyalty_program_return", "loyalty_program_key");

    private DataSource dataSource;

    @Override
    protected Stores newStores() {
        dataSource = Databases.freshH2();
        return stores(dataSource);
    }

    static Stores stores(DataSource ds) {
        return new Stores(JdbcLedgerStore.of(ds), JdbcTierStore.of(ds), JdbcProgramStore.of(ds));
    }

    @Override
    protected Map<String, List<String>> snapshot(Stores stores) {
        return tables(dataSource);
    }

    /** Every row of every table, as {@code column=value} pairs, sorted. */
    static Map<String, List<String>> tables(DataSource ds) {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
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
