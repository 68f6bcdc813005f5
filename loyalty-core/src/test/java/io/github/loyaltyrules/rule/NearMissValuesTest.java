package io.github.loyaltyrules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Shortfall.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Shortfall} and {@link NearMiss}: typed values, the share missing, the order, and bad input refused. */
class NearMissValuesTest {

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static final Shortfall BASKET = Shortfall.ofAmounts(Kind.BASKET_TOTAL, "basket 27.50 of 30.00 EUR needed",
            eur("30.00"), eur("27.50"));
    private static final Shortfall UNITS = Shortfall.ofUnits(Kind.QUANTITY, "needs 2 of SKU X, basket has 1", 2, 1);
    private static final Shortfall STORE = Shortfall.ofValues(Kind.STORE, "needs store S1", Set.of("S1"), "S2");

    @Test
    void eachFactoryKeepsItsTypedValuesAndNoneOfTheOthers() {
        assertThat(BASKET.missingAmount()).contains(eur("2.50"));
        assertThat(BASKET.missingShare()).contains(new BigDecimal("0.0834"));
        assertThat(BASKET.neededUnits()).isEmpty();
        assertThat(BASKET.neededValues()).isEmpty();
        assertThat(BASKET.alternatives()).isEmpty();
        assertThat(UNITS.missingShare()).contains(new BigDecimal("0.5000"));
        assertThat(UNITS.neededAmount()).isEmpty();
        assertThat(UNITS.actualAmount()).isEmpty();
        assertThat(UNITS.missingAmount()).isEmpty();
        assertThat(STORE.neededValues()).containsExactly("S1");
        assertThat(STORE.actualValue()).contains("S2");
        assertThat(STORE.missingShare()).isEmpty();
        assertThat(STORE.neededUnits()).isEmpty();
        assertThat(STORE.actualUnits()).isEmpty();
        Shortfall count = Shortfall.ofUnits(Kind.PURCHASE_COUNT, "needs at least 5 earlier purchases, member has 3", 5, 3);
        assertThat(count.missingShare()).as("not a basket threshold").isEmpty();
        Shortfall met = Shortfall.ofAmounts(Kind.SPEND, "spend 0.00 of 0.00 EUR needed", eur("0.00"), eur("0.00"));
        assertThat(met.missingShare()).contains(new BigDecimal("0.0000"));
        Shortfall over = Shortfall.ofAmounts(Kind.SPEND, "spend", eur("1.00"), eur("2.00"));
        assertThat(over.missingAmount()).contains(eur("0.00"));
        Shortfall other = Shortfall.ofAmounts(Kind.BASKET_TOTAL, "basket is in GBP", eur("1.00"), Money.of("2", "GBP"));
        assertThat(other.missingAmount()).isEmpty();
        assertThat(other.missingShare()).isEmpty();
        assertThat(Shortfall.of(Kind.DATES, "only from 2024-06-01 to 2024-06-02").actualValue()).isEmpty();
        assertThat(BASKET.toString()).isEqualTo("BASKET_TOTAL: basket 27.50 of 30.00 EUR needed");
    }

    @Test
    void alternativesJoinTheirTextsAndTakeTheClosestShare() {
        Shortfall any = Shortfall.anyOf(List.of(STORE, BASKET, UNITS));
        assertThat(any.kind()).isEqualTo(Kind.ANY_OF);
        assertThat(any.text()).isEqualTo("one of: needs store S1; or basket 27.50 of 30.00 EUR needed; or needs 2 of"
                + " SKU X, basket has 1");
        assertThat(any.missingShare()).contains(new BigDecimal("0.0834"));
        assertThat(Shortfall.anyOf(List.of(STORE)).equals(STORE)).isTrue();
        assertThat(Shortfall.anyOf(List.of(STORE, STORE)).missingShare()).isEmpty();
        List<Shortfall> changing = new ArrayList<>(List.of(STORE, BASKET));
        Shortfall copy = Shortfall.anyOf(changing);
        changing.clear();
        assertThat(copy.alternatives()).hasSize(2);
    }

    @Test
    void equalValuesAreEqual() {
        Shortfall again = Shortfall.ofAmounts(Kind.BASKET_TOTAL, "basket 27.50 of 30.00 EUR needed", eur("30.00"),
                eur("27.50"));
        assertThat(again).isEqualTo(BASKET).hasSameHashCodeAs(BASKET).isNotEqualTo(UNITS).isNotEqualTo("x");
        assertThat(Shortfall.ofValues(Kind.STORE, "needs store S1", new LinkedHashSet<>(List.of("S1")), "S2"))
                .isEqualTo(STORE);
        assertThat(Shortfall.ofValues(Kind.TIER, "needs tier Gold", Set.of("Gold"), null)).isNotEqualTo(
                Shortfall.ofValues(Kind.TIER, "needs tier Gold", Set.of("Gold"), "Silver"));
    }

    @Test
    void nearMissesSortClosestFirstAndKeepTiesInOrder() {
        NearMiss two = new NearMiss("two", "Two", List.of(BASKET, UNITS));
        NearMiss store = new NearMiss("store", "Store", List.of(STORE));
        NearMiss units = new NearMiss("units", "Units", List.of(UNITS));
        NearMiss basket = new NearMiss("basket", "", List.of(BASKET));
        NearMiss store2 = new NearMiss("store2", "Store 2", List.of(STORE));
        assertThat(NearMiss.closestFirst(List.of(two, store, units, basket, store2))).extracting(NearMiss::ruleId)
                .containsExactly("basket", "units", "store", "store2", "two");
        assertThat(basket.text()).isEqualTo("basket: basket 27.50 of 30.00 EUR needed");
        assertThat(two.text()).isEqualTo("Two: basket 27.50 of 30.00 EUR needed; needs 2 of SKU X, basket has 1");
        assertThat(two.single()).isFalse();
        assertThat(store.single()).isTrue();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> Shortfall.of(Kind.DATES, " ")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Shortfall.of(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Shortfall.of(Kind.DATES, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Shortfall.ofUnits(Kind.QUANTITY, "x", -1, 0))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Shortfall.ofUnits(Kind.QUANTITY, "x", 1, -2))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> Shortfall.ofAmounts(Kind.SPEND, "x", eur("-1.00"), eur("1.00")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("-1.00 EUR");
        assertThatThrownBy(() -> Shortfall.ofAmounts(Kind.SPEND, "x", eur("1.00"), eur("-1.00")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Shortfall.ofAmounts(Kind.SPEND, "x", null, eur("1.00")))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Shortfall.ofValues(Kind.STORE, "x", Set.of(), "S1"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Shortfall.ofValues(Kind.STORE, "x", null, "S1"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Shortfall.anyOf(List.of())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new NearMiss(" ", "n", List.of(STORE))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new NearMiss("r", "n", List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'r'");
        assertThatThrownBy(() -> new NearMiss("r", null, List.of(STORE))).isInstanceOf(NullPointerException.class);
    }
}
