package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.report.StoreActivity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The program's report of a period in SQL ({@link JdbcProgramStore#activity}), over the typed columns
 * of schema 15 ({@link ProgramRecordColumns}): GROUP BY and COUNT(DISTINCT) statements, without
 * loading a record. Portable between PostgreSQL and H2. A period's bounds are exact to the nanosecond:
 * the time column keeps microseconds and {@code business_nano} the rest, so a bound compares on both.
 */
final class ProgramReportQueries {

    /** The records dated in {@code [from, to)}: six parameters, see {@link #bindPeriod}. */
    private static final String PERIOD = " business_time >= ? AND (business_time > ? OR business_nano >= ?)"
            + " AND business_time <= ? AND (business_time < ? OR business_nano < ?)";
    private static final String COUNTS = "SELECT COUNT(DISTINCT member_id),"
            + " COUNT(DISTINCT CASE WHEN kind = 'PURCHASE' THEN member_id END),"
            + " COALESCE(SUM(CASE WHEN kind = 'PURCHASE' THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN kind = 'EVENT' THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN kind = 'RETURN' THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN kind = 'REWARD' THEN 1 ELSE 0 END), 0)"
            + " FROM loyalty_program_record WHERE" + PERIOD;
    private static final String STORES = "SELECT store_id, SUM(CASE WHEN kind = 'PURCHASE' THEN 1 ELSE 0 END),"
            + " COUNT(DISTINCT CASE WHEN kind = 'PURCHASE' THEN member_id END),"
            + " SUM(CASE WHEN kind = 'RETURN' THEN 1 ELSE 0 END)"
            + " FROM loyalty_program_record WHERE kind IN ('PURCHASE', 'RETURN') AND" + PERIOD + " GROUP BY store_id";
    private static final String SPEND = "SELECT store_id, money_currency, SUM(total_amount)"
            + " FROM loyalty_program_record WHERE kind = 'PURCHASE' AND" + PERIOD + " GROUP BY store_id, money_currency";
    private static final String POINTS = "SELECT r.kind, r.store_id, a.currency, SUM(a.points)"
            + " FROM loyalty_program_record r JOIN loyalty_program_award a ON a.record_key = r.record_key"
            + " WHERE r.kind IN ('PURCHASE', 'EVENT', 'RETURN') AND" + PERIOD.replace("business_", "r.business_")
            + " GROUP BY r.kind, r.store_id, a.currency";

    private static final BigDecimal MAX_POINTS = BigDecimal.valueOf(Long.MAX_VALUE);

    /** One store's sums. */
    private static final class Store {
        long purchases;
        long members;
        long returns;
        final SortedMap<String, BigDecimal> spend = new TreeMap<>();
        final SortedMap<String, Long> earned = new TreeMap<>();
        final SortedMap<String, Long> returned = new TreeMap<>();
    }

    private ProgramReportQueries() {
    }

    /**
     * The sums of the period, with no members enrolled; in one transaction at REPEATABLE READ (one
     * snapshot for the four statements) unless the connection is in the caller's transaction already.
     */
    static ProgramActivity activity(Connection c, Instant from, Instant to) throws SQLException {
        return Transactions.snapshot(c, t -> read(t, from, to));
    }

    private static ProgramActivity read(Connection c, Instant from, Instant to) throws SQLException {
        long[] counts = new long[6];
        try (PreparedStatement p = c.prepareStatement(COUNTS)) {
            bindPeriod(p, 1, from, to);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rs.getLong(i + 1);
                }
            }
        }
        Map<String, Store> stores = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(STORES)) {
            bindPeriod(p, 1, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Store s = stores.computeIfAbsent(rs.getString(1), k -> new Store());
                    s.purchases = rs.getLong(2);
                    s.members = rs.getLong(3);
                    s.returns = rs.getLong(4);
                }
            }
        }
        SortedMap<String, BigDecimal> spend = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(SPEND)) {
            bindPeriod(p, 1, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String money = rs.getString(2);
                    // the column keeps 4 decimal places; the amounts had the currency's, as their sum has
                    BigDecimal sum = rs.getBigDecimal(3).setScale(
                            Math.max(Currency.getInstance(money).getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY);
                    stores.computeIfAbsent(rs.getString(1), k -> new Store()).spend.put(money, sum);
                    spend.merge(money, sum, BigDecimal::add);
                }
            }
        }
        SortedMap<String, Long> earned = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(POINTS)) {
            bindPeriod(p, 1, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    String currency = rs.getString(3);
                    long points = points(currency, rs.getBigDecimal(4));
                    if (kind.equals("RETURN")) {
                        add(stores.computeIfAbsent(rs.getString(2), k -> new Store()).returned, currency, points);
                    } else {
                        add(earned, currency, points);
                        if (kind.equals("PURCHASE")) {
                            add(stores.computeIfAbsent(rs.getString(2), k -> new Store()).earned, currency, points);
                        }
                    }
                }
            }
        }
        List<StoreActivity> perStore = new ArrayList<>(stores.size());
        for (Map.Entry<String, Store> e : stores.entrySet()) {
            Store s = e.getValue();
            perStore.add(new StoreActivity(e.getKey(), s.purchases, s.members, s.spend, s.earned, s.returns,
                    s.returned));
        }
        return new ProgramActivity(from, to, 0, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], spend,
                earned, perStore);
    }

    /**
     * Binds {@link #PERIOD} from {@code at}: a record is at or after {@code from} if its microsecond is
     * after {@code from}'s, or the same and its nanoseconds below it are not fewer; before {@code to} likewise.
     */
    private static void bindPeriod(java.sql.PreparedStatement p, int at, Instant from, Instant to)
            throws SQLException {
        LedgerRows.setInstant(p, at, from);
        LedgerRows.setInstant(p, at + 1, from);
        p.setInt(at + 2, ProgramRecordColumns.subMicros(from));
        LedgerRows.setInstant(p, at + 3, to);
        LedgerRows.setInstant(p, at + 4, to);
        p.setInt(at + 5, ProgramRecordColumns.subMicros(to));
    }

    /** A sum of points read as a decimal (SUM of BIGINT may be wider), refused beyond a {@code long}. */
    private static long points(String currency, BigDecimal sum) {
        if (sum.compareTo(MAX_POINTS) > 0) {
            throw overflow(currency);
        }
        return sum.longValueExact();
    }

    private static void add(SortedMap<String, Long> sums, String currency, long points) {
        sums.merge(currency, points, (x, y) -> {
            long sum = x + y;
            if (((x ^ sum) & (y ^ sum)) < 0) {
                throw overflow(currency);
            }
            return sum;
        });
    }

    private static AmountOverflowException overflow(String currency) {
        return new AmountOverflowException("points awarded in " + currency + " add up to more than "
                + Long.MAX_VALUE + " minor units; report a shorter period");
    }
}
