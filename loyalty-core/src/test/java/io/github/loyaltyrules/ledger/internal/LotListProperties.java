package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A lot list knows exactly where its live lots start and whether they are in redemption order, however it was built. */
class LotListProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The order a redemption takes lots in, written out independently of the list's own comparison. */
    private static final Comparator<Lot> REDEMPTION = Comparator
            .comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Lot::earnedAt).thenComparing(Lot::id);

    /** A lot: remaining 0..2 of 2, earned on one of a few days, expiring never or on one of a few days. */
    record Spec(int remaining, int earnedDay, int expiryDay) {
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-1, 3)).as(Spec::new).list().ofMaxSize(30);
    }

    private static List<Lot> lots(List<Spec> specs) {
        List<Lot> lots = new ArrayList<>();
        long id = 1;
        for (Spec s : specs) {
            Instant earned = T0.plusSeconds(86_400L * s.earnedDay());
            Instant expires = s.expiryDay() < 0 ? null : T0.plusSeconds(86_400L * (10 + s.expiryDay()));
            lots.add(new Lot(LotId.of(id), "PTS", 2, s.remaining(), earned, earned, expires,
                    new IdempotencyKey("k" + id), earned));
            id++;
        }
        return lots;
    }

    private static void assertKnowsItsLiveLots(List<Lot> list, List<Lot> expected) {
        assertThat(list).isEqualTo(expected);
        int firstLive = 0;
        while (firstLive < expected.size() && expected.get(firstLive).remaining() == 0) {
            firstLive++;
        }
        boolean ordered = true;
        for (int i = firstLive + 1; i < expected.size(); i++) {
            ordered &= REDEMPTION.compare(expected.get(i - 1), expected.get(i)) <= 0;
        }
        assertThat(LotList.firstLive(list)).isEqualTo(firstLive);
        assertThat(LotList.ordered(list)).isEqualTo(ordered);
        long remaining = 0;
        for (Lot lot : expected) {
            remaining += lot.remaining();
        }
        assertThat(LotList.copyOf(list).remaining()).isEqualTo(remaining);
    }

    @Property(tries = 300)
    void copiesAndAppendsKnowWhereLiveLotsStartAndWhetherTheyAreInOrder(@ForAll("specs") List<Spec> specs,
            @ForAll("specs") List<Spec> appended) {
        List<Lot> all = lots(concat(specs, appended));
        List<Lot> expected = new ArrayList<>(all.subList(0, specs.size()));
        LotList list = LotList.copyOf(expected);
        assertKnowsItsLiveLots(list, expected);
        for (Lot lot : all.subList(specs.size(), all.size())) {
            list = list.plus(lot);
            expected.add(lot);
            assertKnowsItsLiveLots(list, expected);
        }
    }

    @Property(tries = 300)
    void anAdoptedArrayIsTheListOfItsFirstSlotsAndAppendsKeepItsLots(@ForAll("specs") List<Spec> specs,
            @ForAll("specs") List<Spec> appended, @ForAll @net.jqwik.api.constraints.IntRange(max = 5) int slack) {
        List<Lot> all = lots(concat(specs, appended));
        List<Lot> expected = new ArrayList<>(all.subList(0, specs.size()));
        LotList list = LotList.adopt(expected.toArray(new Lot[expected.size() + slack]), expected.size());
        assertKnowsItsLiveLots(list, expected);
        LotList first = list;
        List<Lot> firstLots = List.copyOf(expected);
        for (Lot lot : all.subList(specs.size(), all.size())) {
            list = list.plus(lot);
            expected.add(lot);
            assertKnowsItsLiveLots(list, expected);
            // appending into the adopted array's free tail never changes a list made before
            assertThat(first).isEqualTo(firstLots);
        }
    }

    @Property(tries = 300)
    void comparesAsTheRedemptionOrder(@ForAll("specs") List<Spec> specs) {
        List<Lot> lots = lots(specs);
        for (Lot a : lots) {
            for (Lot b : lots) {
                assertThat(Integer.signum(LotList.compareForRedemption(a, b)))
                        .isEqualTo(Integer.signum(REDEMPTION.compare(a, b)));
            }
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
