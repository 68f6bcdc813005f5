package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Runs the e-commerce order flow and checks that pending points, the refund and the release add up. */
class OnlineOrderFlowTest {

    private static final MemberId CHLOE = MemberId.of("chloe");

    @Test
    void pointsArePendingUntilTheReturnWindowClosesAndARefundTakesBackWhatItsUnitsEarned() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Ledger ledger = OnlineOrderFlow.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // 199 + floor(29.97) + 49 = 277 base points, and the 100-point bonus on an order over 150.00.
        assertThat(out).contains("+277 PTS: Points on your order", "+100 PTS: Big-order bonus",
                "a voucher is refused while the points are pending");
        Balance ordered = balance(ledger, OnlineOrderFlow.ORDERED);
        assertThat(ordered.total()).isEqualTo(377);
        assertThat(ordered.pending()).isEqualTo(377);
        assertThat(ordered.available()).isZero();

        // The refund takes floor(29 * 2/3) = 19 and floor(49 * 1/2) = 24 base points, and of the bonus,
        // shared by amount as 71 / 11 / 18, floor(11 * 2/3) = 7 and floor(18 * 1/2) = 9: 59 in all.
        assertThat(out).contains("-43 PTS: Points on your order", "-16 PTS: Big-order bonus");
        Balance refunded = balance(ledger, OnlineOrderFlow.REFUNDED);
        assertThat(refunded.total()).isEqualTo(318);
        assertThat(refunded.pending()).isEqualTo(318);

        Instant closes = OnlineOrderFlow.ORDERED.atZone(OnlineOrderFlow.ZONE).plus(OnlineOrderFlow.RETURN_WINDOW)
                .toInstant();
        assertThat(balance(ledger, closes.minusSeconds(1)).available()).isZero();
        Balance released = balance(ledger, closes);
        assertThat(released.available()).isEqualTo(318);
        assertThat(released.pending()).isZero();

        Balance end = balance(ledger, closes.plusSeconds(3 * 3600));
        assertThat(end.total()).isEqualTo(end.available()).isEqualTo(68);
        assertThat(end.debt()).isZero();
    }

    private static Balance balance(Ledger ledger, Instant at) {
        return ledger.balance(CHLOE, OnlineOrderFlow.POINTS, at);
    }
}
