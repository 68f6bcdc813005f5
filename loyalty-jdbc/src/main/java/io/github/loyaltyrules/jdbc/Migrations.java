package io.github.loyaltyrules.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The schema's versioned scripts and how they are applied: each script not yet recorded in
 * {@code loyalty_schema_history} runs in its own transaction, with the data step that goes with it
 * (version 5 moves the ledger's rows of schema 1 into the tables of schema 2; version 15 fills the
 * typed columns of the program records stored before it from their text).
 */
final class Migrations {

    static final List<String> SCRIPTS = List.of("V1__ledger.sql", "V2__quotas.sql", "V3__tiers.sql",
            "V4__program.sql", "V5__ledger_v2.sql", "V6__quota_draws.sql",
            "V7__lot_spending_order.sql", "V8__program_record_privacy.sql", "V9__posting_counterparty.sql",
            "V10__change_feed.sql", "V11__program_record_time.sql", "V12__redemption_tie.sql",
            "V13__lot_oldest_first.sql", "V14__purse_expiry_hold.sql", "V15__program_record_columns.sql",
            "V16__typed_times.sql", "V17__challenges.sql", "V18__expiry_entry_name.sql",
            "V19__expiry_hold_history.sql", "V20__challenge_badges.sql");
    private static final String SCRIPT_DIR = "/io/github/loyaltyrules/jdbc/migration/";
    private static final int LEDGER_V2 = 5;
    private static final int PROGRAM_RECORD_COLUMNS = 15;

    private Migrations() {
    }

    /** A script's version: the number after its {@code V}, e.g. 10 for {@code V10__change_feed.sql}. */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /**
     * Applies the scripts of {@link #SCRIPTS} up to the {@code upTo}-th (1-based, inclusive) that are
     * not yet recorded, each under the version its name gives.
     *
     * @return the number applied
     */
    static int migrate(DataSource dataSource, int upTo) {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS loyalty_schema_history ("
                        + "version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            }
            int applied = 0;
            for (int i = 0; i < upTo; i++) {
                String name = SCRIPTS.get(i);
                int version = version(name);
                if (recorded(c, version)) {
                    continue;
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(script(name))) {
                        s.execute(sql);
                    }
                    if (version == LEDGER_V2) {
                        LedgerV2Migration.run(c);
                    } else if (version == PROGRAM_RECORD_COLUMNS) {
                        ProgramRecordColumns.backfill(c);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO loyalty_schema_history (version, script) VALUES (?, ?)")) {
                        p.setInt(1, version);
                        p.setString(2, name);
                        p.executeUpdate();
                    }
                    c.commit();
                    applied++;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not migrate the loyalty schema: " + JdbcStoreException.describe(e), e);
        }
    }

    private static boolean recorded(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM loyalty_schema_history WHERE version = ?")) {
            p.setInt(1, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The text of one of the jar's schema scripts. */
    static String script(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(SCRIPT_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read schema script " + name, e);
        }
    }

    /** Splits a script into statements: drops comment lines, splits at semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("schema script ends without ';' after: " + current);
        }
        return out;
    }
}
