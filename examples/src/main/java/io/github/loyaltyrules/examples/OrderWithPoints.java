package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.jdbc.CurrentConnection;
import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.jdbc.JdbcProgramStore;
import io.github.loyaltyrules.jdbc.TransactionOwner;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A shop that writes its order row and the order's points in one database transaction, with
 * plain JDBC: the loyalty stores join the shop's transaction ({@link TransactionOwner#CALLER}),
 * through {@link CurrentConnection}, so a declined payment rolls back the order and its points
 * together, and the order can be placed again under the same key. (With Spring, give the stores
 * {@code new TransactionAwareDataSourceProxy(dataSource)} and use {@code @Transactional}.)
 */
public final class OrderWithPoints implements AutoCloseable {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);

    /** One point per whole euro of the basket. */
    static final RuleEngine POINT_PER_EURO = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of());
        }
        long points = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Evaluation(points == 0 ? List.of() : List.of(new Award("base", "1 point per euro", "PTS", points,
                Map.of(), Explanation.fixed())));
    };

    private final Connection connection;
    private final LoyaltyProgram program;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    /**
     * Opens the shop on a database: creates its order table and the loyalty tables.
     *
     * @param url a JDBC URL, e.g. {@code jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1}
     * @throws SQLException if the database fails
     */
    public OrderWithPoints(String url) throws SQLException {
        connection = DriverManager.getConnection(url);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS shop_order (id VARCHAR(40) PRIMARY KEY, member_id VARCHAR(40),"
                    + " total VARCHAR(20))");
        }
        DataSource shopConnection = CurrentConnection.dataSource(current::get);
        JdbcLedgerStore ledgerStore = JdbcLedgerStore.of(shopConnection).withTransactionOwner(TransactionOwner.CALLER);
        current.set(connection);
        try {
            ledgerStore.migrate();
        } finally {
            current.remove();
        }
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).store(ledgerStore).build();
        program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", POINT_PER_EURO, List.of()), TierLookup.NONE,
                JdbcProgramStore.of(shopConnection).withTransactionOwner(TransactionOwner.CALLER));
    }

    /**
     * Enrols a member (outside any order: the stores commit it themselves).
     *
     * @param member the member
     * @param at when
     * @throws SQLException if the database fails
     */
    public void enrol(MemberId member, Instant at) throws SQLException {
        inShopConnection(() -> program.enrol(member, at));
    }

    /**
     * Places an order in one transaction: the order row, then the points; commits if the payment
     * goes through and rolls both back if it does not.
     *
     * @param orderId the order's id, also the purchase's idempotency key
     * @param member the member
     * @param total the basket's total
     * @param at when
     * @param paymentAccepted whether the payment goes through
     * @return the receipt, or null if the payment was declined and nothing was kept
     * @throws SQLException if the database fails
     */
    public Receipt placeOrder(String orderId, MemberId member, Money total, Instant at, boolean paymentAccepted)
            throws SQLException {
        connection.setAutoCommit(false);
        current.set(connection);
        try {
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO shop_order (id, member_id, total) VALUES (?, ?, ?)")) {
                p.setString(1, orderId);
                p.setString(2, member.value());
                p.setString(3, total.amount().toPlainString());
                p.executeUpdate();
            }
            Receipt receipt = program.purchase(member, Purchase.of("web", "online",
                    List.of(BasketLine.of("1", "BASKET", "goods", 1, total))), at, IdempotencyKey.of(orderId));
            if (!paymentAccepted) {
                connection.rollback();
                return null;
            }
            connection.commit();
            return receipt;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            current.remove();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Returns how many orders the shop holds.
     *
     * @return the number of order rows
     * @throws SQLException if the database fails
     */
    public int orders() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM shop_order")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Returns a member's points.
     *
     * @param member the member
     * @return the total balance
     * @throws SQLException if the database fails
     */
    public long points(MemberId member) throws SQLException {
        long[] total = new long[1];
        inShopConnection(() -> total[0] = program.ledger().balance(member, PTS).total());
        return total[0];
    }

    private void inShopConnection(Runnable work) {
        current.set(connection);
        try {
            work.run();
        } finally {
            current.remove();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Places an order that is paid, one that is declined, and the declined one again once paid.
     *
     * @param args unused
     * @throws SQLException if the database fails
     */
    public static void main(String[] args) throws SQLException {
        try (OrderWithPoints shop = new OrderWithPoints("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1")) {
            MemberId ann = MemberId.of("ann");
            Instant now = Instant.parse("2026-03-02T10:15:00Z");
            shop.enrol(ann, now);
            shop.placeOrder("order-1", ann, Money.of("42.50", "EUR"), now, true);
            System.out.println("order-1 paid:     orders " + shop.orders() + ", points " + shop.points(ann));
            shop.placeOrder("order-2", ann, Money.of("18.00", "EUR"), now.plusSeconds(60), false);
            System.out.println("order-2 declined: orders " + shop.orders() + ", points " + shop.points(ann));
            shop.placeOrder("order-2", ann, Money.of("18.00", "EUR"), now.plusSeconds(120), true);
            System.out.println("order-2 paid:     orders " + shop.orders() + ", points " + shop.points(ann));
        }
    }
}
