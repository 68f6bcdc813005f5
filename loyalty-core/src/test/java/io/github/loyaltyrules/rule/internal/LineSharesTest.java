package io.github.loyaltyrules.rule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Compact line shares behave as the LinkedHashMap of their non-zero parts, and awards keep them as they are. */
class LineSharesTest {

    static List<BasketLine> lines(int n) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(BasketLine.of("L" + i, "SKU" + i, "c", 1, Money.of("1.00", "EUR")));
        }
        return List.copyOf(lines);
    }

    static Map<String, Long> reference(List<BasketLine> lines, long[] parts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                m.put(lines.get(i).lineId(), parts[i]);
            }
        }
        return m;
    }

    @Property(tries = 300)
    void behavesAsTheLinkedHashMapOfItsNonZeroParts(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 1_000_000) Long> given,
            @ForAll boolean purchaseLines) {
        long[] parts = given.stream().mapToLong(Long::longValue).toArray();
        // a purchase's lines find an id through their index (beyond 8 lines), any other list by looking at each
        List<BasketLine> lines = purchaseLines ? BasketLines.copyOf(lines(parts.length)) : lines(parts.length);
        behavesAsTheLinkedHashMapOf(LineShares.of(lines, parts), lines, parts);
    }

    /** Shares kept as a total over a purchase's running line amounts read as the cumulative-floor parts would. */
    @Property(tries = 300)
    void proRataSharesAreTheCumulativeFloorPartsAndBehaveAlike(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 100_000) Long> cents,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long total) {
        List<BasketLine> given = new ArrayList<>();
        for (int i = 0; i < cents.size(); i++) {
            given.add(BasketLine.of("L" + i, "SKU" + i, "c", 1 + i % 3, Money.of(java.math.BigDecimal.valueOf(cents.get(i),
                    2), java.util.Currency.getInstance("EUR"))));
        }
        BasketLines lines = BasketLines.copyOf(given);
        LineShares shares = LineShares.proRata(lines, total);
        long all = 0;
        for (long a : lines.minorUnits()) {
            all += a;
        }
        if (all == 0) {
            assertThat(shares).isNull(); // nothing to weigh by: the engine shares out by quantity instead
            return;
        }
        long[] expected = new long[lines.size()];
        java.math.BigInteger sum = java.math.BigInteger.valueOf(all);
        long running = 0;
        long before = 0;
        for (int i = 0; i < expected.length; i++) {
            running += lines.minorUnits()[i];
            long upTo = java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(running)).divide(sum)
                    .longValueExact();
            expected[i] = upTo - before;
            before = upTo;
        }

        assertThat(shares.parts()).containsExactly(expected);
        assertThat(shares.sum()).isEqualTo(total);
        assertThat(shares.lines()).isEqualTo(lines.size());
        assertThat(shares.over(lines)).isTrue();
        assertThat(shares).isEqualTo(LineShares.of(lines, expected));
        assertThat(LineShares.of(lines, expected)).isEqualTo(shares);
        behavesAsTheLinkedHashMapOf(shares, lines, expected);
    }

    @Test
    void proRataSharesAreNotKeptWhenTheProductDoesNotFitOrTheAmountsAreNotHeld() {
        BasketLines lines = BasketLines.copyOf(lines(3)); // 1.00 each: 300 in all
        BasketLines huge = BasketLines.copyOf(List.of(BasketLine.of("1", "A", "c", 1_000,
                Money.of("92233720368547758.07", "EUR"))));

        assertThat(LineShares.proRata(lines, Long.MAX_VALUE / 300)).isNotNull();
        assertThat(LineShares.proRata(lines, Long.MAX_VALUE / 300 + 1)).isNull();
        assertThat(LineShares.proRata(lines, -1)).isNull();
        assertThat(LineShares.proRata(huge, 1)).isNull();
        assertThat(LineShares.proRata(lines, 0)).isEmpty();
        assertThat(LineShares.proRata(lines, 7)).containsExactly(Map.entry("L0", 2L), Map.entry("L1", 2L),
                Map.entry("L2", 3L));
    }

    private static void behavesAsTheLinkedHashMapOf(LineShares shares, List<BasketLine> lines, long[] parts) {
        Map<String, Long> expected = reference(lines, parts);

        assertThat(shares).isEqualTo(expected);
        assertThat(expected).isEqualTo(shares);
        assertThat(shares.hashCode()).isEqualTo(expected.hashCode());
        assertThat(shares.toString()).isEqualTo(expected.toString());
        assertThat(shares.size()).isEqualTo(expected.size());
        assertThat(shares.isEmpty()).isEqualTo(expected.isEmpty());
        assertThat(new ArrayList<>(shares.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(shares.sum()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        for (BasketLine line : lines) {
            assertThat(shares.get(line.lineId())).isEqualTo(expected.get(line.lineId()));
            assertThat(shares.containsKey(line.lineId())).isEqualTo(expected.containsKey(line.lineId()));
        }
        assertThat(shares.get("no such line")).isNull();
        assertThat(shares.get(42)).isNull();
        assertThat(shares.containsKey("no such line")).isFalse();
        assertThat(new ArrayList<>(shares.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(shares.keySet()).isEqualTo(expected.keySet());
        assertThat(new ArrayList<>(shares.values())).isEqualTo(new ArrayList<>(expected.values()));
        for (long p : parts) {
            assertThat(shares.containsValue(p)).isEqualTo(expected.containsValue(p));
        }
        assertThat(shares.containsValue(-1L)).isFalse();
        assertThat(shares.containsValue("3")).isFalse();
        assertThat(shares).isEqualTo(LineShares.of(lines, parts.clone())).isNotEqualTo(List.of())
                .isNotEqualTo(Map.of("no such line", 1L));
        Map<String, Long> visited = new LinkedHashMap<>();
        shares.forEach(visited::put);
        assertThat(new ArrayList<>(visited.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
    }

    @Test
    void cannotBeChanged() {
        LineShares shares = LineShares.of(lines(2), new long[] {3, 4});

        assertThatThrownBy(() -> shares.put("L0", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shares.remove("L0")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shares.entrySet().iterator().next().setValue(9L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(shares::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shares.putAll(Map.of("L0", 1L))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shares.keySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shares.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(shares).containsExactly(Map.entry("L0", 3L), Map.entry("L1", 4L));
    }

    @Test
    void rejectsANegativePartNamingItsLine() {
        assertThatThrownBy(() -> LineShares.of(lines(3), new long[] {1, -2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("share of line L1 must not be negative; got -2");
    }

    @Test
    void rejectsAPartCountOtherThanTheLineCount() {
        assertThatThrownBy(() -> LineShares.of(lines(3), new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line shares need one part per line; got 3 lines and 2 parts");
    }

    @Test
    void withPartsKeepsTheLinesAndChecksTheParts() {
        List<BasketLine> lines = lines(2);
        LineShares shares = LineShares.of(lines, new long[] {3, 4}).withParts(new long[] {0, 5});

        assertThat(shares.over(lines)).isTrue();
        assertThat(shares).containsExactly(Map.entry("L1", 5L));
        assertThatThrownBy(() -> shares.withParts(new long[] {-1, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAwardKeepsCompactSharesWithoutCopyingAndStillChecksTheirSum() {
        LineShares shares = LineShares.of(lines(3), new long[] {2, 0, 5});

        Award award = new Award("r", "Rule", "PTS", 7, shares, Explanation.fixed());

        assertThat(award.lineShares()).isSameAs(shares);
        assertThatThrownBy(() -> new Award("r", "Rule", "PTS", 8, shares, Explanation.fixed()))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("line shares of the award of rule r add up to 7, not to its amount 8");
    }

    @Test
    void anAwardStillCopiesOtherMaps() {
        Map<String, Long> shares = new LinkedHashMap<>(Map.of("L0", 7L));

        Award award = new Award("r", "Rule", "PTS", 7, shares, Explanation.fixed());
        shares.put("L1", 1L);

        assertThat(award.lineShares()).containsExactly(Map.entry("L0", 7L));
    }
}
