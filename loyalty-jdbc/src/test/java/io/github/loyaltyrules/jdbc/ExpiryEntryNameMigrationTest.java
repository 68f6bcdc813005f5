package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema 18 renames the entries of expiry sweeps written before it (type {@code EXPIRE}) to the one
 * name postings and entries now share ({@code EXPIRY}); every other entry, and every balance, reads
 * back the same. On H2 and PostgreSQL.
 */
class ExpiryEntryNameMigrationTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0).withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    static Stream<Arguments> databases() {
        return Databases.freshUrls("expiry-name").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void entriesOfSweepsBeforeSchema18ReadBackAsExpiry(String db, String url) throws SQLException {
        DataSource ds = new UrlDataSource(url);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds).withWorkingSetCache(0)).build();
        MemberId m = MemberId.of(db + "-expired");
        ledger.enrol(m, T0.minus(Period.ofDays(400)));
        ledger.earn(m, PTS.points(40), T0.minus(Period.ofDays(365)), IdempotencyKey.of(db + "-old"), "old");
        ledger.earn(m, PTS.points(7), T0.minusSeconds(60), IdempotencyKey.of(db + "-new"), "new");
        ledger.expire(T0);
        List<Entry> after = ledger.statement(m);
        assertThat(after).extracting(Entry::type).containsExactly(EntryType.EARN, EntryType.EARN, EntryType.EXPIRY);

        // the rows as schema 17 wrote them
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE loyalty_entry SET type = 'EXPIRE' WHERE type = 'EXPIRY'")).isEqualTo(1);
            s.executeUpdate("DELETE FROM loyalty_schema_history WHERE version = 18");
        }
        assertThat(JdbcLedgerStore.of(ds).migrate()).isEqualTo(1);
        assertThat(ledger.statement(m)).isEqualTo(after);
        assertThat(ledger.balance(m, PTS).total()).isEqualTo(7);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loyalty_entry WHERE type = 'EXPIRE'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThat(JdbcLedgerStore.of(ds).migrate()).as("applied once").isZero();
    }
}
