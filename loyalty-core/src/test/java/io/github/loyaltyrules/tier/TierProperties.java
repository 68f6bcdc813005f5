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
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the tier engine over random activity histories and ladder options. */
class TierProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    private static final MemberId M = MemberId.of("m");

    /** One qualifying activity: day offset from 2025-01-01, minute of day, metric (0 nights, 1 points), amount. */
    record Act(int day, int minute, int metric, long amount) {
        Instant at() {
            return START.plusDays(day).atStartOfDay(ZONE).plusMinutes(minute).toInstant();
        }
    }

    /** Ladder options. */
    record Options(int window, boolean retention, boolean softLanding, int graceMonths) {
        TierLadder ladder() {
            QualificationWindow w = switch (window) {
                case 0 -> QualificationWindow.calendarYear();
                case 1 -> QualificationWindow.rollingMonths(12);
                case 2 -> QualificationWindow.anniversaryYear();
                default -> QualificationWindow.lifetime();
            };
            return Ladders.hotel().zone(ZONE).window(w).retention(retention).softLanding(softLanding)
                    .gracePeriod(Period.ofMonths(window == 3 ? 0 : graceMonths)).build();
        }
    }

    @Provide
    Arbitrary<List<Act>> activity() {
        return Combinators.combine(Arbitraries.integers().between(0, 1500), Arbitraries.integers().between(0, 1439),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(1, 30))
                .as((d, m, k, a) -> new Act(d, m, k, k == 0 ? a : a * 2_500L)).list().ofMaxSize(25)
                .map(l -> l.stream().sorted(Comparator.comparing(Act::at)).toList());
    }

    @Provide
    Arbitrary<Options> options() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 2)).as(Options::new);
    }

    private static TierEngine engine(Options o, List<Act> acts, List<Instant> assessments) {
        TierEngine e = TierEngine.of(o.ladder());
        e.enrol(M, START.atStartOfDay(ZONE).toInstant());
        int k = 0;
        int next = 0;
        for (Act a : acts) {
            while (next < assessments.size() && assessments.get(next).isBefore(a.at())) {
                e.assessTiers(assessments.get(next++));
            }
            e.record(M, a.metric() == 0 ? Ladders.NIGHTS : Ladders.TIER_POINTS, a.amount(), a.at(),
                    IdempotencyKey.of("a" + (k++)));
        }
        return e;
    }

    private static List<Instant> probes() {
        List<Instant> probes = new ArrayList<>();
        for (int month = 0; month < 84; month += 5) {
            probes.add(START.plusMonths(month).plusDays(month % 28).atStartOfDay(ZONE).toInstant());
        }
        return probes;
    }

    private static int rank(TierEngine e, Instant at) {
        return e.ladder().tiers().indexOf(e.tierAt(M, at));
    }

    @Property(tries = 150)
    void moreQualifyingActivityNeverYieldsALowerTier(@ForAll("activity") List<Act> base,
            @ForAll("activity") List<Act> extra, @ForAll("options") Options options) {
        List<Act> more = new ArrayList<>(base);
        more.addAll(extra);
        more.sort(Comparator.comparing(Act::at));
        TierEngine less = engine(options, base, List.of());
        TierEngine most = engine(options, more, List.of());
        for (Instant probe : probes()) {
            assertThat(rank(most, probe)).as("at %s", probe).isGreaterThanOrEqualTo(rank(less, probe));
        }
    }

    /**
     * Found by the property above: on a rolling window with grace and soft landing, a member whose
     * downgrade was pending re-qualified for a higher tier, and the stale pending downgrade later took
     * them two tiers down at once, below a member with less activity.
     */
    @Example
    void anUpgradeVoidsADowngradePendingFromALowerTier() {
        moreQualifyingActivityNeverYieldsALowerTier(List.of(new Act(59, 0, 1, 7_500), new Act(424, 0, 1, 42_500)),
                List.of(new Act(0, 0, 1, 42_500)), new Options(1, true, true, 1));
    }

    @Property(tries = 150)
    void theHistoryAsOfAnInstantEndsInTheTierShownThenWithoutAnAssessment(@ForAll("activity") List<Act> acts,
            @ForAll("options") Options options, @ForAll @IntRange(min = 0, max = 2500) int day) {
        TierEngine e = engine(options, acts, List.of());
        List<TierChange> storedBefore = e.history(M);
        for (Instant probe : probes()) {
            List<TierChange> h = e.history(M, probe);
            String shown = h.isEmpty() ? e.ladder().base().name() : h.get(h.size() - 1).to();
            assertThat(shown).as("at %s", probe).isEqualTo(e.tierOf(M, probe).orElseThrow())
                    .isEqualTo(e.tierAt(M, probe).name());
            assertThat(h).as("at %s", probe).allMatch(c -> !c.at().isAfter(probe));
        }
        assertThat(e.history(M)).as("nothing stored").isEqualTo(storedBefore);
        Instant asOf = START.plusDays(day).atStartOfDay(ZONE).toInstant();
        List<TierChange> forecast = e.history(M, asOf);
        e.assessTiers(asOf);
        assertThat(e.history(M, asOf)).as("an assessment records what the history showed").isEqualTo(forecast);
    }

    @Property(tries = 150)
    void assessingTwiceAtTheSameInstantChangesNothing(@ForAll("activity") List<Act> acts,
            @ForAll("options") Options options, @ForAll @IntRange(min = 0, max = 2500) int day) {
        TierEngine e = engine(options, acts, List.of());
        Instant asOf = START.plusDays(day).atStartOfDay(ZONE).toInstant();
        e.assessTiers(asOf);
        List<TierChange> history = e.history(M);
        TierProgress progress = e.progress(M, asOf);

        assertThat(e.assessTiers(asOf)).isEmpty();
        assertThat(e.history(M)).isEqualTo(history);
        assertThat(e.progress(M, asOf)).isEqualTo(progress);
    }

    @Property(tries = 150)
    void withRetentionATierReachedInAYearHoldsThroughTheNextAndSoftLandingDropsOneTierPerClose(
            @ForAll("activity") List<Act> acts, @ForAll boolean softLanding) {
        Options o = new Options(0, true, softLanding, 0);
        TierEngine e = engine(o, acts, List.of());
        e.assessTiers(START.plusYears(8).atStartOfDay(ZONE).toInstant());
        for (TierChange c : e.history(M)) {
            if (c.cause() == ChangeCause.THRESHOLD_REACHED) {
                int year = c.at().atZone(ZONE).getYear();
                Instant lastMinute = LocalDate.of(year + 1, 12, 31).atStartOfDay(ZONE).plusMinutes(1439).toInstant();
                assertThat(rank(e, lastMinute)).isGreaterThanOrEqualTo(e.ladder().indexOf(c.to()));
            }
            if (c.cause() == ChangeCause.WINDOW_CLOSED && softLanding) {
                assertThat(e.ladder().indexOf(c.from()) - e.ladder().indexOf(c.to())).isLessThanOrEqualTo(1);
            }
        }
    }

    @Property(tries = 150)
    void tierShownEqualsTierRecomputedFromTheActivityHistoryAlone(@ForAll("activity") List<Act> acts,
            @ForAll("options") Options options, @ForAll("assessmentDays") List<Integer> days) {
        List<Instant> assessments = days.stream().sorted().map(d -> START.plusDays(d).atStartOfDay(ZONE).toInstant())
                .toList();
        TierEngine assessed = engine(options, acts, assessments);
        TierEngine recomputed = engine(options, acts, List.of());
        Instant end = START.plusDays(2000).atStartOfDay(ZONE).toInstant();
        assessed.assessTiers(end);

        for (Instant probe : probes()) {
            assertThat(assessed.tierAt(M, probe)).as("at %s", probe).isEqualTo(recomputed.tierAt(M, probe));
        }
        assertThat(assessed.tierAt(M, end)).isEqualTo(recomputed.tierAt(M, end));
        List<TierChange> history = assessed.history(M);
        String last = history.isEmpty() ? "Member" : history.get(history.size() - 1).to();
        assertThat(last).isEqualTo(recomputed.tierAt(M, end).name());
    }

    @Property(tries = 150)
    void calendarYearTierMatchesANaiveModelOfTheActivityHistory(@ForAll("activity") List<Act> acts,
            @ForAll boolean retention, @ForAll @IntRange(min = 0, max = 2200) int day,
            @ForAll @IntRange(min = 0, max = 1439) int minute) {
        TierEngine e = engine(new Options(0, retention, false, 0), acts, List.of());
        Instant t = START.plusDays(day).atStartOfDay(ZONE).plusMinutes(minute).toInstant();
        int year = t.atZone(ZONE).getYear();
        Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
        int expected = modelTier(acts, yearStart, t.plusNanos(1));
        if (retention) {
            expected = Math.max(expected, modelTier(acts, LocalDate.of(year - 1, 1, 1).atStartOfDay(ZONE).toInstant(),
                    yearStart));
        }
        assertThat(rank(e, t)).as("at %s", t).isEqualTo(expected);
    }

    @Property(tries = 150)
    void rollingWindowTierMatchesANaiveModelOfTheActivityHistory(@ForAll("activity") List<Act> acts,
            @ForAll boolean retention, @ForAll @IntRange(min = 0, max = 2200) int day,
            @ForAll @IntRange(min = 0, max = 1439) int minute) {
        TierEngine e = engine(new Options(1, retention, false, 0), acts, List.of());
        Instant t = START.plusDays(day).atStartOfDay(ZONE).plusMinutes(minute).toInstant();
        Instant close = t.atZone(ZONE).toLocalDate().withDayOfMonth(1).atStartOfDay(ZONE).toInstant();
        Instant closeFrom = close.atZone(ZONE).minusMonths(12).toInstant();
        int expected = modelTier(acts, closeFrom, retention ? close : close.plusNanos(1));
        for (Act a : acts) {
            if (!a.at().isBefore(close) && !a.at().isAfter(t)) {
                expected = Math.max(expected, modelTier(acts, a.at().atZone(ZONE).minusMonths(12).toInstant(),
                        a.at().plusNanos(1)));
            }
        }
        assertThat(rank(e, t)).as("at %s", t).isEqualTo(expected);
    }

    /** Hotel ladder by hand: Silver 10 nights; Gold 25 nights or 50,000 points; Platinum 50 nights or 75,000 points. */
    private static int modelTier(List<Act> acts, Instant from, Instant to) {
        long nights = 0;
        long points = 0;
        for (Act a : acts) {
            if (!a.at().isBefore(from) && a.at().isBefore(to)) {
                if (a.metric() == 0) {
                    nights += a.amount();
                } else {
                    points += a.amount();
                }
            }
        }
        if (nights >= 50 || points >= 75_000) {
            return 3;
        }
        if (nights >= 25 || points >= 50_000) {
            return 2;
        }
        return nights >= 10 ? 1 : 0;
    }

    @Provide
    Arbitrary<List<Integer>> assessmentDays() {
        return Arbitraries.integers().between(0, 1999).list().ofMaxSize(10);
    }
}
