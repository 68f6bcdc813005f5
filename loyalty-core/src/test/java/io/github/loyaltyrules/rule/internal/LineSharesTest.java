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
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 1_000_000) Long> given) {
        long[] parts = given.stream().mapToLong(Long::longValue).toArray();
        List<BasketLine> lines = lines(parts.length);
        LineShares shares = LineShares.of(lines, parts);
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
