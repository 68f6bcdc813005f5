package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.examples.SpringOrderWithPoints.Checkout;
import io.github.loyaltyrules.examples.SpringOrderWithPoints.PaymentDeclinedException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.DuplicateKeyException;

/** With Spring's {@code @Transactional}, an order row and its points commit and roll back together. */
class SpringOrderWithPointsTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");

    private AnnotationConfigApplicationContext spring;
    private Checkout checkout;

    @BeforeEach
    void start() {
        spring = new AnnotationConfigApplicationContext(SpringOrderWithPoints.Config.class);
        checkout = spring.getBean(Checkout.class);
        checkout.program().enrol(ANN, NOW);
    }

    @AfterEach
    void stop() {
        spring.close();
    }

    @Test
    void theCheckoutRunsInSpringsTransaction() {
        assertThat(AopUtils.isAopProxy(checkout)).as("Spring wrapped the @Transactional checkout").isTrue();
    }

    @Test
    void aDeclinedPaymentRollsBackTheOrderAndItsPointsAndTheOrderGoesThroughLater() {
        assertThat(checkout.placeOrder("order-1", ANN, Money.of("42.50", "EUR"), NOW, true).total("PTS"))
                .isEqualTo(42);
        assertThat(checkout.orders()).isEqualTo(1);
        assertThat(checkout.points(ANN)).isEqualTo(42);

        assertThatThrownBy(() -> checkout.placeOrder("order-2", ANN, Money.of("18.00", "EUR"), NOW.plusSeconds(60),
                false)).isInstanceOf(PaymentDeclinedException.class);
        assertThat(checkout.orders()).isEqualTo(1);
        assertThat(checkout.points(ANN)).isEqualTo(42);
        assertThat(checkout.program().ledger().posting(IdempotencyKey.of("order-2"))).as("no posting kept").isEmpty();
        assertThat(checkout.program().receipt(IdempotencyKey.of("order-2"))).as("no purchase record kept").isEmpty();

        assertThat(checkout.placeOrder("order-2", ANN, Money.of("18.00", "EUR"), NOW.plusSeconds(120), true)
                .total("PTS")).isEqualTo(18);
        assertThat(checkout.orders()).isEqualTo(2);
        assertThat(checkout.points(ANN)).isEqualTo(60);
    }

    @Test
    void aFailedPurchaseRollsBackTheOrderRow() {
        assertThatThrownBy(() -> checkout.placeOrder("order-9", MemberId.of("nobody"), Money.of("10.00", "EUR"), NOW,
                true)).isInstanceOf(UnknownMemberException.class);
        assertThat(checkout.orders()).isZero();
    }

    @Test
    void aFailedOrderRowLeavesNoPoints() {
        checkout.placeOrder("order-1", ANN, Money.of("10.00", "EUR"), NOW, true);
        assertThatThrownBy(() -> checkout.placeOrder("order-1", ANN, Money.of("99.00", "EUR"), NOW.plusSeconds(5),
                true)).isInstanceOf(DuplicateKeyException.class);
        assertThat(checkout.orders()).isEqualTo(1);
        assertThat(checkout.points(ANN)).isEqualTo(10);
    }

    @Test
    void theDemoPrintsTheThreeOrders() {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            SpringOrderWithPoints.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "order-1 paid:     orders 1, points 42", "order-2 declined: orders 1, points 42",
                "order-2 paid:     orders 2, points 60");
    }
}
