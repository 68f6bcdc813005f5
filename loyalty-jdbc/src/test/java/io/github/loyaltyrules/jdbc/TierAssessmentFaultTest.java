package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierEvent;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The year-end tier assessment on a JDBC tier store survives a fault at any round trip: the k-th
 * statement or commit fails, or the k-th commit's reply (or an auto-committed statement's) is lost,
 * for every k the assessment makes; assessing again then leaves every member's tier state and history
 * exactly as one clean assessment does, and no change is delivered twice. Each case has a database of
 * its own (the assessment walks every member); on H2 always, on PostgreSQL when configured.
 */
class TierAssessmentFaultTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Metric POINTS = Metric.points(PTS);
    static final TierLadder LADDER = TierLadder.builder().zone(ZoneOffset.UTC)
            .window(QualificationWindow.calendarYear()).metrics(POINTS).tier(Tier.of("Member"))
            .tier(Tier.of("Silver").withThreshold(POINTS, new BigDecimal("50")))
            .tier(Tier.of("Gold").withThreshold(POINTS, new BigDecimal("200"))).retention(true).build();
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant NEXT_YEAR_END = Instant.parse("2028-01-01T00:00:00Z");
    static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"), MemberId.of("cy"),
            MemberId.of("dee"));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String db : Databases.postgresAvailable() ? List.of("h2", "postgres") : List.of("h2")) {
            for (Mode mode : List.of(Mode.FAIL, Mode.LOSE_REPLY)) {
                out.add(Arguments.of(db, mode));
            }
        }
        return out.stream();
    }

    private static String freshUrl(String db) {
        if (db.equals("h2")) {
            return Databases.freshUrls("assessment").get(0);
        }
        Databases.freshPostgres();
        return System.getenv(Databases.PG_URL);
    }

    /** Members with a year of activity: Gold, Silver, a Member, and one who earned nothing. */
    private static TierEngine engine(javax.sql.DataSource ds, List<TierEvent> delivered) {
        TierEngine tiers = TierEngine.of(LADDER, delivered::add, JdbcTierStore.of(ds));
        long[] earned = {250, 80, 20, 0};
        for (int i = 0; i < MEMBERS.size(); i++) {
            tiers.enrol(MEMBERS.get(i), T0.minusSeconds(86_400));
            if (earned[i] > 0) {
                tiers.record(MEMBERS.get(i), PTS.points(earned[i]), T0, IdempotencyKey.of(MEMBERS.get(i).value() + "-1"));
            }
        }
        return tiers;
    }

    private static String snapshot(TierEngine tiers, JdbcTierStore store) {
        StringBuilder s = new StringBuilder();
        for (MemberId m : MEMBERS) {
            s.append(store.state(m)).append('\n').append(tiers.history(m)).append('\n');
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anAssessmentFailingAtAnyRoundTripEndsAsACleanOneWhenRunAgain(String db, Mode mode) {
        StatementFaultDataSource clean = new StatementFaultDataSource(freshUrl(db));
        List<TierEvent> cleanEvents = new ArrayList<>();
        TierEngine reference = engine(clean, cleanEvents);
        cleanEvents.clear();
        clean.arm(Integer.MAX_VALUE, mode);
        reference.assessTiers(YEAR_END);
        reference.assessTiers(NEXT_YEAR_END);
        int roundTrips = clean.disarm();
        String expected = snapshot(reference, JdbcTierStore.of(clean));
        assertThat(cleanEvents).isNotEmpty();

        for (int k = 1; k <= roundTrips; k++) {
            StatementFaultDataSource ds = new StatementFaultDataSource(freshUrl(db));
            List<TierEvent> events = new ArrayList<>();
            TierEngine tiers = engine(ds, events);
            events.clear();
            ds.arm(k, mode);
            try {
                tiers.assessTiers(YEAR_END);
                tiers.assessTiers(NEXT_YEAR_END);
            } catch (RuntimeException injected) {
                // the fault, as the store reports it
            }
            assertThat(ds.fired()).as("fault %d of %d fired", k, roundTrips).isTrue();
            ds.disarm();
            tiers.assessTiers(YEAR_END); // the nightly job runs again
            tiers.assessTiers(NEXT_YEAR_END);
            assertThat(snapshot(tiers, JdbcTierStore.of(ds))).as("%s %s: fault at round trip %d of %d", db, mode, k,
                    roundTrips).isEqualTo(expected);
            assertThat(events).as("changes delivered, fault at %d", k).hasSameSizeAs(cleanEvents)
                    .containsExactlyInAnyOrderElementsOf(cleanEvents);
        }
    }
}
