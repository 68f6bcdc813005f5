package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The liability side of a what-if replay: over a scripted year with redemptions and expiry, what the
 * period's awards leave outstanding at its end under the live terms (points expire six months after
 * earning) and under the candidate's (twice the points, expiring after three months, or lapsing after
 * three months without activity), worked out by hand, and equal to what the ledger itself holds when
 * the year is run live under each.
 */
class ReplayLiabilityTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0).withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final PointCurrency PTS_3M = PTS.withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(3)));
    static final PointCurrency PTS_IDLE_3M = PTS.withExpiry(ExpiryPolicy.never().withInactivity(Period.ofMonths(3)));
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
    static final MemberId ANN = MemberId.of("ann");
    static final MemberId BOB = MemberId.of("bob");

    static RuleEngine perEuro(long rate) {
        return ctx -> new Evaluation(List.of(new Award("base", rate + " per euro", "PTS",
                rate * ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact(),
                Map.of(), Explanation.fixed())));
    }

    static LoyaltyProgram program(PointCurrency currency, RuleEngine engine) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(currency).idempotencyWindow(Duration.ofDays(800))
                .clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC)).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of("v-" + currency.expiry(), engine, List.of()), TierLookup.NONE);
    }

    /** Each call first sweeps what has expired by then, as a nightly job would have, so inactivity lapses are final. */
    static void buy(LoyaltyProgram p, MemberId m, String day, String euros) {
        p.ledger().expire(Instant.parse(day + "T00:00:00Z"));
        p.purchase(m, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1, Money.of(euros, "EUR")))),
                Instant.parse(day + "T12:00:00Z"), IdempotencyKey.of(m.value() + "-" + day));
    }

    static void redeem(LoyaltyProgram p, MemberId m, String day, long points) {
        p.ledger().expire(Instant.parse(day + "T00:00:00Z"));
        p.ledger().redeem(m, p.ledger().currency("PTS").points(points), Instant.parse(day + "T12:00:00Z"),
                IdempotencyKey.of(m.value() + "-redeem-" + day), "gift");
    }

    /** The scripted year; a redemption before the period and a purchase after it lie outside it. */
    static void year(LoyaltyProgram p) {
        p.enrol(ANN, Instant.parse("2024-12-01T00:00:00Z"));
        p.enrol(BOB, Instant.parse("2024-12-01T00:00:00Z"));
        buy(p, ANN, "2025-01-10", "100.00");
        redeem(p, ANN, "2025-02-15", 60);
        buy(p, BOB, "2025-03-01", "20.90");
        redeem(p, BOB, "2025-03-10", 15);
        buy(p, ANN, "2025-05-20", "50.00");
        buy(p, BOB, "2025-06-01", "10.00");
        buy(p, ANN, "2025-09-01", "30.00");
        redeem(p, ANN, "2025-10-05", 40);
        p.ledger().expire(TO);
        buy(p, ANN, "2026-01-02", "99.00"); // after the period
    }

    private static Map<MemberId, MemberReplay> replay(LoyaltyProgram recorded, ReplayOptions options, List<ReplayReport> out) {
        Map<MemberId, MemberReplay> byMember = new HashMap<>();
        out.add(recorded.replay(ProgramVersion.of("v2", perEuro(2), List.of()), FROM, TO, options,
                one -> byMember.put(one.member(), one), ProgressListener.NONE));
        return byMember;
    }

    @Test
    void outstandingAtTheEndOfTheYearUnderTheCandidatesTermsIsWorkedOutByHand() {
        LoyaltyProgram recorded = program(PTS, perEuro(1));
        year(recorded);
        for (ReplayOrder order : ReplayOrder.values()) {
            List<ReplayReport> reports = new ArrayList<>();
            Map<MemberId, MemberReplay> parts = replay(recorded,
                    ReplayOptions.builder().order(order).currency(PTS_3M).build(), reports);
            // ann, live (6 months): +100 Jan 10 (expires Jul 11), -60 Feb 15, +50 May 20 (expires Nov 21),
            // 40 expire Jul 11, +30 Sep 1, -40 Oct 5 from the May lot, its last 10 expire Nov 21: 30 left
            assertThat(parts.get(ANN).liability()).containsEntry("PTS", new ReplayLiability(180, 100, 50));
            // ann, candidate (3 months, double): +200 Jan 10 (expires Apr 11), -60, 140 expire Apr 11,
            // +100 May 20 (expires Aug 21) all expire, +60 Sep 1 (expires Dec 2), -40, 20 expire Dec 2
            assertThat(parts.get(ANN).wouldLiability()).containsEntry("PTS", new ReplayLiability(360, 100, 260));
            assertThat(parts.get(ANN).liabilityDifference("PTS")).isEqualTo(-30);
            // bob, live: +20 Mar 1 (expires Sep 2), -15, +10 Jun 1 (expires Dec 2): all spent or expired
            assertThat(parts.get(BOB).liability()).containsEntry("PTS", new ReplayLiability(30, 15, 15));
            // bob, candidate: +40 Mar 1 (expires Jun 2), -15, +20 Jun 1 (expires Sep 2), 25 then 20 expire
            assertThat(parts.get(BOB).wouldLiability()).containsEntry("PTS", new ReplayLiability(60, 15, 45));
            ReplayReport report = reports.get(0);
            assertThat(report.liability()).containsEntry("PTS", new ReplayLiability(210, 115, 65));
            assertThat(report.wouldLiability()).containsEntry("PTS", new ReplayLiability(420, 115, 305));
            assertThat(report.liabilityDifference("PTS")).isEqualTo(-30);
            assertThat(report.difference("PTS")).isEqualTo(210);
            assertThat(report.render()).contains("PTS: outstanding at the end 30, would be 0 (-30)");
        }
    }

    @Test
    void inactivityLapsesTheCandidatesPurseAsTheLedgerWould() {
        LoyaltyProgram recorded = program(PTS, perEuro(1));
        year(recorded);
        List<ReplayReport> reports = new ArrayList<>();
        Map<MemberId, MemberReplay> parts = replay(recorded, ReplayOptions.builder().currency(PTS_IDLE_3M).build(), reports);
        // ann: +200, -60 Feb 15 (lapses May 16): 140 lapse by May 20; +100 May 20 (lapses Aug 21): 100 lapse
        // by Sep 1; +60, -40 Oct 5 (lapses 2026-01-06): 20 outstanding
        assertThat(parts.get(ANN).wouldLiability()).containsEntry("PTS", new ReplayLiability(360, 100, 240));
        // bob: +40 Mar 1, -15 Mar 10, +20 Jun 1 (lapses Sep 2): 45 lapse by the end
        assertThat(parts.get(BOB).wouldLiability()).containsEntry("PTS", new ReplayLiability(60, 15, 45));
        assertThat(reports.get(0).liabilityDifference("PTS")).isEqualTo(20 - 30);
    }

    @Test
    void eachScratchBookEndsWhereTheLedgerEndsWhenTheYearIsRunLiveUnderItsTerms() {
        LoyaltyProgram recorded = program(PTS, perEuro(1));
        year(recorded);
        for (PointCurrency terms : List.of(PTS_3M, PTS_IDLE_3M)) {
            LoyaltyProgram live = program(terms, perEuro(2));
            year(live);
            List<ReplayReport> reports = new ArrayList<>();
            Map<MemberId, MemberReplay> parts = replay(recorded, ReplayOptions.builder().currency(terms).build(), reports);
            for (MemberId m : List.of(ANN, BOB)) {
                assertThat(parts.get(m).wouldLiability().get("PTS").outstanding()).as(m.value() + " " + terms.expiry())
                        .isEqualTo(outstanding(live, terms, m));
                assertThat(parts.get(m).liability().get("PTS").outstanding()).isEqualTo(outstanding(recorded, PTS, m));
            }
        }
    }

    private static long outstanding(LoyaltyProgram p, PointCurrency c, MemberId m) {
        Balance b = p.ledger().balance(m, c, TO);
        return b.total() - b.expired();
    }

    @Test
    void replayingTheLiveVersionUnderItsOwnTermsChangesNoLiability() {
        LoyaltyProgram recorded = program(PTS, perEuro(1));
        year(recorded);
        ReplayReport same = recorded.replay(ProgramVersion.of("v1-again", perEuro(1), List.of()), FROM, TO,
                ReplayOptions.defaults(), one -> assertThat(one.liabilityDifference("PTS")).isZero(), ProgressListener.NONE);
        assertThat(same.wouldLiability()).isEqualTo(same.liability());
        assertThat(same.liabilityDifference("PTS")).isZero();
    }

    @Test
    void aLiabilityWhoseRedemptionsAndExpiryExceedWhatWasIssuedIsRefused() {
        assertThatThrownBy(() -> new ReplayLiability(10, 6, 5)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("issued 10, redeemed 6, expired 5");
        assertThatThrownBy(() -> new ReplayLiability(-1, 0, 0)).isInstanceOf(InvalidRequestException.class);
        assertThat(new ReplayLiability(10, 6, 4).outstanding()).isZero();
        assertThat(new ReplayLiability(10, 6, 1).plus(new ReplayLiability(5, 0, 5))).isEqualTo(new ReplayLiability(15, 6, 6));
    }
}
