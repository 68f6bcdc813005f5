package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A posting that derives its fingerprint instead of keeping it, and shared lot ids, are the same
 * values as the ones built from scratch.
 */
class CompactPostingProperties {

    @Property(tries = 1000)
    void aDerivedFingerprintIsTheTextAndThePostingIsTheSame(
            @ForAll @LongRange(min = -70_000_000_000L, max = 260_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 2) int nanos, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long points,
            @ForAll @IntRange(min = 0, max = 3) int shape) {
        Instant at = Instant.ofEpochSecond(seconds, nanos == 0 ? 0 : nanos == 1 ? 5_000_000 : 7);
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        MemberId ann = MemberId.of("ann-" + seconds);
        MemberId bob = shape == 1 ? MemberId.of("bob") : null;
        IdempotencyKey target = shape == 2 ? IdempotencyKey.of("t-" + points) : null;
        String extra = shape == 3 ? "PT15M" : null;
        IdempotencyKey key = IdempotencyKey.of("k-" + points);
        for (PostingType type : PostingType.values()) {
            String text = Fingerprints.fingerprint(type, ann, bob, pts.points(points), at, "why", target, extra);
            Posting kept = new Posting(key, type, ann, bob, "PTS", points, at, "why", target, text, List.of());
            Posting derived = new Posting(key, type, ann, bob, "PTS", points, at, "why", target,
                    shape == 0 ? Posting.DERIVED : text, List.of());
            assertThat(derived.fingerprint()).isEqualTo(text);
            assertThat(kept.fingerprint()).isEqualTo(text);
            assertThat(derived).isEqualTo(kept).hasSameHashCodeAs(kept);
            assertThat(derived.toString()).isEqualTo(kept.toString()).doesNotContain("fingerprint");
            // another text is kept as given, and makes another posting
            Posting other = new Posting(key, type, ann, bob, "PTS", points, at, "why", target, text + "!", List.of());
            assertThat(other.fingerprint()).isEqualTo(text + "!");
            assertThat(other).isNotEqualTo(kept);
        }
        // a full reversal derives its text, whoever the counterparty; a partial one keeps its own
        String full = Fingerprints.fingerprint(PostingType.REVERSAL, ann, null, null, at, "why", key, "all");
        String partial = Fingerprints.fingerprint(PostingType.REVERSAL, ann, null, pts.points(points), at, "why", key, null);
        Posting kept = new Posting(IdempotencyKey.of("v"), PostingType.REVERSAL, ann, bob, "PTS", points, at, "why", key,
                full, List.of());
        Posting derived = new Posting(IdempotencyKey.of("v"), PostingType.REVERSAL, ann, bob, "PTS", points, at, "why",
                key, Posting.DERIVED, List.of());
        assertThat(derived.fingerprint()).isEqualTo(kept.fingerprint()).isEqualTo(full);
        assertThat(derived).isEqualTo(kept).hasSameHashCodeAs(kept).hasToString(kept.toString());
        Posting part = new Posting(IdempotencyKey.of("v"), PostingType.REVERSAL, ann, bob, "PTS", points, at, "why", key,
                partial, List.of());
        assertThat(part.fingerprint()).isEqualTo(partial);
        assertThat(part).isNotEqualTo(kept);
    }

    @Property(tries = 500)
    void anEntryKeepsItsMovementsAsTheListItWasGiven(
            @ForAll @net.jqwik.api.constraints.Size(max = 12) List<@LongRange(min = 1, max = 2000) Long> ids,
            @ForAll @LongRange(min = -50, max = 50) long delta, @ForAll boolean held) {
        List<LotMovement> given = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            given.add(new LotMovement(LotId.of(ids.get(i)), delta * (i + 1), held && i % 3 == 1 ? -i : 0));
        }
        Entry e = new Entry(1, IdempotencyKey.of("k"), PostingType.REDEEM, EntryType.REDEEM, MemberId.of("ann"), "PTS",
                -5, 0, 0, Instant.EPOCH, "why", given);
        assertThat(e.lots()).isEqualTo(given).hasSameHashCodeAs(given).containsExactlyElementsOf(List.copyOf(given));
        assertThat(e).isEqualTo(new Entry(1, IdempotencyKey.of("k"), PostingType.REDEEM, EntryType.REDEEM,
                MemberId.of("ann"), "PTS", -5, 0, 0, Instant.EPOCH, "why", e.lots()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.lots().add(new LotMovement(LotId.of(1), 1, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
        // the entry does not see later changes to the list it was given
        given.add(new LotMovement(LotId.of(7), 1, 0));
        assertThat(e.lots()).hasSize(ids.size());
    }

    @Property(tries = 500)
    void lotIdsAreValuesWhetherSharedOrNot(@ForAll @LongRange(min = 1, max = 5000) long n) {
        assertThat(LotId.of(n)).isEqualTo(new LotId(n)).hasSameHashCodeAs(new LotId(n));
        assertThat(LotId.of(n).value()).isEqualTo(n);
        assertThat(LotId.of(n).compareTo(LotId.of(n + 1))).isNegative();
    }
}
