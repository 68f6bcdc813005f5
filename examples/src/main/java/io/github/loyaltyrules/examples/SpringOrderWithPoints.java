package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.jdbc.JdbcProgramStore;
import io.github.loyaltyrules.jdbc.TransactionOwner;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link OrderWithPoints} with Spring: a {@code @Transactional} checkout writes the order row (with a
 * {@code JdbcTemplate}) and the order's points (with the loyalty stores) in one transaction. The stores
 * get the data source through a {@link TransactionAwareDataSourceProxy} and
 * {@link TransactionOwner#CALLER}, so inside the method they use the transaction's connection and leave
 * commit and rollback to Spring: a declined payment (an exception) rolls back the order and its points
 * together, and the order can be placed again later under the same key. Outside a transaction (enrolment,
 * balances) the stores commit their own work.
 */
public final class SpringOrderWithPoints {

    private SpringOrderWithPoints() {
    }

    /** Thrown by the checkout when the payment is declined; it rolls the transaction back. */
    public static final class PaymentDeclinedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Makes the exception for an order.
         *
         * @param orderId the order
         */
        public PaymentDeclinedException(String orderId) {
            super("payment for order " + orderId + " was declined");
        }
    }

    /** The shop's checkout: one transaction per order. */
    public static class Checkout {

        private final JdbcTemplate shop;
        private final LoyaltyProgram program;

        /**
         * Makes the checkout.
         *
         * @param shop the shop's own tables
         * @param program the loyalty program, whose stores join Spring's transactions
         */
        public Checkout(JdbcTemplate shop, LoyaltyProgram program) {
            this.shop = shop;
            this.program = program;
        }

        /**
         * Places an order: the order row, then its points, in the caller's Spring transaction; the
         * payment is taken last, and a declined one rolls both back.
         *
         * @param orderId the order's id, also the purchase's idempotency key
         * @param member the member
         * @param total the basket's total
         * @param at when
         * @param paymentAccepted whether the payment goes through
         * @return the receipt
         * @throws PaymentDeclinedException if the payment is declined; nothing is kept
         */
        @Transactional
        public Receipt placeOrder(String orderId, MemberId member, Money total, Instant at, boolean paymentAccepted) {
            shop.update("INSERT INTO shop_order (id, member_id, total) VALUES (?, ?, ?)", orderId, member.value(),
                    total.amount().toPlainString());
            Receipt receipt = program.purchase(member, Purchase.of("web", "online",
                    List.of(BasketLine.of("1", "BASKET", "goods", 1, total))), at, IdempotencyKey.of(orderId));
            if (!paymentAccepted) {
                throw new PaymentDeclinedException(orderId);
            }
            return receipt;
        }

        /**
         * Returns how many orders the shop holds.
         *
         * @return the number of order rows
         */
        public int orders() {
            Integer n = shop.queryForObject("SELECT COUNT(*) FROM shop_order", Integer.class);
            return n == null ? 0 : n;
        }

        /**
         * Returns a member's points.
         *
         * @param member the member
         * @return the total balance
         */
        public long points(MemberId member) {
            return program.ledger().balance(member, OrderWithPoints.PTS).total();
        }

        /**
         * Returns the program, e.g. to enrol members.
         *
         * @return the program
         */
        public LoyaltyProgram program() {
            return program;
        }
    }

    /** The Spring configuration: an H2 database, its transaction manager, the program and the checkout. */
    @Configuration
    @EnableTransactionManagement
    public static class Config {

        /** Makes the configuration; Spring calls it. */
        public Config() {
        }

        /**
         * The database (a pool in a real application).
         *
         * @return the data source
         */
        @Bean
        public DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:spring-shop-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }

        /**
         * Spring's transactions on that database.
         *
         * @param dataSource the database
         * @return the transaction manager
         */
        @Bean
        public PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        /**
         * The shop's own tables, through Spring.
         *
         * @param dataSource the database
         * @return the template
         */
        @Bean
        public JdbcTemplate shop(DataSource dataSource) {
            JdbcTemplate t = new JdbcTemplate(dataSource);
            t.execute("CREATE TABLE IF NOT EXISTS shop_order (id VARCHAR(40) PRIMARY KEY, member_id VARCHAR(40),"
                    + " total VARCHAR(20))");
            return t;
        }

        /**
         * The loyalty program, its stores on the transaction-aware proxy so they join Spring's transactions.
         *
         * @param dataSource the database
         * @return the program
         */
        @Bean
        public LoyaltyProgram program(DataSource dataSource) {
            DataSource joining = new TransactionAwareDataSourceProxy(dataSource);
            JdbcLedgerStore ledgerStore = JdbcLedgerStore.of(joining).withTransactionOwner(TransactionOwner.CALLER);
            ledgerStore.migrate();
            Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(OrderWithPoints.PTS).store(ledgerStore)
                    .build();
            return LoyaltyProgram.of(ledger, ProgramVersion.of("v1", OrderWithPoints.POINT_PER_EURO, List.of()),
                    TierLookup.NONE, JdbcProgramStore.of(joining).withTransactionOwner(TransactionOwner.CALLER));
        }

        /**
         * The checkout; Spring wraps it so that {@code placeOrder} runs in a transaction.
         *
         * @param shop the shop's tables
         * @param program the program
         * @return the checkout
         */
        @Bean
        public Checkout checkout(JdbcTemplate shop, LoyaltyProgram program) {
            return new Checkout(shop, program);
        }
    }

    /**
     * Places an order that is paid, one that is declined, and the declined one again once paid.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(Config.class)) {
            Checkout checkout = spring.getBean(Checkout.class);
            MemberId ann = MemberId.of("ann");
            Instant now = Instant.parse("2026-03-02T10:15:00Z");
            checkout.program().enrol(ann, now);
            checkout.placeOrder("order-1", ann, Money.of("42.50", "EUR"), now, true);
            System.out.println("order-1 paid:     orders " + checkout.orders() + ", points " + checkout.points(ann));
            try {
                checkout.placeOrder("order-2", ann, Money.of("18.00", "EUR"), now.plusSeconds(60), false);
            } catch (PaymentDeclinedException e) {
                System.out.println("order-2 declined: orders " + checkout.orders() + ", points " + checkout.points(ann));
            }
            checkout.placeOrder("order-2", ann, Money.of("18.00", "EUR"), now.plusSeconds(120), true);
            System.out.println("order-2 paid:     orders " + checkout.orders() + ", points " + checkout.points(ann));
        }
    }
}
