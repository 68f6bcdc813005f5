package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An order row of the caller's and the points it earns commit together, or roll back together,
 * when the stores write inside the caller's transaction ({@link TransactionOwner#CALLER}); a
 * posting the ledger refuses, or a failed one, leaves the caller's transaction usable. On H2
 * always, on PostgreSQL when configured.
 */
class CallerTransactionTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    static Stream<Arguments> databases() {
        List<Arguments> out = new ArrayList<>();
        for (String url : Databases.freshUrls("caller-tx")) {
            out.add(Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
        }
        return out.stream();
    }

    /** The caller's connection, and a ledger whose store writes on it. */
    private static final class Shop implements AutoCloseable {
        final Connection connection;
        final Ledger ledger;
        final JdbcQuotas quotas;

        Shop(String url) throws SQLException {
            connection = new UrlDataSource(url).getConnection();
            javax.sql.DataSource current = CurrentConnection.dataSource(() -> connection);
            ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                    .store(JdbcLedgerStore.of(current).withTransactionOwner(TransactionOwner.CALLER)).build();
            quotas = JdbcQuotas.of(current).withTransactionOwner(TransactionOwner.CALLER);
        }

        void order(String id) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO caller_tx_order (id) VALUES (?)")) {
                p.setString(1, id);
                p.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static void createOrders(String url) throws SQLException {
        try (Connection c = new UrlDataSource(url).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS caller_tx_order");
            s.execute("CREATE TABLE caller_tx_order (id VARCHAR(40) PRIMARY KEY)");
        }
    }

    /** What another connection sees: the orders, and ann's total from a ledger that owns its transactions. */
    private static List<String> orders(String url) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = new UrlDataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM caller_tx_order ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static Ledger outside(String url) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(new UrlDataSource(url))).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOrderAndItsPointsCommitTogetherAndRollBackTogether(String db, String url) throws SQLException {
        createOrders(url);
        Ledger outside = outside(url);
        outside.enrol(ANN, T0.minusSeconds(60));
        try (Shop shop = new Shop(url)) {
            shop.connection.setAutoCommit(false);
            shop.order("order-1");
            Posting earned = shop.ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-1/pts"), "order 1");
            // the caller's transaction sees its own writes; nobody else does yet
            assertThat(shop.ledger.balance(ANN, PTS).total()).isEqualTo(120);
            assertThat(outside.balance(ANN, PTS).total()).isZero();
            shop.connection.commit();
            assertThat(orders(url)).containsExactly("order-1");
            assertThat(outside.balance(ANN, PTS).total()).isEqualTo(120);
            assertThat(outside.posting(IdempotencyKey.of("order-1/pts"))).contains(earned);

            shop.order("order-2");
            shop.ledger.earn(ANN, PTS.points(80), T0, IdempotencyKey.of("order-2/pts"), "order 2");
            shop.ledger.redeem(ANN, PTS.points(50), T0, IdempotencyKey.of("order-2/redeem"), "coffee");
            shop.connection.rollback();
            assertThat(orders(url)).containsExactly("order-1");
            assertThat(outside.balance(ANN, PTS).total()).isEqualTo(120);
            assertThat(outside.statement(ANN)).hasSize(1);
            assertThat(outside.posting(IdempotencyKey.of("order-2/pts"))).isEmpty();

            // the keys of a rolled-back transaction were never used: the order can be placed again
            shop.order("order-2");
            shop.ledger.earn(ANN, PTS.points(80), T0, IdempotencyKey.of("order-2/pts"), "order 2");
            shop.connection.commit();
            assertThat(outside.balance(ANN, PTS).total()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRefusedOrConflictingPostingLeavesTheCallersTransactionUsable(String db, String url) throws SQLException {
        createOrders(url);
        Ledger outside = outside(url);
        outside.enrol(ANN, T0.minusSeconds(60));
        outside.earn(ANN, PTS.points(100), T0, IdempotencyKey.of("earn-1"), "first");
        outside.earn(ANN, PTS.points(5), T0, IdempotencyKey.of("pruned"), "old");
        try (Connection c = new UrlDataSource(url).getConnection(); Statement s = c.createStatement()) {
            // as if the key had left the idempotency window: the posting stays, its key's row is gone
            s.execute("DELETE FROM loyalty_posting_key WHERE posting_key = 'pruned'");
        }
        try (Shop shop = new Shop(url)) {
            shop.connection.setAutoCommit(false);
            shop.order("order-3");
            assertThatThrownBy(() -> shop.ledger.redeem(ANN, PTS.points(500), T0, IdempotencyKey.of("r-1"), "too much"))
                    .isInstanceOf(InsufficientPointsException.class);
            // a key used before with other content: the store's write fails on the key and rolls back to its savepoint
            assertThatThrownBy(() -> shop.ledger.earn(ANN, PTS.points(7), T0, IdempotencyKey.of("earn-1"), "other"))
                    .isInstanceOf(IdempotencyConflictException.class);
            // the database refuses the write (the posting's row exists): the store rolls back to its savepoint
            assertThatThrownBy(() -> shop.ledger.earn(ANN, PTS.points(9), T0, IdempotencyKey.of("pruned"), "again"))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("older than the idempotency window");
            shop.ledger.redeem(ANN, PTS.points(30), T0, IdempotencyKey.of("r-2"), "coffee");
            shop.order("order-4");
            shop.connection.commit();
        }
        assertThat(orders(url)).containsExactly("order-3", "order-4");
        assertThat(outside.balance(ANN, PTS).total()).isEqualTo(75);
        assertThat(outside.statement(ANN)).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withoutATransactionToJoinTheStoreCommitsItsOwn(String db, String url) throws SQLException {
        Ledger outside = outside(url);
        outside.enrol(ANN, T0.minusSeconds(60));
        try (Shop shop = new Shop(url)) {
            assertThat(shop.connection.getAutoCommit()).isTrue();
            shop.ledger.earn(ANN, PTS.points(40), T0, IdempotencyKey.of("e-1"), "walk-in");
            assertThat(outside.balance(ANN, PTS).total()).isEqualTo(40);
            assertThat(shop.connection.getAutoCommit()).as("auto-commit restored").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBudgetDrawnInARolledBackTransactionIsNotSpent(String db, String url) throws SQLException {
        try (Shop shop = new Shop(url)) {
            shop.connection.setAutoCommit(false);
            assertThat(shop.quotas.draw("order-9", "campaign:spring", 300, 1_000)).isEqualTo(300);
            assertThat(shop.quotas.used("campaign:spring")).isEqualTo(300);
            shop.connection.rollback();
            assertThat(JdbcQuotas.of(new UrlDataSource(url)).used("campaign:spring")).isZero();

            assertThat(shop.quotas.draw("order-9", "campaign:spring", 300, 1_000)).isEqualTo(300);
            shop.connection.commit();
            assertThat(JdbcQuotas.of(new UrlDataSource(url)).used("campaign:spring")).isEqualTo(300);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPurchaseThroughTheFacadeCommitsWithTheOrderOrNotAtAll(String db, String url) throws SQLException {
        createOrders(url);
        try (Shop shop = new Shop(url)) {
            javax.sql.DataSource current = CurrentConnection.dataSource(() -> shop.connection);
            LoyaltyProgram program = LoyaltyProgram.of(shop.ledger, ProgramVersion.of("v1", ProgramStoreContract.ENGINE,
                    List.of()), TierLookup.NONE, JdbcProgramStore.of(current).withTransactionOwner(TransactionOwner.CALLER));
            program.enrol(ANN, T0.minusSeconds(60));
            Purchase basket = Purchase.of("store-1", "web", List.of(
                    BasketLine.of("1", "LATTE", "coffee", 1, Money.of("12.40", "EUR"))));
            IdempotencyKey key = IdempotencyKey.of("order-5");

            shop.connection.setAutoCommit(false);
            shop.order("order-5");
            Receipt first = program.purchase(ANN, basket, T0, key);
            assertThat(first.total("PTS")).isEqualTo(12);
            shop.connection.rollback();
            assertThat(orders(url)).isEmpty();
            assertThat(outside(url).balance(ANN, PTS).total()).as("no points").isZero();
            assertThat(JdbcProgramStore.of(new UrlDataSource(url)).receipt(key)).isEmpty();

            shop.order("order-5");
            Receipt again = program.purchase(ANN, basket, T0, key);
            shop.connection.commit();
            assertThat(again.total("PTS")).isEqualTo(12);
            assertThat(orders(url)).containsExactly("order-5");
            assertThat(outside(url).balance(ANN, PTS).total()).isEqualTo(12);
            assertThat(JdbcProgramStore.of(new UrlDataSource(url)).receipt(key)).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aKeyReusedAfterItsIndexRowWasPrunedIsRefusedAndChangesNothing(String db, String url) throws SQLException {
        Ledger ledger = outside(url);
        ledger.enrol(ANN, T0.minusSeconds(60));
        ledger.earn(ANN, PTS.points(5), T0, IdempotencyKey.of("old"), "old");
        try (Connection c = new UrlDataSource(url).getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM loyalty_posting_key WHERE posting_key = 'old'");
        }
        // on PostgreSQL the one-statement write meets the posting's primary key and falls back to the
        // transaction, which names the cause; on H2 the transaction does it at once
        assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(9), T0, IdempotencyKey.of("old"), "again"))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("older than the idempotency window");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(5);
        assertThat(ledger.statement(ANN)).hasSize(1);
        ledger.earn(ANN, PTS.points(9), T0, IdempotencyKey.of("new"), "again");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void tierActivityRolledBackWithTheCallersTransactionCountsOnceWhenPostedAgain(String db, String url)
            throws SQLException {
        java.util.Currency eur = java.util.Currency.getInstance("EUR");
        io.github.loyaltyrules.tier.Metric spend = io.github.loyaltyrules.tier.Metric.spend(eur);
        io.github.loyaltyrules.tier.TierLadder ladder = io.github.loyaltyrules.tier.TierLadder.builder()
                .zone(ZoneOffset.UTC).window(io.github.loyaltyrules.tier.QualificationWindow.calendarYear())
                .metrics(spend).tier(io.github.loyaltyrules.tier.Tier.of("Member"))
                .tier(io.github.loyaltyrules.tier.Tier.of("Gold").withThreshold(spend, new java.math.BigDecimal("100")))
                .build();
        try (Shop shop = new Shop(url)) {
            javax.sql.DataSource current = CurrentConnection.dataSource(() -> shop.connection);
            io.github.loyaltyrules.tier.TierEngine tiers = io.github.loyaltyrules.tier.TierEngine.of(ladder, e -> { },
                    JdbcTierStore.of(current).withTransactionOwner(TransactionOwner.CALLER));
            io.github.loyaltyrules.tier.TierEngine outside = io.github.loyaltyrules.tier.TierEngine.of(ladder, e -> { },
                    JdbcTierStore.of(new UrlDataSource(url)));
            shop.connection.setAutoCommit(false);
            assertThat(tiers.record(ANN, Money.of("150.00", "EUR"), T0, IdempotencyKey.of("t-1")).name())
                    .isEqualTo("Gold");
            shop.connection.rollback();
            assertThat(outside.tierOf(ANN, T0)).isEmpty();
            assertThat(tiers.record(ANN, Money.of("60.00", "EUR"), T0, IdempotencyKey.of("t-1")).name())
                    .isEqualTo("Member");
            // the same key again in the same transaction: the activity counts once
            tiers.record(ANN, Money.of("60.00", "EUR"), T0, IdempotencyKey.of("t-1"));
            shop.connection.commit();
            assertThat(outside.tierOf(ANN, T0)).contains("Member");
            assertThat(outside.record(ANN, Money.of("50.00", "EUR"), T0, IdempotencyKey.of("t-2")).name())
                    .isEqualTo("Gold");
        }
    }
}
