package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Purchase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed columns of a program record (schema 15), which the program's report sums in SQL
 * ({@link ProgramReportQueries}): the business time as {@code TIMESTAMP WITH TIME ZONE} to the
 * microsecond plus the nanoseconds below it, a purchase's store, money currency and total, a return's
 * purchase key and that purchase's store, and one {@code loyalty_program_award} row per record and
 * point currency with the points its award lines add up to. None of them is personal data: store ids,
 * amounts, currencies and keys are the program's. Written with every record, and by the data step of
 * schema 15 for the records stored before it ({@link #backfill}).
 */
final class ProgramRecordColumns {

    /** Records read per page by the data step of schema 15. */
    static final int PAGE = 500;

    static final String INSERT_RECORD = "INSERT INTO loyalty_program_record (record_key, member_id, kind, business_at,"
            + " record, personal, business_time, business_nano, store_id, money_currency, total_amount, original_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_AWARD = "INSERT INTO loyalty_program_award (record_key, currency, points) VALUES (?, ?, ?)";
    static final String DELETE_AWARDS = "DELETE FROM loyalty_program_award WHERE record_key = ?";
    /** The store of a return's purchase; none if the purchase is not stored. */
    private static final String PURCHASE_STORE = "SELECT store_id FROM loyalty_program_record"
            + " WHERE record_key = ? AND kind = 'PURCHASE'";

    private ProgramRecordColumns() {
    }

    /**
     * Inserts a record's row and its award rows; a return's store is read from its purchase's row.
     *
     * @throws SQLException if the database fails, or a row with the record's key exists (unique violation)
     */
    static void insert(Connection c, ReceiptRecord rec) throws SQLException {
        String store = null;
        if (rec.kind() == ReceiptRecord.Kind.RETURN) {
            store = purchaseStore(c, rec.original());
        }
        Map<String, Long> points = points(rec);
        try (PreparedStatement p = c.prepareStatement(INSERT_RECORD)) {
            p.setString(1, rec.key().value());
            p.setString(2, rec.member().value());
            p.setString(3, rec.kind().name());
            p.setString(4, rec.at().toString());
            p.setString(5, ProgramCodec.record(rec));
            p.setBoolean(6, rec.holdsPersonalData());
            bindTyped(p, 7, rec, store);
            p.executeUpdate();
        }
        if (!points.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(INSERT_AWARD)) {
                for (Map.Entry<String, Long> e : points.entrySet()) {
                    p.setString(1, rec.key().value());
                    p.setString(2, e.getKey());
                    p.setLong(3, e.getValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    /** The store of a purchase's row, or {@code ""} if no purchase is stored under the key. */
    private static String purchaseStore(Connection c, IdempotencyKey purchase) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(PURCHASE_STORE)) {
            p.setString(1, purchase.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    /**
     * Binds the six typed columns from {@code at}: business time, nanoseconds below its microsecond,
     * store, money currency, total and original key.
     *
     * @param returnStore for a return, the store of its purchase; else ignored
     */
    private static void bindTyped(PreparedStatement p, int at, ReceiptRecord rec, String returnStore)
            throws SQLException {
        LedgerRows.setInstant(p, at, rec.at());
        p.setInt(at + 1, subMicros(rec.at()));
        String store = null;
        String money = null;
        java.math.BigDecimal total = null;
        if (rec.kind() == ReceiptRecord.Kind.PURCHASE) {
            Purchase purchase = (Purchase) rec.activity();
            Money t = purchase.total();
            store = purchase.store();
            money = t.currency().getCurrencyCode();
            total = t.amount();
        } else if (rec.kind() == ReceiptRecord.Kind.RETURN) {
            store = returnStore;
        }
        p.setString(at + 2, store);
        p.setString(at + 3, money);
        if (total == null) {
            p.setNull(at + 4, Types.DECIMAL);
        } else {
            p.setBigDecimal(at + 4, total);
        }
        p.setString(at + 5, rec.original() == null ? null : rec.original().value());
    }

    /** The nanoseconds of an instant below its microsecond, which the time column does not keep: 0 to 999. */
    static int subMicros(Instant at) {
        return at.getNano() % 1_000;
    }

    /** The instant's microsecond, as the time column keeps it. */
    static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The points of a record's award lines per currency, in currency order.
     *
     * @throws AmountOverflowException if the lines of a currency add up to more than a {@code long}
     */
    static Map<String, Long> points(ReceiptRecord rec) {
        Map<String, Long> out = new TreeMap<>();
        for (Award a : rec.awards()) {
            out.merge(a.currency(), a.amount(), (x, y) -> {
                long sum = x + y;
                if (((x ^ sum) & (y ^ sum)) < 0) {
                    throw new AmountOverflowException("award lines of key '" + rec.key() + "' in " + a.currency()
                            + " add up to more than " + Long.MAX_VALUE + " minor units");
                }
                return sum;
            });
        }
        return out;
    }

    /**
     * The data step of schema 15: fills the typed columns and award rows of every record stored before
     * it, reading the records a page of {@value #PAGE} at a time in key order and decoding their text;
     * then a return's store from its purchase's row, in one statement; then makes the time columns
     * NOT NULL. It runs inside the transaction of the schema change, and can run again: it starts by
     * deleting the award rows (before schema 15 is recorded, only an earlier attempt wrote any).
     *
     * @return the records filled in
     */
    static long backfill(Connection c) throws SQLException {
        long filled = 0;
        String after = "";
        try (Statement s = c.createStatement()) {
            // rows of an attempt that failed after H2 committed part of it: this run writes them all again
            s.executeUpdate("DELETE FROM loyalty_program_award");
        }
        try (PreparedStatement read = c.prepareStatement("SELECT record_key, kind, member_id, record"
                + " FROM loyalty_program_record WHERE record_key > ? ORDER BY record_key LIMIT " + PAGE);
                PreparedStatement update = c.prepareStatement("UPDATE loyalty_program_record SET business_time = ?,"
                        + " business_nano = ?, store_id = ?, money_currency = ?, total_amount = ?, original_key = ?"
                        + " WHERE record_key = ?");
                PreparedStatement award = c.prepareStatement(INSERT_AWARD)) {
            while (true) {
                List<ReceiptRecord> page = new ArrayList<>(PAGE);
                read.setString(1, after);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        page.add(ProgramCodec.record(ReceiptRecord.Kind.valueOf(rs.getString(2)),
                                new IdempotencyKey(rs.getString(1)), MemberId.of(rs.getString(3)), rs.getString(4)));
                    }
                }
                boolean awards = false;
                for (ReceiptRecord rec : page) {
                    bindTyped(update, 1, rec, null);
                    update.setString(7, rec.key().value());
                    update.addBatch();
                    for (Map.Entry<String, Long> e : points(rec).entrySet()) {
                        award.setString(1, rec.key().value());
                        award.setString(2, e.getKey());
                        award.setLong(3, e.getValue());
                        award.addBatch();
                        awards = true;
                    }
                }
                if (!page.isEmpty()) {
                    update.executeBatch();
                    if (awards) {
                        award.executeBatch();
                    }
                    filled += page.size();
                    after = page.get(page.size() - 1).key().value();
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE loyalty_program_record SET store_id = COALESCE((SELECT o.store_id"
                    + " FROM loyalty_program_record o WHERE o.record_key = loyalty_program_record.original_key"
                    + " AND o.kind = 'PURCHASE'), '') WHERE kind = 'RETURN'");
            s.execute("ALTER TABLE loyalty_program_record ALTER COLUMN business_time SET NOT NULL");
            s.execute("ALTER TABLE loyalty_program_record ALTER COLUMN business_nano SET NOT NULL");
        }
        return filled;
    }
}
