package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Entry;
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
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "What would the new program have cost last year?": version 2 (double points on coffee, capped at
 * 60 a member a month, and 25 for a review) replayed over a year recorded under version 1 (a point
 * per euro) gives, member by member, exactly what running version 2 live over the same year gave,
 * and changes nothing live.
 */
class WhatIfReplayTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant JAN = Instant.parse("2026-01-05T10:00:00Z");
    static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"), MemberId.of("cy"));

    /** Version 1: a point per whole euro. */
    static final RuleEngine V1 = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of());
        }
        long points = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Evaluation(List.of(new Award("base", "1 per euro", "PTS", points, Map.of(), Explanation.fixed())));
    };

    /** Version 2, drawing its monthly cap on its own counters. */
    static RuleEngine v2(Quotas quotas) {
        return ctx -> {
            if (ctx.activity() instanceof MemberEvent e) {
                return new Evaluation(e.type().equals("review")
                        ? List.of(new Award("review", "25 for a review", "PTS", 25, Map.of(), Explanation.fixed()))
                        : List.of());
            }
            Purchase p = (Purchase) ctx.activity();
            List<Award> awards = new ArrayList<>();
            long base = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            awards.add(new Award("base", "1 per euro", "PTS", base, Map.of(), Explanation.fixed()));
            BigDecimal coffee = BigDecimal.ZERO;
            for (BasketLine line : p.lines()) {
                if (line.category().equals("coffee")) {
                    coffee = coffee.add(line.amount().amount());
                }
            }
            long wanted = coffee.setScale(0, RoundingMode.FLOOR).longValueExact();
            ZonedDateTime at = ctx.at();
            long granted = quotas.draw(ctx.key().value(), "coffee/" + ctx.member().id().value() + "/" + at.getYear()
                    + "-" + at.getMonthValue(), wanted, 60);
            if (granted > 0) {
                awards.add(new Award("coffee", "double on coffee, 60 a month", "PTS", granted, Map.of(),
                        Explanation.fixed()));
            }
            return new Evaluation(awards);
        };
    }

    private static LoyaltyProgram program(RuleEngine engine, String id) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of(id, engine, List.of()), TierLookup.NONE);
    }

    /** The scripted year: each member shops twice a week with coffee and groceries, and reviews now and then. */
    private static void year(LoyaltyProgram p) {
        for (MemberId m : MEMBERS) {
            p.enrol(m, JAN.minusSeconds(3600));
        }
        for (int day = 0; day < 300; day += 3) { // ten months, all before today
            Instant at = JAN.plusSeconds(86_400L * day);
            for (int i = 0; i < MEMBERS.size(); i++) {
                MemberId m = MEMBERS.get(i);
                String key = m.value() + "-" + day;
                p.purchase(m, Purchase.of("s1", "pos", List.of(
                        BasketLine.of("1", "LATTE", "coffee", 1 + (day + i) % 4, Money.of("3.80", "EUR")),
                        BasketLine.of("2", "BREAD", "bakery", 1, Money.of(String.valueOf(2 + i * 7) + ".50", "EUR")))),
                        at, IdempotencyKey.of(key));
                if ((day + i) % 30 == 0) {
                    p.event(m, new MemberEvent("review", Map.of()), at.plusSeconds(60), IdempotencyKey.of(key + "-review"));
                }
            }
        }
    }

    @Test
    void replayingVersion2OverVersion1sYearGivesWhatVersion2GaveLive() {
        LoyaltyProgram recorded = program(V1, "v1");
        year(recorded);
        LoyaltyProgram live = program(v2(Quotas.inMemory()), "v2");
        year(live);

        Map<MemberId, List<Entry>> statementsBefore = new HashMap<>();
        for (MemberId m : MEMBERS) {
            statementsBefore.put(m, recorded.ledger().statement(m));
        }
        List<MemberReplay> members = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        ReplayReport report = recorded.replay(ProgramVersion.of("v2", v2(Quotas.inMemory()), List.of()),
                JAN.minusSeconds(86_400), JAN.plusSeconds(86_400L * 400), members::add,
                (done, total) -> progress.add(new long[] {done, total}));

        assertThat(members).extracting(MemberReplay::member).containsExactlyElementsOf(MEMBERS);
        long liveTotal = 0;
        for (MemberReplay one : members) {
            long v1Total = recorded.ledger().balance(one.member(), PTS).total();
            long v2Total = live.ledger().balance(one.member(), PTS).total();
            assertThat(one.awarded()).containsEntry("PTS", v1Total);
            assertThat(one.wouldAward()).as(one.member().value()).containsEntry("PTS", v2Total);
            assertThat(one.difference("PTS")).isEqualTo(v2Total - v1Total);
            assertThat(one.changed()).isTrue();
            liveTotal += v2Total;
        }
        assertThat(report.wouldAward()).containsEntry("PTS", liveTotal);
        assertThat(report.members()).isEqualTo(3);
        assertThat(report.membersChanged()).isEqualTo(3);
        assertThat(report.activities()).isEqualTo(recorded.store().records(MEMBERS.get(0)).size()
                + recorded.store().records(MEMBERS.get(1)).size() + recorded.store().records(MEMBERS.get(2)).size());
        assertThat(report.render()).contains("What-if replay of version v2").contains("PTS: awarded ");
        assertThat(progress).hasSize(3);
        assertThat(progress.get(2)).containsExactly(3, 3);
        // nothing live changed
        for (MemberId m : MEMBERS) {
            assertThat(recorded.ledger().statement(m)).isEqualTo(statementsBefore.get(m));
        }
    }

    @Test
    void aPeriodReplaysOnlyItsOwnActivity() {
        LoyaltyProgram recorded = program(V1, "v1");
        year(recorded);
        Instant march = Instant.parse("2026-03-01T00:00:00Z");
        Instant april = Instant.parse("2026-04-01T00:00:00Z");
        ReplayReport same = recorded.replay(ProgramVersion.of("v1-again", V1, List.of()), march, april, m -> { },
                ProgressListener.NONE);
        assertThat(same.wouldAward()).isEqualTo(same.awarded());
        assertThat(same.membersChanged()).isZero();
        assertThat(same.difference("PTS")).isZero();
        long inMarch = 0;
        for (MemberId m : MEMBERS) {
            inMarch += recorded.store().records(m).stream().filter(r -> !r.at().isBefore(march) && r.at().isBefore(april))
                    .count();
        }
        assertThat(same.activities()).isEqualTo(inMarch).isGreaterThanOrEqualTo(3L * 10);
        assertThat(same.awarded().get("PTS")).isPositive();

        assertThatThrownBy(() -> recorded.replay(ProgramVersion.of("v2", V1, List.of()), april, march, m -> { },
                ProgressListener.NONE)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("end after");
    }

    /** Version 3: version 2, plus 10 bonus points a purchase from a campaign budget of 40 a month shared by everyone. */
    static RuleEngine v3(Quotas quotas) {
        RuleEngine v2 = v2(quotas);
        return ctx -> {
            Evaluation base = v2.evaluate(ctx);
            if (!(ctx.activity() instanceof Purchase)) {
                return base;
            }
            long granted = quotas.draw(ctx.key().value(), "campaign/" + ctx.at().getYear() + "-" + ctx.at().getMonthValue(),
                    10, 40);
            if (granted == 0) {
                return base;
            }
            List<Award> awards = new ArrayList<>(base.awards());
            awards.add(new Award("campaign", "10 while the budget lasts", "PTS", granted, Map.of(), Explanation.fixed()));
            return new Evaluation(awards);
        };
    }

    /**
     * A year as it happens: the members shop on the same days at different hours (cy first, ann last,
     * so that time order is not key order), and each call is made in business time order.
     */
    private static void timedYear(LoyaltyProgram p) {
        for (MemberId m : MEMBERS) {
            p.enrol(m, JAN.minusSeconds(3600));
        }
        for (int day = 0; day < 300; day += 2) {
            for (int i = MEMBERS.size() - 1; i >= 0; i--) {
                MemberId m = MEMBERS.get(i);
                Instant at = JAN.plusSeconds(86_400L * day + 3_600L * (MEMBERS.size() - i) + (day % 7) * 250L)
                        .plusMillis(day % 3 * 125);
                String key = m.value() + "-" + day;
                p.purchase(m, Purchase.of("s" + (i + 1), "pos", List.of(
                        BasketLine.of("1", "LATTE", "coffee", 1 + (day + i) % 3, Money.of("3.80", "EUR")))),
                        at, IdempotencyKey.of(key));
                if ((day + i) % 20 == 0) {
                    p.event(m, new MemberEvent("review", Map.of()), at.plusMillis(1), IdempotencyKey.of(key + "-review"));
                }
            }
        }
    }

    @Test
    void replayInTimeOrderDrawsASharedBudgetAsLiveDidWhereMemberOrderDoesNot() {
        LoyaltyProgram recorded = program(V1, "v1");
        timedYear(recorded);
        LoyaltyProgram live = program(v3(Quotas.inMemory()), "v3");
        timedYear(live);
        Instant from = JAN.minusSeconds(86_400);
        Instant to = JAN.plusSeconds(86_400L * 400);

        List<MemberReplay> inTime = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        ReplayReport report = recorded.replay(ProgramVersion.of("v3", v3(Quotas.inMemory()), List.of()), from, to,
                ReplayOrder.TIME, inTime::add, (done, total) -> progress.add(new long[] {done, total}));
        List<MemberReplay> byMember = new ArrayList<>();
        recorded.replay(ProgramVersion.of("v3", v3(Quotas.inMemory()), List.of()), from, to, ReplayOrder.MEMBER,
                byMember::add, ProgressListener.NONE);

        assertThat(inTime).extracting(MemberReplay::member).containsExactlyElementsOf(MEMBERS);
        long records = 0;
        long liveTotal = 0;
        boolean memberOrderDiffers = false;
        for (int i = 0; i < MEMBERS.size(); i++) {
            MemberId m = MEMBERS.get(i);
            long v2Total = live.ledger().balance(m, PTS).total();
            assertThat(inTime.get(i).wouldAward()).as(m.value()).containsEntry("PTS", v2Total);
            assertThat(inTime.get(i).awarded()).containsEntry("PTS", recorded.ledger().balance(m, PTS).total());
            memberOrderDiffers |= byMember.get(i).wouldAward().get("PTS") != v2Total;
            records += recorded.store().records(m).size();
            liveTotal += v2Total;
        }
        // the budget is shared: in member order ann takes each month's budget before the others
        assertThat(memberOrderDiffers).isTrue();
        assertThat(report.wouldAward()).containsEntry("PTS", liveTotal);
        assertThat(report.activities()).isEqualTo(records);
        assertThat(progress).hasSize((int) records);
        assertThat(progress.get(progress.size() - 1)).containsExactly(records, records);
    }
}
