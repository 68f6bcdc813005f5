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
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
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
 * A what-if replay of version N over a scripted year equals what running N live would have produced:
 * the year (purchases, tier moves, partial and full returns, redemptions that leave a return's claw-back
 * as debt, expiry) is run on a program under the live version and ladder, then on a fresh program under
 * N and its own ladder (other thresholds, tier multipliers, and a bonus for one tier); the replay of N
 * over the first program's history, with N's ladder, gives per member the awards, the outstanding
 * points and debt, and the tier the second program produced.
 */
class ReplayEqualsLiveTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0).withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final Metric POINTS = Metric.points(PTS);
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
    static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"), MemberId.of("cy"));

    /** The live ladder: Silver from 300 points in the calendar year, Gold from 600; no multipliers. */
    static final TierLadder LIVE_LADDER = TierLadder.builder().zone(ZoneOffset.UTC).window(QualificationWindow.calendarYear())
            .metrics(POINTS).tier(Tier.of("Bronze")).tier(Tier.of("Silver").withThreshold(POINTS, 300))
            .tier(Tier.of("Gold").withThreshold(POINTS, 600)).build();

    /** N's ladder: Silver from 150 (earns 1.5 times), Gold from 400 (twice). */
    static final TierLadder N_LADDER = TierLadder.builder().zone(ZoneOffset.UTC).window(QualificationWindow.calendarYear())
            .metrics(POINTS).tier(Tier.of("Bronze"))
            .tier(Tier.of("Silver").withThreshold(POINTS, 150).withMultiplier(new BigDecimal("1.5")))
            .tier(Tier.of("Gold").withThreshold(POINTS, 400).withMultiplier(new BigDecimal("2"))).build();

    /** One point per euro of each line, times the tier's multiplier (rounded down), with line shares. */
    static Award base(MemberProfile member, Purchase basket) {
        Map<String, Long> shares = new HashMap<>();
        long sum = 0;
        for (BasketLine line : basket.lines()) {
            long p = line.amount().amount().multiply(member.tierMultiplier()).setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), p);
            sum += p;
        }
        return new Award("base", "1 per euro", "PTS", sum, shares, Explanation.fixed());
    }

    /** The live version: the base award alone. */
    static RuleEngine live() {
        return ctx -> new Evaluation(List.of(base(ctx.member(), (Purchase) ctx.activity())));
    }

    /** Version N: the base award with the tier multiplier, and 40 points for a Gold member's basket of 50 euros or more. */
    static RuleEngine versionN() {
        return ctx -> {
            Purchase basket = (Purchase) ctx.activity();
            List<Award> awards = new ArrayList<>(List.of(base(ctx.member(), basket)));
            if ("Gold".equals(ctx.member().tier()) && basket.total().amount().compareTo(new BigDecimal("50")) >= 0) {
                awards.add(new Award("gold", "Gold basket bonus", "PTS", 40, Map.of(), Explanation.fixed()));
            }
            return new Evaluation(awards);
        };
    }

    static LoyaltyProgram program(RuleEngine engine, String version, TierLadder ladder) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).idempotencyWindow(Duration.ofDays(800))
                .clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC)).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of(version, engine, List.of()), TierEngine.of(ladder),
                InMemoryProgramStore.create());
    }

    /** What the script awarded per member, from the receipts of its purchases. */
    static final class Script {
        final LoyaltyProgram p;
        final Map<MemberId, Long> awarded = new HashMap<>();
        /** What returns of purchases made in the period clawed back, per member. */
        final Map<MemberId, Long> returned = new HashMap<>();

        Script(LoyaltyProgram p) {
            this.p = p;
        }

        /** Each call first sweeps what has expired by then, as a nightly job would have. */
        void buy(String member, String day, String... lines) {
            Instant at = Instant.parse(day + "T12:00:00Z");
            p.ledger().expire(Instant.parse(day + "T00:00:00Z"));
            List<BasketLine> basket = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String[] qp = lines[i].split(" x ");
                basket.add(BasketLine.of("l" + i, "SKU" + i, "misc", Long.parseLong(qp[0]), Money.of(qp[1], "EUR")));
            }
            Receipt r = p.purchase(MemberId.of(member), Purchase.of("s1", "pos", basket), at,
                    IdempotencyKey.of(member + "-" + day));
            for (Award a : r.awards()) {
                awarded.merge(MemberId.of(member), a.amount(), Long::sum);
            }
        }

        void giveBack(String member, String day, String purchaseDay, Map<String, Long> units) {
            p.ledger().expire(Instant.parse(day + "T00:00:00Z"));
            Receipt r = p.returnPurchase(MemberId.of(member), IdempotencyKey.of(member + "-" + purchaseDay), units,
                    Instant.parse(day + "T15:00:00Z"), IdempotencyKey.of(member + "-return-" + day));
            if (!Instant.parse(purchaseDay + "T12:00:00Z").isBefore(FROM)) {
                returned.merge(MemberId.of(member), r.awards().stream().mapToLong(Award::amount).sum(), Long::sum);
            }
        }

        void redeem(String member, String day, long points) {
            p.ledger().expire(Instant.parse(day + "T00:00:00Z"));
            p.ledger().redeem(MemberId.of(member), p.ledger().currency("PTS").points(points),
                    Instant.parse(day + "T13:00:00Z"), IdempotencyKey.of(member + "-redeem-" + day), "gift");
        }
    }

    /** The scripted year, with a purchase before it that a return in it names, and one after it. */
    static Script year(LoyaltyProgram p, boolean returns) {
        Script s = new Script(p);
        for (MemberId m : MEMBERS) {
            p.enrol(m, Instant.parse("2024-11-01T00:00:00Z"));
        }
        s.buy("cy", "2024-12-10", "2 x 40.00");
        s.buy("ann", "2025-01-15", "1 x 120.00", "2 x 15.00");
        if (returns) {
            s.giveBack("cy", "2025-01-20", "2024-12-10", Map.of("l0", 1L)); // bought before the period
        }
        s.buy("bob", "2025-02-01", "1 x 90.00");
        s.buy("ann", "2025-03-03", "3 x 30.00", "1 x 55.00");
        s.redeem("bob", "2025-03-05", 80);
        if (returns) {
            s.giveBack("bob", "2025-03-20", "2025-02-01", Map.of("l0", 1L)); // mostly spent: the rest is debt
        }
        s.buy("ann", "2025-04-01", "1 x 30.00"); // Gold under N from here
        s.buy("cy", "2025-04-02", "1 x 160.00");
        s.buy("ann", "2025-04-20", "2 x 60.00", "1 x 45.00");
        if (returns) {
            s.giveBack("ann", "2025-05-02", "2025-04-20", Map.of("l0", 1L)); // 105 kept: N's bonus stays
        }
        s.buy("bob", "2025-05-11", "1 x 70.00", "1 x 25.00");
        if (returns) {
            s.giveBack("ann", "2025-06-01", "2025-04-20", Map.of("l0", 1L)); // 45 kept: N's bonus goes
        }
        s.buy("cy", "2025-06-15", "1 x 220.00");
        s.redeem("ann", "2025-07-01", 100);
        s.buy("ann", "2025-08-08", "1 x 80.00");
        if (returns) {
            s.giveBack("cy", "2025-09-01", "2025-06-15", Map.of("l0", 1L));
        }
        s.buy("bob", "2025-10-10", "4 x 50.00");
        s.buy("cy", "2025-11-30", "1 x 35.00");
        s.p.ledger().expire(TO);
        s.buy("ann", "2026-01-02", "1 x 99.00"); // after the period
        return s;
    }

    private static Map<MemberId, MemberReplay> replay(LoyaltyProgram recorded, ReplayOrder order) {
        Map<MemberId, MemberReplay> parts = new HashMap<>();
        recorded.replay(ProgramVersion.of("N", versionN(), List.of()), FROM, TO,
                ReplayOptions.builder().order(order).tierLadder(N_LADDER).build(), one -> parts.put(one.member(), one),
                ProgressListener.NONE);
        return parts;
    }

    private static Map<MemberId, Long> inPeriod(Script s, LoyaltyProgram p) {
        Map<MemberId, Long> sums = new HashMap<>();
        for (MemberId m : MEMBERS) {
            long sum = 0;
            for (var r : p.store().records(m)) {
                if (r.kind() == io.github.loyaltyrules.program.spi.ReceiptRecord.Kind.PURCHASE
                        && !r.at().isBefore(FROM) && r.at().isBefore(TO)) {
                    sum += r.awards().stream().mapToLong(Award::amount).sum();
                }
            }
            sums.put(m, sum);
        }
        return sums;
    }

    private static void assertEqualsLive(boolean returns) {
        LoyaltyProgram recorded = program(live(), "v1", LIVE_LADDER);
        Script was = year(recorded, returns);
        LoyaltyProgram runN = program(versionN(), "N", N_LADDER);
        Script would = year(runN, returns);
        assertThat(would.awarded).isNotEqualTo(was.awarded);
        Map<MemberId, Long> wasInPeriod = inPeriod(was, recorded);
        Map<MemberId, Long> wouldInPeriod = inPeriod(would, runN);
        for (ReplayOrder order : ReplayOrder.values()) {
            Map<MemberId, MemberReplay> parts = replay(recorded, order);
            for (MemberId m : MEMBERS) {
                MemberReplay one = parts.get(m);
                String as = m.value() + " " + order + (returns ? " with returns" : "");
                assertThat(one.wouldAward().get("PTS")).as(as).isEqualTo(wouldInPeriod.get(m));
                assertThat(one.awarded().get("PTS")).as(as).isEqualTo(wasInPeriod.get(m));
                assertThat(one.tier()).as(as).isEqualTo(new ReplayTierMove(
                        recorded.tierEngine().orElseThrow().tierAt(m, TO).name(), runN.tierEngine().orElseThrow().tierAt(m, TO).name()));
                ReplayLiability book = one.wouldLiability().get("PTS");
                ReplayLiability liveBook = one.liability().get("PTS");
                Balance nowN = runN.ledger().balance(m, PTS, TO);
                Balance nowLive = recorded.ledger().balance(m, PTS, TO);
                assertThat(book.debt()).as(as).isEqualTo(nowN.debt());
                assertThat(liveBook.debt()).as(as).isEqualTo(nowLive.debt());
                assertThat(book.issued()).as(as).isEqualTo(wouldInPeriod.get(m));
                assertThat(book.returned()).as(as).isEqualTo(would.returned.getOrDefault(m, 0L));
                assertThat(liveBook.returned()).as(as).isEqualTo(was.returned.getOrDefault(m, 0L));
                if (!m.value().equals("cy")) { // cy's purchase before the period is in the ledger, not the books
                    assertThat(book.outstanding()).as(as).isEqualTo(nowN.total() - nowN.expired());
                    assertThat(liveBook.outstanding()).as(as).isEqualTo(nowLive.total() - nowLive.expired());
                }
            }
        }
    }

    @Test
    void aReplayOfVersionNWithItsOwnLadderEqualsRunningNLive() {
        assertEqualsLive(false);
    }

    @Test
    void aReplayWithReturnsEqualsRunningNLive() {
        assertEqualsLive(true);
    }

    @Test
    void theScriptMovesTiersAndLeavesDebt() {
        LoyaltyProgram runN = program(versionN(), "N", N_LADDER);
        year(runN, true);
        LoyaltyProgram recorded = program(live(), "v1", LIVE_LADDER);
        year(recorded, true);
        Map<MemberId, MemberReplay> parts = replay(recorded, ReplayOrder.MEMBER);
        assertThat(parts.values()).anySatisfy(one -> assertThat(one.tier().moved()).isTrue());
        assertThat(parts.values()).anySatisfy(one -> assertThat(one.wouldLiability().get("PTS").returned()).isPositive());
        assertThat(runN.ledger().balance(MemberId.of("bob"), PTS, Instant.parse("2025-04-01T00:00:00Z")).debt()).isPositive();
        assertThat(runN.receipt(IdempotencyKey.of("ann-2025-04-20")).orElseThrow().awards())
                .extracting(Award::ruleId).contains("gold");
    }

    @Test
    void aCandidateLadderNeedsATierEngine() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        LoyaltyProgram noTiers = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", live(), List.of()), TierLookup.NONE);
        assertThatThrownBy(() -> noTiers.replay(ProgramVersion.of("N", versionN(), List.of()), FROM, TO,
                ReplayOptions.builder().tierLadder(N_LADDER).build(), one -> { }, ProgressListener.NONE))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tier engine");
        assertThatThrownBy(() -> ReplayOptions.builder().tierLadder(null)).isInstanceOf(InvalidRequestException.class);
    }
}
