package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * "A free coffee costs 100 stars each; take up to 5 at a time, at most 6 a month. The mug is one at a
 * time." Written as {@code costs 100 STARS each up to 5}.
 */
class RewardsByQuantityTextTest {

    private static final String TERMS = """
            currency STARS "Stars" decimals 0;
            reward coffee "Free coffee" costs 100 STARS each up to 5
              limit 6 per member per month;
            reward mug "Mug" costs 400 STARS;
            """;

    private static final MemberId ANA = MemberId.of("ana");

    private static Instant day(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    private static LoyaltyProgram program() {
        ParsedProgram p = ProgramText.parse(TERMS);
        Ledger.Builder b = Ledger.builder().zone(p.zone()).clock(Clock.fixed(day("2026-06-30"), p.zone()));
        p.currencies().forEach(b::currency);
        LoyaltyProgram program = LoyaltyProgram.of(b.build(), p.toVersion(), TierLookup.NONE);
        program.enrol(ANA, day("2026-05-01"));
        program.ledger().earn(ANA, stars(program).points(2000), day("2026-05-01"), key("welcome"), "welcome gift");
        return program;
    }

    private static PointCurrency stars(LoyaltyProgram program) {
        return program.ledger().currency("STARS");
    }

    private static long balance(LoyaltyProgram program) {
        return program.ledger().balance(ANA, stars(program), day("2026-06-30")).total();
    }

    @Test
    void theCostAndTheUsesScaleWithTheQuantity() {
        LoyaltyProgram program = program();
        // 2 May: three coffees at once
        assertThat(program.redeemReward(ANA, "coffee", 3, day("2026-05-02"), key("c-1")).amount()).isEqualTo(300);
        assertThat(balance(program)).isEqualTo(1700);
        assertThat(program.store().receipt(key("c-1")).orElseThrow().quantity()).isEqualTo(3);
        // the till retries: nothing more; the same key for two coffees is another request
        program.redeemReward(ANA, "coffee", 3, day("2026-05-02"), key("c-1"));
        assertThatThrownBy(() -> program.redeemReward(ANA, "coffee", 2, day("2026-05-02"), key("c-1")))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(balance(program)).isEqualTo(1700);
        // 10 May: four more would make 7 this month, above 6: refused whole; three fit
        assertThatThrownBy(() -> program.redeemReward(ANA, "coffee", 4, day("2026-05-10"), key("c-2")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageEndingWith("3 times in the MONTH from 2026-05-01; the limit is 6 per member per MONTH,"
                        + " too few for 4 more");
        assertThat(balance(program)).isEqualTo(1700);
        program.redeemReward(ANA, "coffee", 3, day("2026-05-10"), key("c-2"));
        assertThat(balance(program)).isEqualTo(1400);
        // 2 June: a new month, five at once
        program.redeemReward(ANA, "coffee", 5, day("2026-06-02"), key("c-3"));
        assertThat(balance(program)).isEqualTo(900);
        // the mug is one at a time, as rewards always were
        program.redeemReward(ANA, "mug", day("2026-06-03"), key("m-1"));
        assertThat(balance(program)).isEqualTo(500);
    }

    @Test
    void badQuantitiesAndUnknownRewardsAreRefusedAndChangeNothing() {
        LoyaltyProgram program = program();
        for (long q : new long[] {0, -1, 6, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> program.redeemReward(ANA, "coffee", q, day("2026-05-02"), key("c")))
                    .isInstanceOf(InvalidAmountException.class).hasMessageContaining("takes 1 to 5 units");
        }
        assertThatThrownBy(() -> program.redeemReward(ANA, "mug", 2, day("2026-05-02"), key("c")))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("takes 1 to 1 units");
        assertThatThrownBy(() -> program.redeemReward(ANA, "cake", 1, day("2026-05-02"), key("c")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("has no reward 'cake'");
        assertThatThrownBy(() -> program.redeemReward(ANA, "coffee", 5, day("2026-05-02"), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(balance(program)).isEqualTo(2000);
        assertThat(program.store().member(ANA).map(m -> m.redeemed("coffee")).orElse(0)).isZero();
        // the key was not used: it serves the next request
        program.redeemReward(ANA, "coffee", 2, day("2026-05-02"), key("c"));
        assertThat(balance(program)).isEqualTo(1800);

        PointCurrency stars = stars(program);
        Reward big = Reward.of("big", "Big", stars.points(Long.MAX_VALUE / 2)).upTo(3);
        assertThat(big.costOf(2)).isEqualTo(stars.points(Long.MAX_VALUE / 2 * 2));
        assertThatThrownBy(() -> big.costOf(3)).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("cost more than");
        assertThatThrownBy(() -> big.upTo(0)).isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class);
    }

    @Test
    void theClauseIsPrintedReadBackAndDescribedFromJava() {
        ParsedProgram p = ProgramText.parse(TERMS);
        assertThat(p.toVersion().rewards().get("coffee").maxQuantity()).isEqualTo(5);
        assertThat(p.toVersion().rewards().get("mug").maxQuantity()).isEqualTo(1);
        String printed = ProgramText.print(p);
        assertThat(printed).contains("reward coffee \"Free coffee\" costs 100 STARS each up to 5\n"
                + "  limit 6 per member per month;\n").contains("reward mug \"Mug\" costs 400 STARS;\n");
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).isEqualTo(printed);
    }

    @Test
    void aMisspeltOrImpossibleClauseIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                reward a "A" costs 100 STARS eahc up to 5;
                reward b "B" costs 100 STARS each up too 5;
                reward c "C" costs 100 STARS each up to 0;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).extracting(Problem::message).containsExactly(
                "expected 'each', 'for', 'limit', 'from', 'until' or ';', found 'eahc'; did you mean 'each'?",
                "expected 'to', found 'too'; did you mean 'to'?",
                "most units of reward c per redemption must be positive; got 0");
    }

    @Test
    void anOverallLimitCountsEveryUnitOfEveryMember() {
        ParsedProgram p = ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                reward coffee "Free coffee" costs 100 STARS each up to 5 limit 8 overall per month;
                """);
        Ledger.Builder b = Ledger.builder().zone(p.zone()).clock(Clock.fixed(day("2026-06-30"), p.zone()));
        p.currencies().forEach(b::currency);
        LoyaltyProgram program = LoyaltyProgram.of(b.build(), p.toVersion(), TierLookup.NONE);
        MemberId bob = MemberId.of("bob");
        for (MemberId m : new MemberId[] {ANA, bob}) {
            program.enrol(m, day("2026-05-01"));
            program.ledger().earn(m, stars(program).points(2000), day("2026-05-01"), key("welcome-" + m.value()), "gift");
        }
        program.redeemReward(ANA, "coffee", 5, day("2026-05-02"), key("a-1"));
        // 5 + 4 would pass 8 in all: refused whole, nothing drawn, so 3 still fit
        assertThatThrownBy(() -> program.redeemReward(bob, "coffee", 4, day("2026-05-03"), key("b-1")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("by all members");
        assertThat(program.ledger().balance(bob, stars(program), day("2026-06-30")).total()).isEqualTo(2000);
        program.redeemReward(bob, "coffee", 3, day("2026-05-03"), key("b-2"));
        assertThat(program.ledger().balance(bob, stars(program), day("2026-06-30")).total()).isEqualTo(1700);
    }
}
