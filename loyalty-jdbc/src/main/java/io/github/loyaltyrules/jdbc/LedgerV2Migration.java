package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The data step of schema 5: moves every member's book (kept by schema 1 as one text column) into
 * member, purse, lot, reservation and reversal rows, and every posting and entry into the typed
 * posting, key and entry tables, then drops the columns and tables of schema 1. It runs inside the
 * transaction of the schema change (on PostgreSQL all of it rolls back on a failure; H2 commits DDL
 * as it goes), streams the old rows, and checks that as many entries came out as went in.
 */
final class LedgerV2Migration {

    private static final int BATCH = 500;

    private LedgerV2Migration() {
    }

    static void run(Connection c) throws SQLException {
        moveBooks(c);
        long postings = movePostings(c);
        long oldEntries = count(c, "SELECT COUNT(*) FROM loyalty_entry_v1");
        long newEntries = count(c, "SELECT COUNT(*) FROM loyalty_entry");
        if (oldEntries != newEntries || postings != count(c, "SELECT COUNT(*) FROM loyalty_posting")) {
            throw new IllegalStateException("migration to ledger schema 2 moved " + newEntries + " of " + oldEntries
                    + " entries; rolled back");
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE loyalty_entry_v1");
            s.execute("DROP TABLE loyalty_posting_v1");
            s.execute("ALTER TABLE loyalty_member DROP COLUMN book");
            for (String column : List.of("enrolled_at", "status_since", "next_lot", "next_entry")) {
                s.execute("ALTER TABLE loyalty_member ALTER COLUMN " + column + " SET NOT NULL");
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void moveBooks(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT member_id, book FROM loyalty_member");
                PreparedStatement member = c.prepareStatement("UPDATE loyalty_member SET enrolled_at = ?,"
                        + " status_since = ?, status_reason = ?, next_lot = ?, next_entry = ? WHERE member_id = ?");
                PreparedStatement purse = c.prepareStatement("INSERT INTO loyalty_purse"
                        + " (member_id, currency, balance, debt, last_activity) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement lot = c.prepareStatement(LedgerRows.INSERT_LOT_SCHEMA_5);
                PreparedStatement reservation = c.prepareStatement(LedgerRows.INSERT_RESERVATION);
                PreparedStatement reversal = c.prepareStatement("INSERT INTO loyalty_reversal"
                        + " (member_id, posting_key, amount, lots) VALUES (?, ?, ?, ?)")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    Codec.V1Book b = Codec.book(rs.getString(2));
                    MemberId id = b.account().member();
                    Account a = b.account();
                    LedgerRows.setInstant(member, 1, a.enrolledAt());
                    LedgerRows.setInstant(member, 2, a.statusSince());
                    member.setString(3, a.statusReason());
                    member.setLong(4, b.nextLot());
                    member.setLong(5, b.nextEntry());
                    member.setString(6, id.value());
                    member.addBatch();
                    for (Codec.V1Purse p : b.purses()) {
                        long balance = 0;
                        for (Lot l : p.lots()) {
                            balance += l.remaining();
                            LedgerRows.bindLot(lot, 1, id, l);
                            lot.addBatch();
                        }
                        purse.setString(1, id.value());
                        purse.setString(2, p.currency());
                        purse.setLong(3, balance);
                        purse.setLong(4, p.debt());
                        LedgerRows.setInstant(purse, 5, p.lastActivity());
                        purse.addBatch();
                    }
                    for (Reservation r : b.reservations().values()) {
                        LedgerRows.bindReservation(reservation, 1, r, r.status() == ReservationStatus.OPEN);
                        reservation.addBatch();
                    }
                    for (Map.Entry<IdempotencyKey, Reversed> e : b.reversed().entrySet()) {
                        reversal.setString(1, id.value());
                        reversal.setString(2, e.getKey().value());
                        reversal.setLong(3, e.getValue().amount());
                        reversal.setString(4, LedgerRows.reversedLots(e.getValue().lots()));
                        reversal.addBatch();
                    }
                    if (++pending == BATCH) {
                        flush(member, purse, lot, reservation, reversal);
                        pending = 0;
                    }
                }
            }
            flush(member, purse, lot, reservation, reversal);
        }
    }

    private static long movePostings(Connection c) throws SQLException {
        long moved = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT body FROM loyalty_posting_v1");
                PreparedStatement posting = c.prepareStatement(LedgerRows.INSERT_POSTING);
                PreparedStatement key = c.prepareStatement(LedgerRows.INSERT_KEY);
                PreparedStatement entry = c.prepareStatement(LedgerRows.INSERT_ENTRY)) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    Posting p = Codec.posting(rs.getString(1));
                    LedgerRows.bindPosting(posting, 1, p);
                    posting.addBatch();
                    LedgerRows.bindKey(key, 1, p);
                    key.addBatch();
                    List<Entry> entries = p.entries();
                    for (int i = 0; i < entries.size(); i++) {
                        LedgerRows.bindEntry(entry, 1, entries.get(i), i);
                        entry.addBatch();
                    }
                    moved++;
                    if (++pending == BATCH) {
                        flush(posting, key, entry);
                        pending = 0;
                    }
                }
            }
            flush(posting, key, entry);
        }
        return moved;
    }

    private static void flush(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement p : statements) {
            p.executeBatch();
        }
    }
}
