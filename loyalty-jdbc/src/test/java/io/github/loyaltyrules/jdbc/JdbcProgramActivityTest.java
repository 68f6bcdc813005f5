package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC program store does around its report in SQL on H2: a record whose award lines add up
 * beyond a {@code long} is refused before anything is stored, the report reads inside the caller's
 * transaction when it owns one, and a failing database is reported as such, leaving the connection as
 * it was.
 */
class JdbcProgramActivityTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:15:30.000000250Z");
    private static final MemberId ANN = MemberId.of("ann");

    private static ReceiptRecord purchase(String key, Instant at) {
        Purchase p = Purchase.of("north", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 2, Money.of("4.50", "EUR"))));
        MemberProfile profile = new MemberProfile(ANN, "Gold", Set.of(), Map.of(), null, 0, BigDecimal.ONE, Set.of());
        return ReceiptRecord.purchase(IdempotencyKey.of(key), "v1", at, p, profile,
                List.of(new Award("base", "Base", "PTS", 9, Map.of("1", 9L), Explanation.fixed())));
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRecordWhoseAwardsAddUpBeyondALongIsRefusedAndNothingIsStored() throws SQLException {
        DataSource ds = Databases.freshH2();
        JdbcProgramStore store = JdbcProgramStore.of(ds);
        long half = Long.MAX_VALUE / 2 + 1;
        ReceiptRecord event = ReceiptRecord.event(IdempotencyKey.of("big"), ANN, "v1", AT, new MemberEvent("x", Map.of()),
                List.of(new Award("a", "A", "PTS", half, Map.of(), Explanation.fixed()),
                        new Award("b", "B", "PTS", half, Map.of(), Explanation.fixed())));
        assertThatThrownBy(() -> store.commit(new ProgramCommit(null, event, null, null)))
                .isInstanceOf(AmountOverflowException.class).hasMessageContaining("PTS").hasMessageContaining("'big'");
        assertThat(store.receipt(IdempotencyKey.of("big"))).isEmpty();
        assertThat(count(ds, "loyalty_program_record")).isZero();
        assertThat(count(ds, "loyalty_program_award")).isZero();
    }

    @Test
    void theReportReadsInTheCallersTransactionWhenItOwnsOne() throws SQLException {
        String url = Databases.h2Url("caller-report-" + System.nanoTime());
        JdbcLedgerStore.of(new UrlDataSource(url)).migrate();
        JdbcProgramStore own = JdbcProgramStore.of(new UrlDataSource(url));
        assertThat(own.commit(new ProgramCommit(null, purchase("p1", AT), null, null))).isEqualTo(CommitResult.APPLIED);
        try (Connection connection = new UrlDataSource(url).getConnection()) {
            JdbcProgramStore store = JdbcProgramStore.of(CurrentConnection.dataSource(() -> connection))
                    .withTransactionOwner(TransactionOwner.CALLER);
            connection.setAutoCommit(false);
            int isolation = connection.getTransactionIsolation();
            assertThat(store.commit(new ProgramCommit(null, purchase("p2", AT.plusNanos(1)), null, null)))
                    .isEqualTo(CommitResult.APPLIED);
            ProgramActivity inside = store.activity(AT, AT.plusSeconds(1));
            assertThat(inside.purchases()).isEqualTo(2);
            assertThat(inside.spend()).containsExactly(Map.entry("EUR", new BigDecimal("18.00")));
            assertThat(connection.getAutoCommit()).isFalse();
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
            connection.rollback();
            assertThat(store.activity(AT, AT.plusSeconds(1)).purchases()).isEqualTo(1);
            connection.setAutoCommit(true);
            // on a connection of its own, the store restores what it changed
            ProgramActivity alone = store.activity(AT, AT.plusSeconds(1));
            assertThat(alone.purchases()).isEqualTo(1);
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
        }
        assertThat(own.activity(AT.plusNanos(1), AT.plusSeconds(1)).purchases()).isZero();
    }

    @Test
    void aFailingDatabaseIsReportedAndTheNextReportReadsAsBefore() throws SQLException {
        String url = Databases.h2Url("failing-report-" + System.nanoTime());
        JdbcLedgerStore.of(new UrlDataSource(url)).migrate();
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        JdbcProgramStore store = JdbcProgramStore.of(ds);
        assertThat(store.commit(new ProgramCommit(null, purchase("p1", AT), null, null))).isEqualTo(CommitResult.APPLIED);
        ProgramActivity before = store.activity(AT, AT.plusSeconds(1));
        for (int k = 1; k <= 5; k++) {
            ds.arm(k, StatementFaultDataSource.Mode.FAIL);
            int statement = k;
            assertThatThrownBy(() -> store.activity(AT, AT.plusSeconds(1))).as("statement %d", statement)
                    .isInstanceOf(JdbcStoreException.class).hasMessageContaining("could not sum the program's records")
                    .hasMessageNotContaining("ann");
            ds.disarm();
            assertThat(store.activity(AT, AT.plusSeconds(1))).isEqualTo(before);
        }
        assertThat(before.purchases()).isEqualTo(1);
        assertThat(before.stores()).singleElement().satisfies(s -> assertThat(s.earned()).containsEntry("PTS", 9L));
    }
}
