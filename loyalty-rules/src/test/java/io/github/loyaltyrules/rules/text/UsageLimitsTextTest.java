package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import io.github.loyaltyrules.program.UsageLimit;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "A free coffee for 100 points, at most 2 a month and 5 a program year (from 1 October) per member, and
 * 3 a month in all; one launch mug per member, 2 in all" written as {@code limit} clauses of a reward.
 */
class UsageLimitsTextTest {

    private static final String TERMS = """
            program "cafe";
            zone "Europe/Berlin";
            currency PTS "Points" decimals 0;
            rule base then earn 1 PTS per 1.00 EUR;
            reward coffee "Free coffee" costs 100 PTS
              limit 3 overall per month
              limit 2 per member per month
              limit 5 per member per year starting 1 October;
            reward mug "Launch mug" costs 400 PTS limit 1 per member limit 2 overall;
            """;

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void theLimitsAreReadIntoTheRewards() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        assertThat(p.rewards()).containsExactly(
                Reward.of("coffee", "Free coffee", pts.points(100))
                        .withLimit(UsageLimit.perMember(2, CalendarPeriod.MONTH))
                        .withLimit(UsageLimit.perMember(5, CalendarPeriod.YEAR).startingOn(MonthDay.of(10, 1)))
                        .withLimit(UsageLimit.overall(3, CalendarPeriod.MONTH)),
                Reward.of("mug", "Launch mug", pts.points(400)).limitPerMember(1).withLimit(UsageLimit.overall(2)));
    }

    @Test
    void aMemberGetsTwoCoffeesInSeptemberAndTheCafeThreeInAll() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        Ledger ledger = Ledger.builder().zone(p.zone()).clock(Clock.fixed(at("2026-09-01T08:00"), p.zone()))
                .currency(pts).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, p.toVersion(), TierLookup.NONE);
        MemberId ana = MemberId.of("ana");
        MemberId ben = MemberId.of("ben");
        for (MemberId m : List.of(ana, ben)) {
            program.enrol(m, at("2026-09-01T09:00"));
            ledger.earn(m, pts.points(1000), at("2026-09-01T09:00"), IdempotencyKey.of("w-" + m.value()), "welcome");
        }
        program.redeemReward(ana, "coffee", at("2026-09-10T08:00"), IdempotencyKey.of("a1"));
        program.redeemReward(ana, "coffee", at("2026-09-11T08:00"), IdempotencyKey.of("a2"));
        assertThatThrownBy(() -> program.redeemReward(ana, "coffee", at("2026-09-12T08:00"), IdempotencyKey.of("a3")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("the limit is 2 per member per MONTH");
        program.redeemReward(ben, "coffee", at("2026-09-13T08:00"), IdempotencyKey.of("b1"));
        assertThatThrownBy(() -> program.redeemReward(ben, "coffee", at("2026-09-14T08:00"), IdempotencyKey.of("b2")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("the limit is 3 overall per MONTH");
        program.redeemReward(ben, "coffee", at("2026-10-01T00:05"), IdempotencyKey.of("b2"));
        assertThat(ledger.balance(ana, pts, at("2026-12-31T00:00")).total()).isEqualTo(800);
        assertThat(ledger.balance(ben, pts, at("2026-12-31T00:00")).total()).isEqualTo(800);
    }

    @Test
    void theCanonicalTextListsPerMemberLimitsFirstAndReadsBack() {
        String printed = ProgramText.print(ProgramText.parse(TERMS));
        assertThat(printed).contains("""
                reward coffee "Free coffee" costs 100 PTS
                  limit 2 per member per month
                  limit 5 per member per year starting 1 October
                  limit 3 overall per month;
                """, """
                reward mug "Launch mug" costs 400 PTS
                  limit 1 per member
                  limit 2 overall;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        ParsedProgram p = ProgramText.parse(TERMS);
        ProgramVersion javaBuilt = ProgramVersion.of("cafe", p.ruleSet(), List.of(
                Reward.of("coffee", "Free coffee", p.currency("PTS").orElseThrow().points(100))
                        .withLimit(UsageLimit.overall(3, CalendarPeriod.MONTH))
                        .withLimit(UsageLimit.perMember(5, CalendarPeriod.YEAR).startingOn(MonthDay.of(10, 1)))
                        .withLimit(UsageLimit.perMember(2, CalendarPeriod.MONTH)), p.rewards().get(1)));
        assertThat(ProgramText.print(javaBuilt, p.zone())).isEqualTo(printed);
    }

    @Test
    void aMisspeltOrRepeatedLimitIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency PTS "Points" decimals 0;
                reward a "A" costs 1 PTS limit 2 per membr;
                reward b "B" costs 1 PTS limit 2 per member per mnth;
                reward c "C" costs 1 PTS limit 2 overal;
                reward d "D" costs 1 PTS limit 2 overall limit 3 overall;
                reward e "E" costs 1 PTS limit 0 per member per month;
                reward f "F" costs 1 PTS limit 2 per member per year strting 1 October;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(2, 38, "membr", "expected 'member', found 'membr'; did you mean 'member'?"),
                new Problem(3, 49, "mnth", "expected a calendar period, found 'mnth'; did you mean 'month'?"),
                new Problem(4, 34, "overal", "expected 'per member' or 'overall', found 'overal'; did you mean"
                        + " 'overall'?"),
                new Problem(5, 42, "limit", "'limit 2 overall' and 'limit 3 overall' count the same uses of this"
                        + " reward; expected one limit for each count"),
                new Problem(6, 1, "reward", "a usage limit must allow a positive number of uses; got 0"),
                new Problem(7, 54, "strting", "expected 'starting', a clause or ';', found 'strting'; did you mean"
                        + " 'starting'?"));
    }
}
