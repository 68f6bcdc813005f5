package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Moves a member's ledger rows to a pseudonym in one transaction, for
 * {@link JdbcLedgerStore#pseudonymise} (the erasure of a member): the member, purse, lot,
 * reservation, reversal, posting, key and entry rows of the member get the pseudonym as
 * {@code member_id}, the member's reasons and request texts become {@value #ERASED}, the keys of the
 * member's expiry postings ({@code ~expiry/<member>/...}) are renamed wherever they are stored, and
 * the other members of the member's transfers have the pseudonym in place of the member id: as the
 * {@code counterparty} of their posting (whose request text, which names the member, is dropped) and
 * at the end of their entry's reason ({@code "gift (from <member>)"}).
 *
 * <p>The member row is updated first, which locks it: a posting racing with the move finds its
 * version changed and retries, and then finds no member. Finding the transfers that other members
 * made to the member reads {@code loyalty_posting} by {@code counterparty}, from its index (schema
 * version 9), so an erasure reads the member's own rows and those of their transfers, however large
 * the postings table.
 */
final class JdbcMemberErasure {

    /** What replaces the member's free text. */
    static final String ERASED = "erased";

    private static final String EXPIRY_KEYS = IdempotencyKey.SYSTEM_PREFIX + "expiry/";
    private static final String[] SIDES = {" (to ", " (from "};

    private JdbcMemberErasure() {
    }

    /** Moves the member in one transaction; false if the store holds no member row under {@code from}. */
    static boolean pseudonymise(DataSource dataSource, TransactionOwner owner, CommitWriter.Preparer prep, MemberId from,
            MemberId to) {
        if (from == null || to == null) {
            throw new NullPointerException("member and pseudonym must not be null");
        }
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, tx -> move(tx, prep, from.value(), to.value()), r -> true);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not move member " + from + " to a pseudonym (rolled back; nothing"
                    + " changed unless the commit itself failed, and retrying is safe): " + JdbcStoreException.describe(e), e);
        }
    }

    private static boolean move(Connection c, CommitWriter.Preparer prep, String from, String to) throws SQLException {
        if (update(c, prep, "UPDATE loyalty_member SET version = version + 1, status_reason = ? WHERE member_id = ?",
                ERASED, from) == 0) {
            return false;
        }
        try (PreparedStatement p = prep.prepare(c, "SELECT COUNT(*) FROM loyalty_member WHERE member_id = ?")) {
            p.setString(1, to);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("member " + to + " holds an account already; a member is moved"
                            + " only to an unused id");
                }
            }
        }
        renameOtherSides(c, prep, from, to);
        renameExpiryKeys(c, prep, from, to);
        update(c, prep, "UPDATE loyalty_member SET member_id = ? WHERE member_id = ?", to, from);
        for (String table : List.of("loyalty_purse", "loyalty_lot", "loyalty_reservation", "loyalty_reversal",
                "loyalty_posting_key", "loyalty_expiry_hold")) {
            update(c, prep, "UPDATE " + table + " SET member_id = ? WHERE member_id = ?", to, from);
        }
        update(c, prep, "UPDATE loyalty_posting SET member_id = ?, reason = '" + ERASED + "', fingerprint = '" + ERASED
                + "' WHERE member_id = ?", to, from);
        update(c, prep, "UPDATE loyalty_entry SET member_id = ?, reason = '" + ERASED + "' WHERE member_id = ?", to,
                from);
        return true;
    }

    /**
     * The other members of the member's transfers: their postings to the member name the pseudonym as
     * counterparty, without the request text; their entries of transfers either way name it in the reason.
     */
    private static void renameOtherSides(Connection c, CommitWriter.Preparer prep, String from, String to)
            throws SQLException {
        List<String[]> sides = new ArrayList<>(); // {other member, posting key}
        try (PreparedStatement p = prep.prepare(c, "SELECT member_id, posting_key FROM loyalty_posting"
                + " WHERE counterparty = ? AND member_id <> ?")) {
            p.setString(1, from);
            p.setString(2, from);
            read(p, sides);
        }
        try (PreparedStatement p = prep.prepare(c, "SELECT counterparty, posting_key FROM loyalty_posting"
                + " WHERE member_id = ? AND counterparty IS NOT NULL AND counterparty <> ?")) {
            p.setString(1, from);
            p.setString(2, from);
            read(p, sides);
        }
        update(c, prep, "UPDATE loyalty_posting SET counterparty = ?, fingerprint = '" + ERASED
                + "' WHERE counterparty = ?", to, from);
        for (String[] side : sides) {
            List<Object[]> entries = new ArrayList<>();
            try (PreparedStatement p = prep.prepare(c, "SELECT seq, reason FROM loyalty_entry"
                    + " WHERE member_id = ? AND posting_key = ? AND posting_type = 'TRANSFER'")) {
                p.setString(1, side[0]);
                p.setString(2, side[1]);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            for (Object[] e : entries) {
                String reason = (String) e[1];
                String renamed = reason == null ? null : renamed(reason, from, to);
                if (renamed != null) {
                    try (PreparedStatement p = prep.prepare(c,
                            "UPDATE loyalty_entry SET reason = ? WHERE member_id = ? AND seq = ?")) {
                        p.setString(1, renamed);
                        p.setString(2, side[0]);
                        p.setLong(3, (Long) e[0]);
                        p.executeUpdate();
                    }
                }
            }
        }
    }

    /** The reason with the member's id at its end (as the ledger names a transfer's other side) renamed; else null. */
    private static String renamed(String reason, String from, String to) {
        for (String side : SIDES) {
            String suffix = side + from + ")";
            if (reason.endsWith(suffix)) {
                return reason.substring(0, reason.length() - suffix.length()) + side + to + ")";
            }
        }
        return null;
    }

    /** The keys of the member's expiry postings name the member: renamed in every row that holds one. */
    private static void renameExpiryKeys(Connection c, CommitWriter.Preparer prep, String from, String to)
            throws SQLException {
        String prefix = EXPIRY_KEYS + from + "/";
        List<String> keys = new ArrayList<>();
        try (PreparedStatement p = prep.prepare(c, "SELECT posting_key FROM loyalty_posting"
                + " WHERE member_id = ? AND type = 'EXPIRY'")) {
            p.setString(1, from);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).startsWith(prefix)) {
                        keys.add(rs.getString(1));
                    }
                }
            }
        }
        for (String key : keys) {
            String renamed = EXPIRY_KEYS + to + "/" + key.substring(prefix.length());
            update(c, prep, "UPDATE loyalty_posting_key SET posting_key = ? WHERE posting_key = ?", renamed, key);
            for (String[] column : new String[][] {{"loyalty_posting", "posting_key"}, {"loyalty_posting", "target_key"},
                    {"loyalty_entry", "posting_key"}, {"loyalty_lot", "source_key"}, {"loyalty_reversal", "posting_key"}}) {
                try (PreparedStatement p = prep.prepare(c, "UPDATE " + column[0] + " SET " + column[1] + " = ?"
                        + " WHERE member_id = ? AND " + column[1] + " = ?")) {
                    p.setString(1, renamed);
                    p.setString(2, from);
                    p.setString(3, key);
                    p.executeUpdate();
                }
            }
        }
    }

    private static void read(PreparedStatement p, List<String[]> into) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                into.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
    }

    private static int update(Connection c, CommitWriter.Preparer prep, String sql, String first, String second)
            throws SQLException {
        try (PreparedStatement p = prep.prepare(c, sql)) {
            p.setString(1, first);
            p.setString(2, second);
            return p.executeUpdate();
        }
    }
}
