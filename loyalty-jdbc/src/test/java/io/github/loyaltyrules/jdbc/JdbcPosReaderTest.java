package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierFeed;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The point-of-sale read gives a member's balances and current tier with one SQL statement. */
class JdbcPosReaderTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12))).withHold(Period.ofDays(14));
    static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    static final Metric TQP_METRIC = Metric.points(TQP);
    static final TierLadder LADDER = TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
            .metrics(TQP_METRIC).tier(Tier.of("Blue")).tier(Tier.of("Silver").withThreshold(TQP_METRIC, 1_000))
            .tier(Tier.of("Gold").withThreshold(TQP_METRIC, 3_000)).build();
    static final Instant NOW = Instant.parse("2027-01-20T09:00:00Z");

    static Stream<Arguments> databases() {
        return Databases.freshUrls("pos").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void balancesAndTierComeFromOneStatementAndAgreeWithTheLedgerAndTheEngine(String db, String url) {
        CountingDataSource counting = new CountingDataSource(new UrlDataSource(url));
        TierEngine tiers = TierEngine.of(LADDER, e -> { }, JdbcTierStore.of(counting));
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(NOW, ZONE)).idempotencyWindow(Duration.ofDays(3_650)).currency(PTS).currency(TQP)
                .store(JdbcLedgerStore.of(counting)).listener(TierFeed.of(tiers)).build();
        MemberId ann = MemberId.of("ann");
        MemberId bob = MemberId.of("bob");
        Instant t0 = Instant.parse("2025-11-02T10:00:00Z");
        ledger.enrol(ann, t0);
        ledger.enrol(bob, t0);
        ledger.earn(ann, PTS.points(500), t0.plus(Duration.ofDays(1)), IdempotencyKey.of("a1"), "purchase");
        ledger.earn(ann, PTS.points(300), Instant.parse("2026-06-01T10:00:00Z"), IdempotencyKey.of("a2"), "purchase");
        ledger.earn(ann, PTS.points(70), NOW.minus(Duration.ofDays(2)), IdempotencyKey.of("a3"), "pending");
        ledger.redeem(ann, PTS.points(120), Instant.parse("2026-07-01T10:00:00Z"), IdempotencyKey.of("r1"), "coffee");
        ledger.reserve(ann, PTS.points(50), Duration.ofDays(3), NOW.minus(Duration.ofHours(1)), IdempotencyKey.of("h1"),
                "basket");
        ledger.earn(ann, TQP.points(3_200), Instant.parse("2026-03-01T10:00:00Z"), IdempotencyKey.of("q1"), "flight");
        ledger.earn(ann, TQP.points(1_100), Instant.parse("2026-04-01T10:00:00Z"), IdempotencyKey.of("q2"), "flight");
        JdbcPosReader reader = JdbcPosReader.of(counting, ledger, tiers);

        counting.reset();
        PosSnapshot snapshot = reader.read(ann);

        assertThat(counting.executions.get()).as("statements on %s", db).isEqualTo(1);
        assertThat(counting.connections.get()).isEqualTo(1);
        assertThat(snapshot.asOf()).isEqualTo(NOW);
        assertThat(snapshot.balance(PTS)).isEqualTo(ledger.balance(ann, PTS));
        assertThat(snapshot.balance(TQP)).isEqualTo(ledger.balance(ann, TQP));
        assertThat(snapshot.balance(PTS).expired()).as("the first lot expired unswept").isEqualTo(380);
        assertThat(snapshot.balance(PTS).pending()).isEqualTo(70);
        assertThat(snapshot.balance(PTS).reserved()).isEqualTo(50);
        // the stored state is from 2026; the read applies the 2027 window close (retention keeps Gold)
        assertThat(snapshot.tier().name()).isEqualTo("Gold").isEqualTo(tiers.tierAt(ann, NOW).name());
        assertThat(tiers.history(ann)).extracting(c -> c.to()).containsExactly("Gold");

        counting.reset();
        PosSnapshot bobs = reader.read(bob);
        assertThat(counting.executions.get()).isEqualTo(1);
        assertThat(bobs.tier()).isEqualTo(LADDER.base());
        assertThat(bobs.balance(PTS).total()).isZero();
        assertThatThrownBy(() -> reader.read(MemberId.of("nobody"))).isInstanceOf(UnknownMemberException.class)
                .hasMessageContaining("member nobody is not enrolled");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theReadAppliesWindowClosesSinceTheStoredStateWithoutWriting(String db, String url) {
        CountingDataSource counting = new CountingDataSource(new UrlDataSource(url));
        TierEngine tiers = TierEngine.of(LADDER, e -> { }, JdbcTierStore.of(counting));
        Instant later = Instant.parse("2028-02-01T09:00:00Z");
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(later, ZONE)).idempotencyWindow(Duration.ofDays(3_650)).currency(PTS).currency(TQP)
                .store(JdbcLedgerStore.of(counting)).listener(TierFeed.of(tiers)).build();
        MemberId cy = MemberId.of("cy");
        ledger.enrol(cy, Instant.parse("2026-01-02T10:00:00Z"));
        ledger.earn(cy, TQP.points(1_500), Instant.parse("2026-03-01T10:00:00Z"), IdempotencyKey.of("c1"), "flight");

        counting.reset();
        PosSnapshot s = JdbcPosReader.of(counting, ledger, tiers).read(cy);

        assertThat(counting.executions.get()).isEqualTo(1);
        assertThat(s.tier().name()).as("Silver reached in 2026, kept through 2027 by retention, lost at the 2028 close")
                .isEqualTo("Blue").isEqualTo(tiers.tierAt(cy, later).name());
        assertThat(tiers.tierAt(cy, Instant.parse("2027-12-31T12:00:00Z")).name()).isEqualTo("Silver");
        assertThat(tiers.history(cy)).as("reading wrote nothing").extracting(c -> c.to()).containsExactly("Silver");
    }
}
