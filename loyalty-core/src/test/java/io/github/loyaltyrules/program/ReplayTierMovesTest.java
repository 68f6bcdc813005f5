package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Threshold;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tier side of a what-if replay: on a calendar-year ladder (Silver from 300 points in the year,
 * Gold from 600), the tier each member would hold at the end of the period under a version that gives
 * twice the points, against the tier they hold live, worked out by hand; and replaying the live
 * version itself moves no one.
 */
class ReplayTierMovesTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Metric POINTS = Metric.points(PTS);
    static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-12-01T00:00:00Z");

    static RuleEngine perEuro(long rate) {
        return ctx -> new Evaluation(List.of(new Award("base", rate + " per euro", "PTS",
                rate * ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact(),
                Map.of(), Explanation.fixed())));
    }

    static TierLadder ladder(QualificationWindow window) {
        return TierLadder.builder().zone(ZoneOffset.UTC).window(window).metrics(POINTS)
                .tier(Tier.of("Bronze"))
                .tier(Tier.of("Silver").withRequirement(Requirement.anyOf(Threshold.of(POINTS, 300))))
                .tier(Tier.of("Gold").withRequirement(Requirement.anyOf(Threshold.of(POINTS, 600))))
                .build();
    }

    static LoyaltyProgram program(QualificationWindow window) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).idempotencyWindow(Duration.ofDays(3000))
                .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of("v1", perEuro(1), List.of()), TierEngine.of(ladder(window)),
                InMemoryProgramStore.create());
    }

    static void buy(LoyaltyProgram p, String member, String day, long euros) {
        p.purchase(MemberId.of(member), Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1,
                Money.of(euros + ".00", "EUR")))), Instant.parse(day + "T12:00:00Z"), IdempotencyKey.of(member + "-" + day));
    }

    @Example
    void eachMembersTierUnderTheCandidateAgainstTheLiveOneIsWorkedOutByHand() {
        LoyaltyProgram p = program(QualificationWindow.calendarYear());
        for (String m : List.of("ann", "bob", "cy")) {
            p.enrol(MemberId.of(m), Instant.parse("2025-01-01T00:00:00Z"));
        }
        buy(p, "ann", "2025-03-10", 150); // before the period, in the same year's window
        buy(p, "ann", "2025-07-05", 100);
        buy(p, "ann", "2025-09-09", 130);
        buy(p, "bob", "2025-07-01", 120);
        buy(p, "bob", "2025-10-01", 60);
        buy(p, "cy", "2025-08-01", 50);
        buy(p, "cy", "2025-12-15", 900); // after the period
        for (ReplayOrder order : ReplayOrder.values()) {
            Map<String, ReplayTierMove> tiers = new HashMap<>();
            ReplayReport report = p.replay(ProgramVersion.of("v2", perEuro(2), List.of()), FROM, TO,
                    ReplayOptions.builder().order(order).build(), one -> tiers.put(one.member().value(), one.tier()),
                    ProgressListener.NONE);
            // ann: live 150 + 100 + 130 = 380, Silver; candidate 150 (as recorded) + 200 + 260 = 610, Gold
            assertThat(tiers.get("ann")).isEqualTo(new ReplayTierMove("Silver", "Gold"));
            // bob: live 180, Bronze; candidate 360, Silver
            assertThat(tiers.get("bob")).isEqualTo(new ReplayTierMove("Bronze", "Silver"));
            // cy: live 50, candidate 100: Bronze either way (the 900 of December is after the period)
            assertThat(tiers.get("cy")).isEqualTo(new ReplayTierMove("Bronze", "Bronze"));
            assertThat(tiers.get("cy").moved()).isFalse();
            assertThat(report.tierMoves()).containsExactly(Map.entry(new ReplayTierMove("Bronze", "Silver"), 1L),
                    Map.entry(new ReplayTierMove("Silver", "Gold"), 1L));
            assertThat(report.membersMovingTier()).isEqualTo(2);
            assertThat(report.render()).contains("tier Bronze -> Silver: 1 members").contains("tier Silver -> Gold: 1 members");
        }
    }

    /** A member's purchases: day offsets from 2024-01-01 and whole euros. */
    @Provide
    Arbitrary<List<List<int[]>>> histories() {
        Arbitrary<int[]> purchase = Combinators.combine(Arbitraries.integers().between(0, 729),
                Arbitraries.integers().between(1, 400)).as((day, euros) -> new int[] {day, euros});
        return purchase.list().ofMaxSize(8).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 30)
    void replayingTheLiveVersionItselfMovesNoOne(@ForAll("histories") List<List<int[]>> histories,
            @ForAll("windows") QualificationWindow window, @ForAll("periods") int[] period) {
        LoyaltyProgram p = program(window);
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<long[]> calls = new ArrayList<>();
        for (int m = 0; m < histories.size(); m++) {
            p.enrol(MemberId.of("m" + m), base.minusSeconds(86_400));
            for (int[] purchase : histories.get(m)) {
                calls.add(new long[] {purchase[0] * 86_400L + m * 60L + calls.size(), m, purchase[1]});
            }
        }
        calls.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] c : calls) {
            p.purchase(MemberId.of("m" + c[1]), Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1,
                    Money.of(c[2] + ".00", "EUR")))), base.plusSeconds(c[0]), IdempotencyKey.of("k" + c[0]));
        }
        Instant from = base.plusSeconds(86_400L * period[0]);
        Instant to = from.plusSeconds(86_400L * period[1]);
        for (ReplayOrder order : ReplayOrder.values()) {
            List<MemberReplay> parts = new ArrayList<>();
            ReplayReport report = p.replay(ProgramVersion.of("v1-again", perEuro(1), List.of()), from, to,
                    ReplayOptions.builder().order(order).build(), parts::add, ProgressListener.NONE);
            assertThat(parts).allSatisfy(one -> assertThat(one.tier().moved()).as(one.tier().toString()).isFalse());
            assertThat(report.tierMoves()).isEmpty();
        }
    }

    @Provide
    Arbitrary<QualificationWindow> windows() {
        return Arbitraries.of(QualificationWindow.calendarYear(), QualificationWindow.rollingMonths(6),
                QualificationWindow.lifetime(), QualificationWindow.anniversaryYear());
    }

    @Provide
    Arbitrary<int[]> periods() {
        return Combinators.combine(Arbitraries.integers().between(0, 700), Arbitraries.integers().between(1, 400))
                .as((start, days) -> new int[] {start, days});
    }
}
