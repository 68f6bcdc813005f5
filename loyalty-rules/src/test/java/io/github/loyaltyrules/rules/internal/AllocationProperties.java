package io.github.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Pro-rata allocation: exact, never negative, and the same in long arithmetic as in BigInteger. */
class AllocationProperties {

    @Property(tries = 500)
    void partsAddUpAndMatchTheBigIntegerDefinition(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long total,
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = Long.MAX_VALUE / 8) Long> weights) {
        long[] w = weights.stream().mapToLong(Long::longValue).toArray();
        long[] parts = Allocation.proRata(total, w);

        assertThat(parts).containsExactly(reference(total, w));
        long sum = 0;
        for (long p : parts) {
            assertThat(p).isNotNegative();
            sum += p;
        }
        assertThat(sum).isEqualTo(total);
    }

    @Property(tries = 300)
    void smallAmountsTakeTheLongPathAndAgree(@ForAll @LongRange(min = 0, max = 1_000_000) long total,
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 10_000_000) Long> weights) {
        long[] w = weights.stream().mapToLong(Long::longValue).toArray();
        assertThat(Allocation.proRata(total, w)).containsExactly(reference(total, w));
    }

    /** Part i = floor(total * W(<=i) / W) - floor(total * W(<i) / W), all weights one if they sum to zero. */
    static long[] reference(long total, long[] weights) {
        BigInteger sum = BigInteger.ZERO;
        for (long x : weights) {
            sum = sum.add(BigInteger.valueOf(x));
        }
        boolean equal = sum.signum() == 0;
        if (equal) {
            sum = BigInteger.valueOf(weights.length);
        }
        long[] parts = new long[weights.length];
        BigInteger cumulative = BigInteger.ZERO;
        long before = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative = cumulative.add(BigInteger.valueOf(equal ? 1 : weights[i]));
            long upTo = total == 0 ? 0 : BigInteger.valueOf(total).multiply(cumulative).divide(sum).longValueExact();
            parts[i] = upTo - before;
            before = upTo;
        }
        return parts;
    }
}
