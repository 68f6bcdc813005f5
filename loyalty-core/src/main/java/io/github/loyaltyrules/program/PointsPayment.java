package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Posting;
import java.util.Objects;

/**
 * Points paid towards a basket ({@link LoyaltyProgram#payWithPoints}): the redemption and the money it
 * takes off the basket.
 *
 * @param posting the ledger posting of the redemption, tied to the purchase
 * @param value what the points are worth on the basket's channel, to take off the basket's total
 *
 * @since 0.1.0
 */
public record PointsPayment(Posting posting, Money value) {

    /**
     * Validates the payment.
     *
     * @param posting the redemption
     * @param value the money it takes off
     * @throws NullPointerException if an argument is null
     */
    public PointsPayment {
        Objects.requireNonNull(posting, "posting must not be null");
        Objects.requireNonNull(value, "value must not be null");
    }
}
