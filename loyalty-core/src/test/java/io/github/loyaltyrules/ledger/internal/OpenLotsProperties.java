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

/** An open-lot list stands for exactly the live lots it was given, however it was built, and never changes an earlier version. */
class OpenLotsProperties {

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

    /** What the list must say about the lots it stands for: {@code expected}, spent ones included. */
    private static void assertStandsFor(OpenLots list, List<Lot> expected) {
        List<Lot> live = new ArrayList<>();
        long remaining = 0;
        for (Lot lot : expected) {
            if (lot.remaining() > 0) {
                live.add(lot);
                remaining += lot.remaining();
            }
        }
        List<Lot> listed = new ArrayList<>();
        for (Lot lot : list) {
            if (lot.remaining() > 0) {
                listed.add(lot);
            }
        }
        // the live lots in number order, whatever spent ones the list still holds
        assertThat(listed).isEqualTo(live);
        assertThat(list.remaining()).isEqualTo(remaining);
        assertThat(list.live()).isEqualTo(live.size());
        // no more holes than the live lots and a small slack
        assertThat(list.size() - live.size()).isLessThanOrEqualTo(live.size() + 32);
        int firstLive = OpenLots.firstLive(list);
        for (int i = 0; i < firstLive; i++) {
            assertThat(list.get(i).remaining()).isZero();
        }
        if (!live.isEmpty()) {
            assertThat(list.get(firstLive)).isEqualTo(live.get(0));
        }
        if (OpenLots.ordered(list)) {
            for (int i = 1; i < live.size(); i++) {
                assertThat(REDEMPTION.compare(live.get(i - 1), live.get(i))).isNegative();
            }
        }
        assertThat(OpenLots.ordered(list, io.github.loyaltyrules.ledger.ConsumptionOrder.SOONEST_EXPIRY_FIRST))
                .isEqualTo(OpenLots.ordered(list));
        if (OpenLots.ordered(list, io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST)) {
            for (int i = 1; i < live.size(); i++) {
                assertThat(io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST.compare(live.get(i - 1),
                        live.get(i))).isNegative();
            }
        }
        for (Lot lot : expected) {
            int i = list.indexOf(lot.id());
            if (lot.remaining() > 0) {
                assertThat(list.get(i)).isEqualTo(lot);
            } else if (i >= 0) {
                assertThat(list.get(i)).isEqualTo(lot);
            }
        }
        for (int day = 0; day < 16; day++) {
            Instant t = T0.plusSeconds(86_400L * day);
            if (OpenLots.allAvailable(list, t)) {
                for (Lot lot : live) {
                    assertThat(lot.earnedAt()).isBeforeOrEqualTo(t);
                    assertThat(lot.availableAt()).isBeforeOrEqualTo(t);
                    assertThat(lot.expiresAt() == null || lot.expiresAt().isAfter(t)).isTrue();
                }
            }
        }
    }

    /** One step: 0-49 appends a lot, 50-89 spends or refills a lot in place, 90-99 puts back a dropped lot. */
    record Step(int kind, int which, int amount, int earnedDay, int expiryDay) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-1, 3)).as(Step::new).list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void appendsChangesAndPutBacksKeepEveryLiveLotAndLeaveEarlierVersionsAlone(@ForAll("steps") List<Step> steps) {
        OpenLots list = OpenLots.empty();
        List<Lot> expected = new ArrayList<>();
        List<OpenLots> versions = new ArrayList<>();
        List<List<Lot>> versionLots = new ArrayList<>();
        long next = 1;
        for (Step s : steps) {
            if (s.kind() < 50 || expected.isEmpty()) {
                Instant earned = T0.plusSeconds(86_400L * s.earnedDay());
                Instant expires = s.expiryDay() < 0 ? null : T0.plusSeconds(86_400L * (10 + s.expiryDay()));
                Lot lot = new Lot(LotId.of(next), "PTS", 2, 2, earned, earned, expires, new IdempotencyKey("k" + next),
                        earned);
                next++;
                list = list.plus(lot);
                expected.add(lot);
            } else {
                int k = s.which() % expected.size();
                Lot old = expected.get(k);
                Lot changed = old.withRemaining(s.amount(), old.lastMovementAt());
                int i = list.indexOf(old.id());
                if (i >= 0) {
                    list = list.with(i, changed);
                } else if (changed.remaining() > 0) {
                    list = list.inserted(changed);
                }
                expected.set(k, changed);
            }
            assertStandsFor(list, expected);
            versions.add(list);
            versionLots.add(List.copyOf(list));
        }
        for (int v = 0; v < versions.size(); v++) {
            assertThat(versions.get(v)).isEqualTo(versionLots.get(v));
        }
    }

    @Property(tries = 300)
    void severalSpentLotsPutBackAtOnceStandWhereOneByOneWould(@ForAll("specs") List<Spec> specs,
            @ForAll("masks") List<Integer> spend, @ForAll("masks") List<Integer> back) {
        List<Lot> expected = new ArrayList<>(lots(specs));
        OpenLots list = OpenLots.empty();
        for (Lot lot : expected) {
            list = list.plus(lot);
        }
        // spend some lots in place (the list drops them once they outnumber the live ones)
        for (int k = 0; k < expected.size(); k++) {
            if (spend.get(k % spend.size()) % 2 == 0 && expected.get(k).remaining() > 0) {
                Lot spent = expected.get(k).withRemaining(0, expected.get(k).lastMovementAt());
                list = list.with(list.indexOf(spent.id()), spent);
                expected.set(k, spent);
            }
        }
        // give points back to some lots that left the list, all at once, in any order
        List<Lot> putBack = new ArrayList<>();
        for (int k = expected.size() - 1; k >= 0; k--) {
            int amount = back.get(k % back.size()) % 3;
            if (list.indexOf(expected.get(k).id()) < 0 && amount > 0) {
                Lot refilled = expected.get(k).withRemaining(amount, expected.get(k).lastMovementAt());
                putBack.add(refilled);
                expected.set(k, refilled);
            }
        }
        OpenLots before = list;
        List<Lot> beforeLots = List.copyOf(list);
        list = list.insertedAll(putBack);
        assertStandsFor(list, expected);
        assertThat(before).isEqualTo(beforeLots);
    }

    @Provide
    Arbitrary<List<Spec>> longSpecs() {
        // up to 1,100 lots, past the 1,024 of a two-level trie, so that the builder makes a third level
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-1, 3)).as(Spec::new).list().ofMaxSize(1_100);
    }

    @Property(tries = 60)
    void aListBuiltInOnePassEqualsOneBuiltLotByLotAndGrowsAlike(@ForAll("longSpecs") List<Spec> specs,
            @ForAll("specs") List<Spec> more) {
        List<Lot> lots = lots(specs);
        OpenLots byPlus = OpenLots.empty();
        OpenLotsBuilder builder = OpenLots.builder(0);
        for (Lot lot : lots) {
            byPlus = byPlus.plus(lot);
            builder.add(lot);
        }
        OpenLots built = builder.build();
        assertSameList(built, byPlus);
        assertStandsFor(built, lots);
        // what comes after treats both alike: appends (through the trie's pushes) and changes in place
        long next = lots.size() + 1L;
        List<Lot> expected = new ArrayList<>(lots);
        for (Lot lot : lots(more)) {
            Lot renumbered = new Lot(LotId.of(next++), lot.currency(), lot.original(), lot.remaining(), lot.earnedAt(),
                    lot.availableAt(), lot.expiresAt(), lot.source(), lot.lastMovementAt());
            built = built.plus(renumbered);
            byPlus = byPlus.plus(renumbered);
            expected.add(renumbered);
        }
        assertSameList(built, byPlus);
        for (int k = 0; k < expected.size(); k += 7) {
            Lot old = expected.get(k);
            int i = built.indexOf(old.id());
            if (i < 0) {
                continue;
            }
            Lot changed = old.withRemaining(old.remaining() == 0 ? 1 : 0, old.lastMovementAt());
            built = built.with(i, changed);
            byPlus = byPlus.with(byPlus.indexOf(old.id()), changed);
            expected.set(k, changed);
        }
        assertSameList(built, byPlus);
        assertStandsFor(built, expected);
    }

    private static void assertSameList(OpenLots a, OpenLots b) {
        assertThat(a).isEqualTo(b);
        assertThat(a.remaining()).isEqualTo(b.remaining());
        assertThat(a.live()).isEqualTo(b.live());
        assertThat(OpenLots.firstLive(a)).isEqualTo(OpenLots.firstLive(b));
        assertThat(OpenLots.ordered(a)).isEqualTo(OpenLots.ordered(b));
        assertThat(OpenLots.ordered(a, io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST))
                .isEqualTo(OpenLots.ordered(b, io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST));
        for (int day = 0; day < 16; day++) {
            Instant t = T0.plusSeconds(86_400L * day);
            assertThat(OpenLots.allAvailable(a, t)).isEqualTo(OpenLots.allAvailable(b, t));
        }
    }

    @Property(tries = 200)
    void severalLotsChangedInOneEditStandWhereChangingThemOneByOneWould(@ForAll("longSpecs") List<Spec> specs,
            @ForAll("masks") List<Integer> changes) {
        List<Lot> expected = new ArrayList<>(lots(specs));
        OpenLots list = OpenLots.copyOf(expected);
        OpenLots before = list;
        List<Lot> beforeLots = List.copyOf(list);
        OpenLotsEditor edit = list.edit();
        int step = Math.max(1, list.size() / (changes.size() * 3 + 1));
        for (int i = 0, c = 0; i < list.size(); i += step, c++) {
            Lot old = edit.get(i);
            // the same lot may change twice in one edit: the second sees the first
            for (int twice = 0; twice < 1 + c % 2; twice++) {
                Lot changed = edit.get(i).withRemaining(changes.get((c + twice) % changes.size()) % 3,
                        old.lastMovementAt());
                edit.set(i, changed);
                expected.set((int) (changed.id().value() - 1), changed);
            }
        }
        list = edit.done();
        assertStandsFor(list, expected);
        assertThat(before).isEqualTo(beforeLots);
    }

    @Provide
    Arbitrary<List<Integer>> masks() {
        return Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(7);
    }

    @Property(tries = 50)
    void aLongListReadsBackEveryLot(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 40_000) int n) {
        OpenLots list = OpenLots.empty();
        List<Lot> expected = new ArrayList<>(lots(java.util.Collections.nCopies(n, new Spec(1, 0, -1))));
        for (Lot lot : expected) {
            list = list.plus(lot);
        }
        assertThat(list).hasSize(n).isEqualTo(expected);
        assertThat(OpenLots.copyOf(expected)).isEqualTo(expected);
        if (n > 0) {
            Lot last = expected.get(n - 1);
            OpenLots changed = list.with(n / 2, expected.get(n / 2).withRemaining(2, last.lastMovementAt()));
            assertThat(changed.get(n / 2).remaining()).isEqualTo(2);
            assertThat(list.get(n / 2).remaining()).isEqualTo(1);
            assertThat(changed.remaining()).isEqualTo(n + 1L);
        }
    }

    @Property(tries = 300)
    void comparesAsTheRedemptionOrder(@ForAll("specs") List<Spec> specs) {
        List<Lot> lots = lots(specs);
        for (Lot a : lots) {
            for (Lot b : lots) {
                assertThat(Integer.signum(OpenLots.compareForRedemption(a, b)))
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
