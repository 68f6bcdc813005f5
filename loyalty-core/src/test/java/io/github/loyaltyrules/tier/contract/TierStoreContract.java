package io.github.loyaltyrules.tier.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.AssessmentProgress;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.InvalidTierRequestException;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierDowngraded;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierEvent;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.TierProgress;
import io.github.loyaltyrules.tier.TierUpgraded;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TierStore} must keep: the tier engine behaves over it exactly as over the
 * in-memory default. Store modules extend this class and say how to make a new, empty store.
 */
public abstract class TierStoreContract {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Metric SPEND_EUR = Metric.spend(java.util.Currency.getInstance("EUR"));
    private static final Metric NIGHTS = Metric.counter("nights");
    private static final Metric TIER_POINTS = Metric.points(PointCurrency.of("TQP", "Tier points", 0));
    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId EVA = MemberId.of("eva");

    /** Test ladders with published thresholds (the same as the engine's own tests use). */
    static final class Ladders {
        private Ladders() {
        }

        /** A beauty retailer: Insider (base), VIB at 350 EUR, Rouge at 1,000 EUR per calendar year. */
        static TierLadder.Builder beauty() {
            return TierLadder.builder().zone(PARIS).window(QualificationWindow.calendarYear()).metrics(SPEND_EUR)
                    .tier(Tier.of("Insider"))
                    .tier(Tier.of("VIB").withThreshold(SPEND_EUR, new BigDecimal("350")))
                    .tier(Tier.of("Rouge").withThreshold(SPEND_EUR, new BigDecimal("1000")));
        }

        /** A hotel: Member, Silver 10 nights, Gold 25 nights or 50,000 points, Platinum 50 nights or 75,000 points. */
        static TierLadder.Builder hotel() {
            return TierLadder.builder().zone(NEW_YORK).window(QualificationWindow.calendarYear())
                    .metrics(NIGHTS, TIER_POINTS)
                    .tier(Tier.of("Member"))
                    .tier(Tier.of("Silver").withThreshold(NIGHTS, 10))
                    .tier(Tier.of("Gold").withThreshold(NIGHTS, 25).withThreshold(TIER_POINTS, 50_000))
                    .tier(Tier.of("Platinum").withThreshold(NIGHTS, 50).withThreshold(TIER_POINTS, 75_000));
        }
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /**
     * Returns a new, empty store.
     *
     * @return the store
     */
    protected abstract TierStore newStore();

    private TierEngine engine(TierLadder ladder, TierListener listener) {
        return TierEngine.of(ladder, listener, newStore());
    }

    @Test
    void theTierReportCountsTheTiersAtItsEndAndTheChangesOfItsPeriodAsEachMembersHistoryAndTierSay() {
        TierEngine engine = engine(Ladders.beauty().build(), TierListener.NONE);
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            MemberId m = MemberId.of("m" + i);
            members.add(m);
            engine.enrol(m, at("2026-01-02T09:00", PARIS));
            for (int visit = 0; visit < i; visit++) { // m0 spends nothing, m6 spends 6 x 190 EUR
                engine.record(m, Money.of("190.00", "EUR"), at("2026-0" + (visit + 2) + "-10T12:00", PARIS),
                        IdempotencyKey.of(m.value() + "-" + visit));
            }
        }
        engine.assessTiers(at("2028-02-01T00:00", PARIS)); // 2027 requalified no one: downgrades
        Instant from = at("2026-04-01T00:00", PARIS);
        Instant to = at("2028-01-15T00:00", PARIS);

        io.github.loyaltyrules.report.TierReport report = engine.report(from, to);

        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        for (Tier t : Ladders.beauty().build().tiers()) {
            expected.put(t.name(), 0L);
        }
        Map<List<String>, Long> moves = new HashMap<>();
        for (MemberId m : members) {
            expected.merge(engine.tierOf(m, to).orElseThrow(), 1L, Long::sum);
            for (TierChange c : engine.history(m)) {
                if (!c.at().isBefore(from) && c.at().isBefore(to)) {
                    moves.merge(List.of(c.from(), c.to()), 1L, Long::sum);
                }
            }
        }
        assertThat(report.members()).containsExactlyEntriesOf(expected);
        assertThat(report.totalMembers()).isEqualTo(7);
        assertThat(report.movements()).allSatisfy(mv -> assertThat(moves.get(List.of(mv.from(), mv.to())))
                .isEqualTo(mv.changes()));
        assertThat(report.movements().stream().mapToLong(io.github.loyaltyrules.report.TierMovement::changes).sum())
                .isEqualTo(moves.values().stream().mapToLong(Long::longValue).sum());
        assertThat(report.upgrades()).isPositive();
        assertThat(report.downgrades()).isPositive();
        assertThat(io.github.loyaltyrules.report.ReportTable.tiers(report).rows()).hasSize(3);
        assertThat(io.github.loyaltyrules.report.ReportTable.tierMovements(report).text()).contains("up").contains("down");
        assertThatThrownBy(() -> engine.report(to, from)).isInstanceOf(io.github.loyaltyrules.ledger.LoyaltyException.class)
                .hasMessageContaining("end after it starts");
    }

    @Test
    void upgradesAtOnceWhenAThresholdIsReachedAndKeepsTheHistory() {
        List<TierEvent> events = new ArrayList<>();
        TierEngine engine = engine(Ladders.beauty().build(), events::add);
        engine.record(ANN, Money.of("200.00", "EUR"), at("2026-03-01T10:00", PARIS), IdempotencyKey.of("o1"));
        Tier after = engine.record(ANN, Money.of("180.00", "EUR"), at("2026-05-03T16:30", PARIS),
                IdempotencyKey.of("o2"));

        assertThat(after.name()).isEqualTo("VIB");
        assertThat(engine.history(ANN)).extracting(TierChange::from, TierChange::to, TierChange::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Insider", "VIB", ChangeCause.THRESHOLD_REACHED));
        assertThat(events).hasSize(1).first().isInstanceOf(TierUpgraded.class);
        assertThat(engine.progress(ANN, at("2026-05-04T00:00", PARIS)).values())
                .containsEntry(SPEND_EUR, new BigDecimal("380.00"));
        assertThat(engine.tierOf(ANN, at("2026-05-04T00:00", PARIS))).contains("VIB");
        assertThat(engine.members()).containsExactly(ANN);
    }

    @Test
    void aRetriedKeyCountsOnceAndAKeyReusedForOtherContentIsRejectedAndChangesNothing() {
        TierEngine engine = engine(Ladders.beauty().build(), TierListener.NONE);
        Instant t = at("2026-03-01T10:00", PARIS);
        engine.record(ANN, Money.of("200.00", "EUR"), t, IdempotencyKey.of("o1"));
        engine.record(ANN, Money.of("200.00", "EUR"), t, IdempotencyKey.of("o1"));
        TierProgress before = engine.progress(ANN, t);

        assertThatThrownBy(() -> engine.record(ANN, Money.of("999.00", "EUR"), t, IdempotencyKey.of("o1")))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("o1 of member ann was already used");
        assertThat(before.values()).containsEntry(SPEND_EUR, new BigDecimal("200.00"));
        assertThat(engine.progress(ANN, t)).isEqualTo(before);
    }

    @Test
    void assessmentAtAWindowCloseIsIdempotentReportsProgressAndDeliversTheEvents() {
        List<TierEvent> delivered = new ArrayList<>();
        TierEngine engine = engine(Ladders.beauty().build(), delivered::add);
        for (int i = 0; i < 5; i++) {
            engine.record(MemberId.of("m" + i), Money.of((i * 300 + 50) + ".00", "EUR"), at("2026-03-01T10:00", PARIS),
                    IdempotencyKey.of("k" + i));
        }
        delivered.clear();
        List<String> progress = new ArrayList<>();
        Instant close = at("2028-01-01T00:00", PARIS);

        List<TierEvent> first = engine.assessTiers(close, (done, total) -> progress.add(done + "/" + total));
        List<TierEvent> second = engine.assessTiers(close);

        assertThat(first).isEqualTo(delivered).isNotEmpty();
        assertThat(second).isEmpty();
        assertThat(progress).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
        assertThat(first).filteredOn(e -> e instanceof TierDowngraded).hasSize(4);
    }

    @Test
    void batchedAssessmentMovesEveryMemberOnceAcrossPages() {
        List<TierEvent> delivered = Collections.synchronizedList(new ArrayList<>());
        TierEngine engine = engine(Ladders.beauty().build(), delivered::add);
        for (int i = 0; i < 7; i++) {
            engine.record(MemberId.of("m" + i), Money.of("400.00", "EUR"), at("2026-03-01T10:00", PARIS),
                    IdempotencyKey.of("k" + i));
        }
        delivered.clear();
        List<Integer> done = new ArrayList<>();

        long events = engine.assessTiers(at("2028-01-01T00:00", PARIS), 3, (d, total) -> done.add(d));

        assertThat(events).isEqualTo(14).isEqualTo(delivered.size());
        assertThat(delivered).filteredOn(e -> e instanceof TierDowngraded).hasSize(7);
        assertThat(done).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(engine.assessTiers(at("2028-01-01T00:00", PARIS), 3, AssessmentProgress.NONE)).isZero();
        assertThat(engine.members(MemberId.of("m2"), 3)).extracting(MemberId::value).containsExactly("m3", "m4", "m5");
        assertThatThrownBy(() -> engine.assessTiers(at("2029-01-01T00:00", PARIS), 0, AssessmentProgress.NONE))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("batch size must be 1 to 10000");
        assertThatThrownBy(() -> engine.members(null, 10_001)).isInstanceOf(InvalidTierRequestException.class)
                .hasMessageContaining("member page size must be 1 to 10000; got 10001");
        assertThatThrownBy(() -> TierEngine.of(Ladders.beauty().build(), TierListener.NONE, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("tier store must not be null");
        assertThat(engine.members()).hasSize(7);
        assertThat(engine.tierAt(MemberId.of("m0"), at("2029-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
    }

    @Test
    void anImmediateReturnDowngradesAtOnce() {
        TierEngine engine = engine(Ladders.beauty().returnRule(ReturnRule.IMMEDIATE).build(), TierListener.NONE);
        engine.record(ANN, Money.of("100.00", "EUR"), at("2026-03-01T12:00", PARIS), IdempotencyKey.of("march"));
        engine.record(ANN, Money.of("300.00", "EUR"), at("2026-04-01T12:00", PARIS), IdempotencyKey.of("bag"));
        engine.recordReturn(ANN, IdempotencyKey.of("bag"), 10_000, at("2026-04-03T12:00", PARIS),
                IdempotencyKey.of("ret-1"));

        assertThat(engine.tierAt(ANN, at("2026-04-03T12:00", PARIS)).name()).isEqualTo("Insider");
        assertThat(engine.history(ANN).get(1).reason())
                .isEqualTo("return ret-1 took 10000 off spend:EUR; no threshold reached any more");
        assertThatThrownBy(() -> engine.recordReturn(ANN, IdempotencyKey.of("bag"), 30_000,
                at("2026-04-04T12:00", PARIS), IdempotencyKey.of("ret-2")))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("more than the 30000 recorded");
    }

    @Test
    void aStatusMatchShowsTheAssignedTierUntilItEnds() {
        TierEngine engine = engine(Ladders.hotel().build(), TierListener.NONE);
        Instant from = at("2026-05-01T09:00", NEW_YORK);
        Instant until = at("2026-08-01T00:00", NEW_YORK);
        engine.record(EVA, NIGHTS, 12, at("2026-04-01T20:00", NEW_YORK), IdempotencyKey.of("stay-1"));
        engine.assign(EVA, "Platinum", from, until, "status match with Airline X Gold", IdempotencyKey.of("match"));
        engine.assign(EVA, "Platinum", from, until, "status match with Airline X Gold", IdempotencyKey.of("match"));

        assertThat(engine.tierAt(EVA, from).name()).isEqualTo("Platinum");
        assertThat(engine.progress(EVA, from).keptUntil()).contains(until);
        assertThat(engine.assessTiers(until)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TierUpgraded", "TierDowngraded");
        assertThat(engine.history(EVA)).extracting(TierChange::to)
                .containsExactly("Silver", "Platinum", "Silver");
    }

    @Test
    void enrolmentIsKeptAndAnotherDateIsRejected() {
        TierEngine engine = engine(Ladders.beauty().build(), TierListener.NONE);
        engine.enrol(ANN, at("2026-01-15T10:00", PARIS));
        engine.enrol(ANN, at("2026-01-15T18:00", PARIS));

        assertThatThrownBy(() -> engine.enrol(ANN, at("2026-02-01T10:00", PARIS)))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("already enrolled on 2026-01-15");
        assertThat(engine.tierAt(ANN, at("2026-02-01T10:00", PARIS)).name()).isEqualTo("Insider");
    }

    @Test
    void aStaleStateIsRejectedAndChangesNothing() {
        TierStore store = newStore();
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), TierListener.NONE, store);
        engine.record(ANN, Money.of("100.00", "EUR"), at("2026-03-01T12:00", PARIS), IdempotencyKey.of("o1"));
        TierState v1 = store.state(ANN).orElseThrow();
        engine.record(ANN, Money.of("100.00", "EUR"), at("2026-03-02T12:00", PARIS), IdempotencyKey.of("o2"));
        TierState v2 = store.state(ANN).orElseThrow();
        TierState fromV1 = new TierState(ANN, 2, v1.enrolled(), v1.clock(), v1.earned(), v1.floor(), v1.shown(),
                null, v1.activities(), v1.assignments(), v1.history());
        TierState newMember = new TierState(ANN, 1, v1.enrolled(), v1.clock(), v1.earned(), v1.floor(), v1.shown(),
                null, List.of(), List.of(), List.of());

        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.replace(fromV1, null)).isEqualTo(TierCommitResult.STALE);
        assertThat(store.replace(newMember, null)).isEqualTo(TierCommitResult.STALE);
        assertThat(store.state(ANN)).contains(v2);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void twoEnginesOnOneStoreRacingOnTheSameMembersCountEveryActivityOnce() throws Exception {
        TierStore store = newStore();
        List<TierEvent> events = Collections.synchronizedList(new ArrayList<>());
        TierEngine a = TierEngine.of(Ladders.beauty().build(), events::add, store);
        TierEngine b = TierEngine.of(Ladders.beauty().build(), events::add, store);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            TierEngine e = t % 2 == 0 ? a : b;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    // each key is sent by two threads on the two engines: a retry from another server
                    e.record(MemberId.of("m" + (i % 3)), Money.of("10.00", "EUR"),
                            at("2026-03-01T10:00", PARIS).plusSeconds(i), IdempotencyKey.of("k" + i));
                    e.assessTiers(at("2026-03-01T10:00", PARIS).plusSeconds(i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        long[] expected = {70_00, 70_00, 60_00};
        for (int m = 0; m < 3; m++) {
            assertThat(a.progress(MemberId.of("m" + m), at("2026-04-01T00:00", PARIS)).values())
                    .containsEntry(SPEND_EUR, BigDecimal.valueOf(expected[m], 2));
        }
        assertThat(events).isEmpty();
        a.assessTiers(at("2027-01-01T00:00", PARIS));
        b.assessTiers(at("2027-01-01T00:00", PARIS));
        assertThat(events).isEmpty();
    }

    // ------------------------------------------------------------------ the same answers as in memory

    /** One step of a random history: record nights or points, return an earlier record, or assess. */
    public record Step(int kind, int day, long amount) {
    }

    /**
     * Random histories.
     *
     * @return the arbitrary
     */
    @Provide
    public Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1500),
                Arbitraries.longs().between(1, 30)).as(Step::new).list().ofMaxSize(20);
    }

    /**
     * The engine over this store answers, and reports, exactly as the in-memory default over random histories.
     *
     * @param steps the history
     * @param retention the ladder's retention option
     * @param softLanding the ladder's soft-landing option
     */
    @Property(tries = 25)
    public void behavesExactlyAsTheInMemoryStore(@ForAll("steps") List<Step> steps, @ForAll boolean retention,
            @ForAll boolean softLanding) {
        ZoneId zone = ZoneId.of("Europe/Paris");
        TierLadder ladder = Ladders.hotel().zone(zone).retention(retention).softLanding(softLanding)
                .gracePeriod(Period.ofMonths(1)).build();
        List<TierEvent> expectedEvents = new ArrayList<>();
        List<TierEvent> actualEvents = new ArrayList<>();
        TierEngine expected = TierEngine.of(ladder, expectedEvents::add);
        TierEngine actual = TierEngine.of(ladder, actualEvents::add, newStore());
        LocalDate start = LocalDate.of(2025, 1, 1);
        MemberId m = MemberId.of("m");
        List<IdempotencyKey> recorded = new ArrayList<>();
        Map<IdempotencyKey, Long> returnable = new HashMap<>();
        int day = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            day = Math.max(day, s.day() % 1500);
            Instant t = start.plusDays(day).atStartOfDay(zone).plusHours(i % 24).toInstant();
            IdempotencyKey key = IdempotencyKey.of("s" + i);
            IdempotencyKey original = s.kind() == 2 && !recorded.isEmpty()
                    ? recorded.get((int) (s.amount() % recorded.size())) : null;
            long back = original == null ? 0 : Math.min(returnable.get(original), s.amount());
            for (TierEngine e : List.of(expected, actual)) {
                switch (s.kind()) {
                    case 0 -> e.record(m, NIGHTS, s.amount(), t, key);
                    case 1 -> e.record(m, TIER_POINTS, s.amount() * 2_500, t, key);
                    case 2 -> {
                        if (back > 0) {
                            e.recordReturn(m, original, back, t, key);
                        }
                    }
                    default -> e.assessTiers(t);
                }
            }
            if (s.kind() < 2) {
                recorded.add(key);
                returnable.put(key, s.kind() == 0 ? s.amount() : s.amount() * 2_500);
            } else if (back > 0) {
                returnable.merge(original, -back, Long::sum);
            }
        }
        Instant end = start.plusYears(6).atStartOfDay(zone).toInstant();
        for (int month = 0; month < 72; month += 7) {
            Instant probe = start.plusMonths(month).atStartOfDay(zone).toInstant();
            assertThat(actual.tierAt(m, probe)).as("at %s", probe).isEqualTo(expected.tierAt(m, probe));
        }
        assertThat(actual.progress(m, end)).isEqualTo(expected.progress(m, end));
        assertThat(actual.assessTiers(end)).isEqualTo(expected.assessTiers(end));
        assertThat(actual.history(m)).isEqualTo(expected.history(m));
        assertThat(actualEvents).isEqualTo(expectedEvents);
    }
}
