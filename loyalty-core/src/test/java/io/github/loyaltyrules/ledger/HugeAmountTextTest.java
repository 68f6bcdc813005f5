package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.InvalidTierRequestException;
import io.github.loyaltyrules.tier.Metric;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Amounts with a huge exponent, many digits or a long text are refused at once with a short
 * message: never scaled out to a billion digits, never printed in full.
 */
class HugeAmountTextTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency CASH = PointCurrency.of("CASH", "Cash", 2);

    static Throwable thrown(ThrowingCallable call) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> catchThrowable(call));
        assertThat(t).isInstanceOf(LoyaltyException.class);
        assertThat(t.getMessage()).hasSizeLessThan(300);
        return t;
    }

    @Test
    void aHugePositiveExponentIsAnOverflowThatShowsTheExponent() {
        for (String text : new String[] {"1e999999999", "1E+2147483647", "-1e999999999", "12.5e999999999"}) {
            assertThat(thrown(() -> Points.parse(PTS, text))).isInstanceOf(AmountOverflowException.class)
                    .hasMessageContaining("E+").hasMessageContaining("does not fit the exact range of a long");
            assertThat(thrown(() -> Points.parse(CASH, text))).isInstanceOf(AmountOverflowException.class);
            assertThat(thrown(() -> Money.of(text, "EUR"))).isInstanceOf(AmountOverflowException.class)
                    .hasMessageContaining("at most 100 digits before the decimal point");
        }
        assertThat(thrown(() -> Points.parse(PTS, "1e999999999"))).hasMessage(
                "amount 1E+999999999 PTS does not fit the exact range of a long in minor units");
    }

    @Test
    void aHugeNegativeExponentIsTooManyDecimalPlaces() {
        for (String text : new String[] {"1e-999999999", "1e-2147483647", "-7.5e-999999999"}) {
            assertThat(thrown(() -> Points.parse(PTS, text))).isInstanceOf(InvalidAmountException.class)
                    .hasMessageContaining("must have at most 0 decimal places").hasMessageContaining("E-");
            assertThat(thrown(() -> Money.of(text, "EUR"))).isInstanceOf(InvalidAmountException.class)
                    .hasMessageContaining("must have at most 2 decimal places");
        }
    }

    @Test
    void zeroWithAnyExponentIsZero() {
        assertThat(Points.parse(PTS, "0e999999999")).isEqualTo(PTS.points(0));
        assertThat(Points.parse(CASH, "0e-999999999")).isEqualTo(CASH.points(0));
        assertThat(Money.of("0e-999999999", "EUR")).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(Money.of("0E+999999999", "JPY")).isEqualTo(Money.of("0", "JPY"));
    }

    @Test
    void exponentsWithinRangeStillWork() {
        assertThat(Points.parse(PTS, "1.5e3")).isEqualTo(PTS.points(1500));
        assertThat(Points.parse(CASH, "125e-2")).isEqualTo(CASH.points(125));
        assertThat(Points.parse(PTS, "9.223372036854775807E18")).isEqualTo(PTS.points(Long.MAX_VALUE));
        assertThat(Money.of("1.2e1", "EUR")).isEqualTo(Money.of("12.00", "EUR"));
        assertThat(Money.of("9".repeat(100), "JPY").amount()).isEqualTo(new BigDecimal("9".repeat(100)));
    }

    @Test
    void aLongTextIsRefusedBeforeItIsRead() {
        String megabyte = "9".repeat(1_000_000);
        assertThat(thrown(() -> Points.parse(PTS, megabyte))).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("must be at most 100 characters; got 1000000 characters: '999");
        assertThat(thrown(() -> Money.of(megabyte, "EUR"))).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("must be at most 100 characters");
        assertThat(thrown(() -> Points.parse(PTS, "x".repeat(100)))).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("must be a decimal number").hasMessageContaining("xxx...");
    }

    @Test
    void manyDigitsAreShownCut() {
        String digits = "9".repeat(100);
        assertThat(thrown(() -> Points.parse(PTS, digits))).isInstanceOf(AmountOverflowException.class)
                .hasMessageContaining("9.99999").hasMessageContaining("...E+99");
        assertThat(thrown(() -> Points.parse(PTS, "0." + "0".repeat(97) + "1")))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("got 1E-98");
        assertThat(thrown(() -> Money.of("9".repeat(101), "EUR"))).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void decimalsFromJavaAreCheckedTheSameWay() {
        BigDecimal huge = new BigDecimal("1e999999999");
        BigDecimal tiny = new BigDecimal("1e-999999999");
        assertThat(thrown(() -> Points.fromDecimal(PTS, huge))).isInstanceOf(AmountOverflowException.class);
        assertThat(thrown(() -> Points.fromDecimal(PTS, tiny))).isInstanceOf(InvalidAmountException.class);
        assertThat(thrown(() -> Money.of(huge, Currency.getInstance("EUR")))).isInstanceOf(AmountOverflowException.class);
        assertThat(thrown(() -> Money.of(tiny, Currency.getInstance("EUR")))).isInstanceOf(InvalidAmountException.class);
        BigDecimal extremeScale = new BigDecimal("1".repeat(100) + "e+2147483647");
        assertThat(thrown(() -> Points.fromDecimal(PTS, extremeScale))).isInstanceOf(AmountOverflowException.class)
                .hasMessageContaining("1.1111111111111111111111111111111...E+2147483746");
        BigDecimal thousandDigits = new BigDecimal("7".repeat(1000) + "." + "7".repeat(1000));
        assertThat(thrown(() -> Points.fromDecimal(PTS, thousandDigits))).isInstanceOf(InvalidAmountException.class);
        Money big = Money.of("9".repeat(100), "JPY");
        assertThat(thrown(() -> big.times(10))).isInstanceOf(AmountOverflowException.class);
        assertThat(thrown(() -> big.plus(Money.of("1", "JPY")))).isInstanceOf(AmountOverflowException.class);
    }

    @Test
    void tierAmountsAndMultipliersAreShownCut() {
        Metric spend = Metric.spend(Currency.getInstance("EUR"));
        assertThat(thrown(() -> spend.minorUnits(new BigDecimal("1e999999999"))))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("1E+999999999");
        assertThat(thrown(() -> spend.minorUnits(new BigDecimal("1e-999999999"))))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("1E-999999999");
    }

    @Test
    void basketLinesAndTotalsBeyondWhatMoneyHoldsAreRefusedWhenBuilt() {
        Money price = Money.of("9".repeat(90), "EUR");
        assertThat(thrown(() -> BasketLine.of("L1", "SKU", "c", Long.MAX_VALUE, price)))
                .isInstanceOf(AmountOverflowException.class).hasMessageContaining("amount of line L1");
        BasketLine line = BasketLine.of("L1", "SKU", "c", 10_000_000_000L, price); // 100 digits
        BasketLine other = BasketLine.of("L2", "SKU", "c", 10_000_000_000L, price);
        assertThat(thrown(() -> Purchase.of("S", "pos", List.of(line, other))))
                .isInstanceOf(AmountOverflowException.class).hasMessageContaining("basket total");
        assertThat(Purchase.of("S", "pos", List.of(line)).total()).isEqualTo(line.amount());
    }
}
