package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Fingerprints keep their text: the ledger's own instant text is exactly {@link Instant#toString()}. */
class FingerprintsProperties {

    @Property(tries = 2000)
    void instantTextIsExactlyToString(@ForAll @LongRange(min = -70_000_000_000L, max = 260_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 3) int roundTo) {
        // nanos that are whole milli- and microseconds print in groups of three, so make them common
        int n = roundTo == 0 ? 0 : roundTo == 1 ? nanos / 1_000_000 * 1_000_000 : roundTo == 2 ? nanos / 1000 * 1000 : nanos;
        Instant t = Instant.ofEpochSecond(seconds, n);
        assertThat(Fingerprints.appendInstant(new StringBuilder("x"), t).toString()).isEqualTo("x" + t);
    }

    @Property(tries = 1000)
    void fingerprintIsTheSameWhicheverWayItIsBuilt(
            @ForAll @LongRange(min = -70_000_000_000L, max = 260_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 2) int nanos, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long points,
            @ForAll @IntRange(min = 0, max = 3) int shape) {
        Instant at = Instant.ofEpochSecond(seconds, nanos == 0 ? 0 : nanos == 1 ? 5_000_000 : 7);
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        MemberId ann = MemberId.of("ann-" + seconds);
        MemberId bob = shape == 1 ? MemberId.of("bob") : null;
        IdempotencyKey target = shape == 2 ? IdempotencyKey.of("k-" + points) : null;
        String extra = shape == 3 ? "PT15M" : null;
        Points amount = shape == 2 && points % 2 == 0 ? null : pts.points(points);
        for (PostingType type : PostingType.values()) {
            assertThat(Fingerprints.fingerprint(type, ann, bob, amount, at, "why " + shape, target, extra))
                    .isEqualTo(Fingerprints.fingerprintText(type, ann, bob, amount, at, "why " + shape, target, extra))
                    .contains(" at " + at + " (why " + shape + ")");
        }
    }

    @Example
    void instantTextAtTheEdgesOfFourDigitYears() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999Z",
            "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z", "1969-12-31T23:59:59.100Z", "2024-02-29T12:00:00Z",
            "2000-03-01T00:00:00Z", "1900-02-28T23:59:59Z", "1600-12-31T00:00:00Z"}) {
            Instant t = Instant.parse(s);
            assertThat(Fingerprints.appendInstant(new StringBuilder(), t).toString()).isEqualTo(t.toString()).isEqualTo(s);
        }
    }
}
