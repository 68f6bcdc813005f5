package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderWithPointsTest {

    static final MemberId ANN = MemberId.of("ann");
    static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");

    @Test
    void anOrderAndItsPointsAreKeptOrDroppedTogether() throws SQLException {
        try (OrderWithPoints shop = new OrderWithPoints("jdbc:h2:mem:order-with-points-1;DB_CLOSE_DELAY=-1")) {
            shop.enrol(ANN, NOW);
            Receipt paid = shop.placeOrder("order-1", ANN, Money.of("42.50", "EUR"), NOW, true);
            assertThat(paid.total("PTS")).isEqualTo(42);
            assertThat(shop.orders()).isEqualTo(1);
            assertThat(shop.points(ANN)).isEqualTo(42);

            assertThat(shop.placeOrder("order-2", ANN, Money.of("18.00", "EUR"), NOW.plusSeconds(60), false)).isNull();
            assertThat(shop.orders()).isEqualTo(1);
            assertThat(shop.points(ANN)).isEqualTo(42);

            // the declined order's key was never used: the same order goes through once paid
            assertThat(shop.placeOrder("order-2", ANN, Money.of("18.00", "EUR"), NOW.plusSeconds(120), true)
                    .total("PTS")).isEqualTo(18);
            assertThat(shop.orders()).isEqualTo(2);
            assertThat(shop.points(ANN)).isEqualTo(60);
        }
    }

    @Test
    void aFailedOrderRowLeavesNoPoints() throws SQLException {
        try (OrderWithPoints shop = new OrderWithPoints("jdbc:h2:mem:order-with-points-2;DB_CLOSE_DELAY=-1")) {
            shop.enrol(ANN, NOW);
            shop.placeOrder("order-1", ANN, Money.of("10.00", "EUR"), NOW, true);
            // the shop's own insert fails (the order id exists): nothing of the second attempt stays
            assertThatThrownBy(() -> shop.placeOrder("order-1", ANN, Money.of("99.00", "EUR"), NOW.plusSeconds(5), true))
                    .isInstanceOf(SQLException.class);
            assertThat(shop.orders()).isEqualTo(1);
            assertThat(shop.points(ANN)).isEqualTo(10);
        }
    }

    @Test
    void theDemoPrintsTheThreeOrders() throws SQLException {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            OrderWithPoints.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("order-1 paid:     orders 1, points 42")
                .contains("order-2 declined: orders 1, points 42").contains("order-2 paid:     orders 2, points 60");
    }
}
