package io.github.loyaltyrules.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Ladders whose tiers need all of or any of several thresholds, nested: more qualifying activity
 * never yields a lower tier, and the tier is what a naive evaluation of the requirements over the
 * window's activity gives.
 */
class CombinedRequirementProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    private static final MemberId M = MemberId.of("m");
    private static final Metric[] METRICS = {Ladders.NIGHTS, Ladders.TIER_POINTS, Ladders.FLIGHTS};

    /** One qualifying activity: day offset from 2025-01-01, minute of day, metric index, amount. */
    record Act(int day, int minute, int metric, long amount) {
        Instant at() {
            return START.plusDays(day).atStartOfDay(ZONE).plusMinutes(minute).toInstant();
        }
    }

    /** A ladder of three tiers above the base, and its options. */
    record Shape(List<Requirement> requirements, int window, boolean retention, boolean softLanding, int grace) {
        TierLadder ladder() {
            QualificationWindow w = switch (window) {
                case 0 -> QualificationWindow.calendarYear();
                case 1 -> QualificationWindow.rollingMonths(12);
                case 2 -> QualificationWindow.anniversaryYear();
                default -> QualificationWindow.lifetime();
            };
            TierLadder.Builder b = TierLadder.builder().zone(ZONE).window(w).metrics(METRICS).retention(retention)
                    .softLanding(softLanding).gracePeriod(Period.ofMonths(window == 3 ? 0 : grace))
                    .tier(Tier.of("Base"));
            for (int k = 0; k < requirements.size(); k++) {
                b.tier(Tier.of("T" + (k + 1)).withRequirement(requirements.get(k)));
            }
            return b.build();
        }
    }

    static Arbitrary<Requirement> requirement(int level, int depth) {
        Arbitrary<Requirement> threshold = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 9))
                .as((m, r) -> Threshold.of(METRICS[m], (long) level * 10 + r + 1));
        if (depth == 0) {
            return threshold;
        }
        Arbitrary<List<Requirement>> parts = requirement(level, depth - 1).list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, threshold),
                net.jqwik.api.Tuple.of(1, parts.map(p -> Requirement.allOf(p.toArray(new Requirement[0])))),
                net.jqwik.api.Tuple.of(1, parts.map(p -> Requirement.anyOf(p.toArray(new Requirement[0])))))
                .ignoreException(InvalidLadderException.class); // two thresholds on a metric in one group
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Combinators.combine(requirement(1, 2), requirement(2, 2), requirement(3, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2))
                .as((a, b, c, w, r, s, g) -> new Shape(List.of(a, b, c), w, r, s, g));
    }

    @Provide
    Arbitrary<List<Act>> activity() {
        return Combinators.combine(Arbitraries.integers().between(0, 1500), Arbitraries.integers().between(0, 1439),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 15))
                .as(Act::new).list().ofMaxSize(25)
                .map(l -> l.stream().sorted(Comparator.comparing(Act::at)).toList());
    }

    private static TierLadder ladderOrSkip(Shape shape) {
        try {
            return shape.ladder();
        } catch (InvalidLadderException e) {
            Assume.that(false); // a lower tier's way in reaches a tier above: not a ladder
            return null;
        }
    }

    private static TierEngine engine(TierLadder ladder, List<Act> acts) {
        TierEngine e = TierEngine.of(ladder);
        e.enrol(M, START.atStartOfDay(ZONE).toInstant());
        int k = 0;
        for (Act a : acts) {
            e.record(M, METRICS[a.metric()], a.amount(), a.at(), IdempotencyKey.of("a" + (k++)));
        }
        return e;
    }

    private static int rank(TierEngine e, Instant at) {
        return e.ladder().tiers().indexOf(e.tierAt(M, at));
    }

    @Property(tries = 300)
    void moreQualifyingActivityNeverYieldsALowerTier(@ForAll("shapes") Shape shape,
            @ForAll("activity") List<Act> base, @ForAll("activity") List<Act> extra) {
        TierLadder ladder = ladderOrSkip(shape);
        List<Act> more = new ArrayList<>(base);
        more.addAll(extra);
        more.sort(Comparator.comparing(Act::at));
        TierEngine less = engine(ladder, base);
        TierEngine most = engine(ladder, more);
        for (int month = 0; month < 60; month += 4) {
            Instant probe = START.plusMonths(month).plusDays(month % 28).atStartOfDay(ZONE).toInstant();
            assertThat(rank(most, probe)).as("at %s", probe).isGreaterThanOrEqualTo(rank(less, probe));
        }
    }

    @Property(tries = 300)
    void theCalendarYearTierIsANaiveEvaluationOfTheRequirements(@ForAll("shapes") Shape shape,
            @ForAll("activity") List<Act> acts, @ForAll @IntRange(min = 0, max = 1600) int day) {
        Shape calendar = new Shape(shape.requirements(), 0, shape.retention(), false, 0);
        TierLadder ladder = ladderOrSkip(calendar);
        TierEngine e = engine(ladder, acts);
        Instant t = START.plusDays(day).atStartOfDay(ZONE).plusHours(12).toInstant();
        int year = t.atZone(ZONE).getYear();
        Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
        int expected = naiveTier(shape.requirements(), acts, yearStart, t.plusNanos(1));
        if (shape.retention()) {
            expected = Math.max(expected, naiveTier(shape.requirements(),
                    acts, LocalDate.of(year - 1, 1, 1).atStartOfDay(ZONE).toInstant(), yearStart));
        }
        assertThat(rank(e, t)).as("at %s", t).isEqualTo(expected);
    }

    /** The highest tier whose requirement the activity in {@code [from, to)} meets, evaluated on its own. */
    private static int naiveTier(List<Requirement> requirements, List<Act> acts, Instant from, Instant to) {
        long[] sums = new long[METRICS.length];
        for (Act a : acts) {
            if (!a.at().isBefore(from) && a.at().isBefore(to)) {
                sums[a.metric()] += a.amount();
            }
        }
        for (int k = requirements.size() - 1; k >= 0; k--) {
            if (meets(requirements.get(k), sums)) {
                return k + 1;
            }
        }
        return 0;
    }

    private static boolean meets(Requirement r, long[] sums) {
        if (r instanceof Threshold t) {
            return sums[List.of(METRICS).indexOf(t.metric())] >= t.minorUnits();
        }
        if (r instanceof Requirement.AllOf all) {
            return all.parts().stream().allMatch(p -> meets(p, sums));
        }
        return ((Requirement.AnyOf) r).parts().stream().anyMatch(p -> meets(p, sums));
    }
}
