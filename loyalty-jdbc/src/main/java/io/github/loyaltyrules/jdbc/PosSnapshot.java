package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.tier.Tier;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a point of sale needs about a member on every purchase, read in one round trip by
 * {@link JdbcPosReader}: the balance in every configured currency and the current tier, all as of
 * the same instant.
 *
 * @param member the member
 * @param asOf the instant the balances and the tier are for
 * @param balances the balance per currency code, in the ledger's currency order
 * @param tier the tier the member shows at {@code asOf}; the ladder's base tier if the tier engine has no state for them
 *
 * @since 0.1.0
 */
public record PosSnapshot(MemberId member, Instant asOf, Map<String, Balance> balances, Tier tier) {

    /**
     * Validates the snapshot and makes the map unmodifiable.
     *
     * @param member the member
     * @param asOf the instant
     * @param balances the balances by currency code
     * @param tier the tier
     * @throws NullPointerException if a component is null
     */
    public PosSnapshot {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(asOf, "instant must not be null");
        Objects.requireNonNull(tier, "tier must not be null");
        balances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(balances));
    }

    /**
     * Returns the balance in a currency.
     *
     * @param currency the currency
     * @return the balance
     * @throws NullPointerException if {@code currency} is null
     * @throws UnknownCurrencyException if the ledger does not configure the currency
     */
    public Balance balance(PointCurrency currency) {
        Objects.requireNonNull(currency, "currency must not be null");
        Balance b = balances.get(currency.code());
        if (b == null) {
            throw new UnknownCurrencyException("currency '" + currency.code() + "' is not configured in the ledger;"
                    + " configured: " + balances.keySet());
        }
        return b;
    }
}
