package io.github.loyaltyrules.program.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import io.github.loyaltyrules.program.UsageLimit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Quotas;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A café's published terms, counted in uses on every store:
 * <blockquote>A free coffee costs 100 points. Each member may have at most 2 a calendar month and 5 a
 * program year (from 1 October); the café gives out at most 3 a month in all. The launch mug costs 400
 * points, one per member, and only 2 are given out.</blockquote>
 * Ana, Ben and Cem earn their points, then redeem through September 2026 to January 2027 (Berlin time):
 * every balance and refusal below is worked out by hand. A refused redemption counts, posts and draws
 * nothing, so its key serves a later request; a retried key is replayed and never counts twice.
 */
public abstract class UsageLimitsContract {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final MemberId ANA = MemberId.of("ana");
    static final MemberId BEN = MemberId.of("ben");
    static final MemberId CEM = MemberId.of("cem");
    static final Reward COFFEE = Reward.of("coffee", "Free coffee", PTS.points(100))
            .withLimit(UsageLimit.perMember(2, CalendarPeriod.MONTH))
            .withLimit(UsageLimit.perMember(5, CalendarPeriod.YEAR).startingOn(MonthDay.of(10, 1)))
            .withLimit(UsageLimit.overall(3, CalendarPeriod.MONTH));
    static final Reward MUG = Reward.of("mug", "Launch mug", PTS.points(400)).limitPerMember(1)
            .withLimit(UsageLimit.overall(2));

    /** Returns an empty program store. */
    protected abstract ProgramStore newStore();

    /** Returns empty quotas of the same kind of store. */
    protected abstract Quotas newQuotas();

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    LoyaltyProgram program() {
        Ledger ledger = Ledger.builder().zone(BERLIN).clock(Clock.fixed(at("2026-09-01T08:00"), BERLIN))
                .currency(PTS).build();
        ProgramVersion terms = ProgramVersion.of("cafe-2026", ctx -> new Evaluation(List.of()), List.of(COFFEE, MUG));
        LoyaltyProgram p = LoyaltyProgram.builder(ledger, terms).store(newStore()).usageQuotas(newQuotas()).build();
        Map<MemberId, Long> earned = Map.of(ANA, 2000L, BEN, 2000L, CEM, 300L);
        for (Map.Entry<MemberId, Long> e : earned.entrySet()) {
            p.enrol(e.getKey(), at("2026-09-01T09:00"));
            ledger.earn(e.getKey(), PTS.points(e.getValue()), at("2026-09-01T09:00"),
                    IdempotencyKey.of("welcome-" + e.getKey().value()), "welcome");
        }
        return p;
    }

    static Posting redeem(LoyaltyProgram p, MemberId m, String reward, String local, String key) {
        return p.redeemReward(m, reward, at(local), IdempotencyKey.of(key));
    }

    static long balance(LoyaltyProgram p, MemberId m) {
        return p.ledger().balance(m, PTS, at("2028-06-30T00:00")).total();
    }

    @Test
    void twoCoffeesAMonthFiveAProgramYearAndThreeAMonthInAll() {
        LoyaltyProgram p = program();
        redeem(p, ANA, "coffee", "2026-09-10T08:00", "ana-1");
        redeem(p, ANA, "coffee", "2026-09-20T08:00", "ana-2");
        assertThat(balance(p, ANA)).isEqualTo(1800);

        // a third coffee in September: Ana's monthly limit
        assertThatThrownBy(() -> redeem(p, ANA, "coffee", "2026-09-25T08:00", "ana-3"))
                .isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("member ana has redeemed reward coffee 2 times in the MONTH from 2026-09-01; the limit is"
                        + " 2 per member per MONTH");
        assertThat(balance(p, ANA)).isEqualTo(1800);

        // Ben's first coffee is the third in September: then the café's monthly limit
        redeem(p, BEN, "coffee", "2026-09-26T08:00", "ben-1");
        assertThatThrownBy(() -> redeem(p, BEN, "coffee", "2026-09-30T23:30", "ben-2"))
                .isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("reward coffee was redeemed 3 times by all members in the MONTH from 2026-09-01; the"
                        + " limit is 3 overall per MONTH");
        assertThat(balance(p, BEN)).isEqualTo(1900);

        // retries replay and count nothing: the café still has 3 in September, Ana still 2
        redeem(p, ANA, "coffee", "2026-09-10T08:00", "ana-1");
        redeem(p, BEN, "coffee", "2026-09-26T08:00", "ben-1");
        assertThat(balance(p, ANA)).isEqualTo(1800);
        assertThat(balance(p, BEN)).isEqualTo(1900);
        assertThatThrownBy(() -> redeem(p, CEM, "coffee", "2026-09-30T12:00", "cem-1"))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("3 times by all members");

        // 1 October, ten past midnight in Berlin: a new month and a new program year; Ben's refused key serves
        redeem(p, BEN, "coffee", "2026-10-01T00:10", "ben-2");
        assertThat(balance(p, BEN)).isEqualTo(1800);

        // Ana's program year from 1 October: 2 in October, 2 in November, 1 in December, then no more
        redeem(p, ANA, "coffee", "2026-10-02T08:00", "ana-3");
        redeem(p, ANA, "coffee", "2026-10-03T08:00", "ana-4");
        redeem(p, ANA, "coffee", "2026-11-02T08:00", "ana-5");
        redeem(p, ANA, "coffee", "2026-11-03T08:00", "ana-6");
        redeem(p, ANA, "coffee", "2026-12-02T08:00", "ana-7");
        assertThat(balance(p, ANA)).isEqualTo(1300);
        assertThatThrownBy(() -> redeem(p, ANA, "coffee", "2027-01-04T08:00", "ana-8"))
                .isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("member ana has redeemed reward coffee 5 times in the YEAR from 2026-10-01; the limit is"
                        + " 5 per member per YEAR starting --10-01");
        assertThat(balance(p, ANA)).isEqualTo(1300);
        // ... until the program year of 1 October 2027
        redeem(p, ANA, "coffee", "2027-10-01T08:00", "ana-8");
        assertThat(balance(p, ANA)).isEqualTo(1200);
    }

    @Test
    void aRedemptionTheLedgerRefusesTakesNoneOfTheTwoMugs() {
        LoyaltyProgram p = program();
        assertThatThrownBy(() -> redeem(p, CEM, "mug", "2026-09-02T10:00", "cem-mug"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThat(balance(p, CEM)).isEqualTo(300);
        assertThat(p.store().member(CEM).map(r -> r.redeemed("mug")).orElse(0)).isZero();

        redeem(p, ANA, "mug", "2026-09-02T11:00", "ana-mug");
        assertThatThrownBy(() -> redeem(p, ANA, "mug", "2026-09-03T11:00", "ana-mug-2"))
                .isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("member ana has redeemed reward mug 1 times; the limit is 1");
        redeem(p, BEN, "mug", "2026-09-02T12:00", "ben-mug");
        redeem(p, BEN, "mug", "2026-09-02T12:00", "ben-mug"); // a retry: still two mugs given out
        p.ledger().earn(CEM, PTS.points(200), at("2026-09-04T09:00"), IdempotencyKey.of("cem-top-up"), "purchase");
        assertThatThrownBy(() -> redeem(p, CEM, "mug", "2026-09-05T10:00", "cem-mug"))
                .isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("reward mug was redeemed 2 times by all members; the limit is 2 overall");

        assertThat(balance(p, ANA)).isEqualTo(1600);
        assertThat(balance(p, BEN)).isEqualTo(1600);
        assertThat(balance(p, CEM)).isEqualTo(500);
        assertThat(p.store().member(CEM).map(r -> r.redeemed("mug")).orElse(0)).isZero();
        assertThat(p.store().receipt(IdempotencyKey.of("cem-mug"))).isEmpty();
    }

    @Test
    void aRefusedCoffeeLeavesTheMemberRecordAsItWas() {
        LoyaltyProgram p = program();
        redeem(p, ANA, "coffee", "2026-09-10T08:00", "ana-1");
        redeem(p, ANA, "coffee", "2026-09-11T08:00", "ana-2");
        var before = p.store().member(ANA).orElseThrow();
        assertThatThrownBy(() -> redeem(p, ANA, "coffee", "2026-09-12T08:00", "ana-3"))
                .isInstanceOf(RewardNotAvailableException.class);
        assertThat(p.store().member(ANA).orElseThrow()).isEqualTo(before);
        assertThat(p.store().receipt(IdempotencyKey.of("ana-3"))).isEmpty();
        assertThat(before.redeemed("coffee")).isEqualTo(2);
        assertThat(p.export(ANA).replaceAll("\\s+", " ")).contains("\"rewardsRedeemed\": { \"coffee\": 2 },"
                + " \"rewardsRedeemedInPeriods\": { \"coffee MONTH --01-01 2026-09-01\": 2,"
                + " \"coffee YEAR --10-01 2025-10-01\": 2 }");
    }
}
