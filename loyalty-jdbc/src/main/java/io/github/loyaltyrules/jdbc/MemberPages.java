package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.MemberId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Keyset paging over a table's members in id order, shared by the stores that sweep or assess in batches. */
final class MemberPages {

    private MemberPages() {
    }

    /**
     * The statement for one page.
     *
     * @param table the table, keyed by {@code member_id}
     * @param after the last id of the previous page, or null for the first page
     * @return the SQL, with {@code after} (if any) then the page size as parameters
     */
    static String sql(String table, MemberId after) {
        return after == null
                ? "SELECT member_id FROM " + table + " ORDER BY member_id LIMIT ?"
                : "SELECT member_id FROM " + table + " WHERE member_id > ? ORDER BY member_id LIMIT ?";
    }

    /**
     * Reads one page with a statement prepared from {@link #sql}.
     *
     * @param p the statement
     * @param after the last id of the previous page, or null
     * @param limit the page size
     * @return the ids, in order
     * @throws SQLException if the database fails
     */
    static List<MemberId> read(PreparedStatement p, MemberId after, int limit) throws SQLException {
        int i = 1;
        if (after != null) {
            p.setString(i++, after.value());
        }
        p.setInt(i, limit);
        List<MemberId> page = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                page.add(new MemberId(rs.getString(1)));
            }
        }
        return page;
    }
}
