package io.github.loyaltyrules.rule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A purchase's lines are an immutable list holding each line's amount in minor units, read once. */
class BasketLinesTest {

    @Property(tries = 200)
    void minorUnitsAreTheLineAmountsAndTheTotalTheirSum(
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 10_000_000) Long> cents,
            @ForAll @LongRange(min = 1, max = 1_000) long quantity) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < cents.size(); i++) {
            lines.add(BasketLine.of("L" + i, "S" + i, "c", quantity, Money.of(java.math.BigDecimal.valueOf(cents.get(i),
                    2), java.util.Currency.getInstance("EUR"))));
        }
        Purchase p = Purchase.of("S1", "pos", lines);
        BasketLines read = (BasketLines) p.lines();

        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            long expected = lines.get(i).amount().amount().movePointRight(2).longValueExact();
            assertThat(read.minorUnits()[i]).isEqualTo(expected);
            total += expected;
        }
        assertThat(read.total()).isEqualTo(total);
        assertThat(read).isEqualTo(lines).hasSameHashCodeAs(lines).hasToString(lines.toString());
        assertThat(p).isEqualTo(Purchase.of("S1", "pos", List.copyOf(lines)));
    }

    @Test
    void theListIsImmutableAndNotCopiedAgain() {
        List<BasketLine> given = new ArrayList<>(List.of(BasketLine.of("1", "A", "c", 2, Money.of("1.25", "EUR"))));
        BasketLines lines = BasketLines.copyOf(given);
        given.clear();

        assertThat(lines).hasSize(1);
        assertThat(BasketLines.copyOf(lines)).isSameAs(lines);
        assertThat(Purchase.of("S1", "pos", lines).lines()).isSameAs(lines);
        assertThatThrownBy(() -> lines.add(lines.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> lines.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> BasketLines.copyOf(Arrays.asList(lines.get(0), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Property(tries = 50)
    void aLineIsFoundByIdAtItsPosition(@ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 30) int n) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(BasketLine.of("id-" + i, "S", "c", 1, Money.of("1.00", "EUR")));
        }
        BasketLines read = BasketLines.copyOf(lines);

        for (int i = 0; i < n; i++) {
            assertThat(read.positionOf("id-" + i)).isEqualTo(i);
        }
        assertThat(read.positionOf("id-" + n)).isEqualTo(-1);
        assertThat(read.indexOf("id-0")).isEqualTo(-1); // a list's own indexOf looks for a line, not an id
    }

    @Test
    void amountsBeyondALongAreNotHeld() {
        BasketLine huge = BasketLine.of("1", "A", "c", 1_000, Money.of("92233720368547758.07", "EUR"));
        BasketLine half = BasketLine.of("2", "B", "c", 1, Money.of("50000000000000000.00", "EUR"));

        assertThat(BasketLines.copyOf(List.of(huge)).minorUnits()).isNull();
        assertThat(BasketLines.copyOf(List.of(huge)).total()).isEqualTo(-1);
        BasketLines sumBeyond = BasketLines.copyOf(List.of(half, BasketLine.of("3", "C", "c", 1,
                Money.of("50000000000000000.00", "EUR"))));
        assertThat(sumBeyond.minorUnits()).isNull(); // each fits, their sum does not
        assertThat(sumBeyond.total()).isEqualTo(-1);
    }
}
