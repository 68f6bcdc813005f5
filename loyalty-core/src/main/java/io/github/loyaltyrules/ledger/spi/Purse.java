package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.internal.LotList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A member's holdings in one currency, as stored: every lot (spent ones too, so that reversals
 * can give them back), the debt and the time of the last qualifying activity.
 *
 * @param currency the currency code
 * @param lots the lots, in creation order
 * @param debt the debt, in minor units
 * @param lastActivity the business time of the last qualifying activity, or {@code null}
 */
public record Purse(String currency, List<Lot> lots, long debt, Instant lastActivity) {

    /**
     * Validates the purse and makes its lot list unmodifiable.
     *
     * @param currency the currency code
     * @param lots the lots, in creation order
     * @param debt the debt, in minor units
     * @param lastActivity the business time of the last qualifying activity, or {@code null}
     * @throws NullPointerException if a required component is null
     */
    public Purse {
        Objects.requireNonNull(currency, "currency must not be null");
        // a LotList is immutable already, and may share its array with the purse it grew from
        lots = LotList.copyOf(lots);
    }
}
