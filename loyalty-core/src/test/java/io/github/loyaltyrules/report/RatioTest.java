package io.github.loyaltyrules.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A ratio keeps both parts and rounds its decimal value half-even at a stated scale, never through a double. */
class RatioTest {

    @Test
    void theValueIsRoundedHalfEvenToFourPlacesAndThePercentToTwo() {
        Ratio third = Ratio.of(1, 3);
        assertThat(third.value()).contains(new BigDecimal("0.3333"));
        assertThat(third.percent()).contains(new BigDecimal("33.33"));
        assertThat(third).hasToString("33.33%");
        // exactly half a unit in the last place: to the even neighbour
        assertThat(Ratio.of(1, 20_000).value()).contains(new BigDecimal("0.0000")); // 0.00005
        assertThat(Ratio.of(3, 20_000).value()).contains(new BigDecimal("0.0002")); // 0.00015
        assertThat(Ratio.of(1, 8).percent()).contains(new BigDecimal("12.50"));
    }

    @Test
    void aRatioMayExceedOneAndKeepsItsParts() {
        Ratio r = Ratio.of(Long.MAX_VALUE, 3);
        assertThat(r.numerator()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.value()).contains(new BigDecimal("3074457345618258602.3333"));
        assertThat(Ratio.of(3, 2).percent()).contains(new BigDecimal("150.00"));
    }

    @Test
    void aRatioOverZeroHasNoValue() {
        Ratio none = Ratio.of(0, 0);
        assertThat(none.isDefined()).isFalse();
        assertThat(none.value()).isEmpty();
        assertThat(none.percent()).isEmpty();
        assertThat(none).hasToString("n/a");
    }

    @Test
    void aNegativePartIsRefused() {
        assertThatThrownBy(() -> Ratio.of(-1, 5)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("a ratio's parts must not be negative; got -1 / 5");
        assertThatThrownBy(() -> Ratio.of(1, -5)).isInstanceOf(InvalidRequestException.class);
    }
}
