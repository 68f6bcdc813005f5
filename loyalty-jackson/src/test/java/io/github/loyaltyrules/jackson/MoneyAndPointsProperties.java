package io.github.loyaltyrules.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any money or points written and read back is equal, its amount exact and written as the documented text. */
class MoneyAndPointsProperties {

    private static final List<PointCurrency> POINT_CURRENCIES = List.of(PointCurrency.of("PTS", "Points", 0),
            PointCurrency.of("MILES", "Miles", 2), PointCurrency.of("STARS", "Stars", 4));
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(LoyaltyModule.withCurrencies(POINT_CURRENCIES));

    @Property
    void moneyRoundTripsExactly(@ForAll("money") Money money) throws Exception {
        String text = JSON.writeValueAsString(money);
        assertThat(text).isEqualTo("{\"amount\":\"" + money.amount().toPlainString() + "\",\"currency\":\""
                + money.currency().getCurrencyCode() + "\"}");
        Money back = JSON.readValue(text, Money.class);
        assertThat(back).isEqualTo(money);
        assertThat(back.amount().scale()).isEqualTo(money.amount().scale());
    }

    @Property
    void pointsRoundTrip(@ForAll("points") Points points) throws Exception {
        String text = JSON.writeValueAsString(points);
        assertThat(text).isEqualTo("{\"amount\":" + points.minorUnits() + ",\"currency\":\""
                + points.currency().code() + "\"}");
        assertThat(JSON.readValue(text, Points.class)).isEqualTo(points);
    }

    @Provide
    Arbitrary<Money> money() {
        Arbitrary<Currency> currencies = Arbitraries.of("EUR", "JPY", "BHD", "GBP", "CLF").map(Currency::getInstance);
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).edgeCases(e -> e.includeOnly(
                        BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate()));
        return Combinators.combine(currencies, unscaled).as((c, u) ->
                Money.of(new BigDecimal(u, Math.max(c.getDefaultFractionDigits(), 0)), c));
    }

    @Provide
    Arbitrary<Points> points() {
        return Combinators.combine(Arbitraries.of(POINT_CURRENCIES), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as(PointCurrency::points);
    }
}
