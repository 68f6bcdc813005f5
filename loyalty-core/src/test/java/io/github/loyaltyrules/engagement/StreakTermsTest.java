package io.github.loyaltyrules.engagement;

import static io.github.loyaltyrules.engagement.ChallengeTermsTest.ANN;
import static io.github.loyaltyrules.engagement.ChallengeTermsTest.basket;
import static io.github.loyaltyrules.engagement.ChallengeTermsTest.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.engagement.Challenge.ReturnPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.program.LoyaltyProgram;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streak goals as a program's terms state them, through the facade. 1 December 2026 (day 0) is a
 * Tuesday: its week starts on Monday 30 November, day 6 is the first Monday after.
 */
class StreakTermsTest {

    final ChallengeTermsTest terms = new ChallengeTermsTest();

    static final Challenge COFFEE_WEEKS = Challenge.of("coffee-weeks", "A coffee 3 weeks in a row",
            ChallengeGoal.streak(3, StreakPeriod.WEEK).inCategory("coffee"), ChallengeWindow.LIFETIME, "PTS", 300);

    void buy(LoyaltyProgram program, String category, int day, String key) {
        program.purchase(ANN, basket("s1", category, 1, "3.00"), day(day), IdempotencyKey.of(key));
    }

    String progress(LoyaltyProgram program, String challenge, int day) {
        return program.challengeProgress(ANN, challenge, day(day)).toString();
    }

    @Test
    void aCoffeeThreeWeeksInARow() {
        LoyaltyProgram program = terms.program(COFFEE_WEEKS);
        buy(program, "coffee", 0, "w1");
        buy(program, "food", 7, "w2-food");
        assertThat(progress(program, "coffee-weeks", 7)).as("food does not count").isEqualTo("1 of 3");
        buy(program, "coffee", 8, "w2");
        assertThat(progress(program, "coffee-weeks", 8)).isEqualTo("2 of 3");
        assertThat(progress(program, "coffee-weeks", 13)).as("the streak goes on until the week ends").isEqualTo("2 of 3");
        assertThat(progress(program, "coffee-weeks", 20)).as("a week without coffee breaks it").isEqualTo("0 of 3");
        assertThat(terms.points()).isZero();
        buy(program, "coffee", 15, "w3");
        assertThat(progress(program, "coffee-weeks", 15)).isEqualTo("3 of 3");
        assertThat(program.challengeProgress(ANN, "coffee-weeks", day(15)).rewarded()).isEqualTo(1);
        assertThat(terms.points()).isEqualTo(300);
        buy(program, "coffee", 22, "w4");
        buy(program, "coffee", 29, "w5");
        buy(program, "coffee", 36, "w6");
        assertThat(progress(program, "coffee-weeks", 36)).isEqualTo("6 of 3");
        assertThat(terms.points()).as("once").isEqualTo(300);
    }

    @Test
    void aReturnOfTheOnlyCoffeeOfAWeekBreaksTheStreakThereAndTakesTheRewardBack() {
        LoyaltyProgram program = terms.program(COFFEE_WEEKS);
        buy(program, "coffee", 0, "w1");
        buy(program, "coffee", 8, "w2");
        buy(program, "coffee", 9, "w2-again");
        buy(program, "coffee", 15, "w3");
        assertThat(terms.points()).isEqualTo(300);
        program.returnPurchase(ANN, IdempotencyKey.of("w2"), Map.of("1", 1L), day(16), IdempotencyKey.of("r1"));
        assertThat(progress(program, "coffee-weeks", 16)).as("week 2 still has a coffee").isEqualTo("3 of 3");
        assertThat(terms.points()).isEqualTo(300);
        program.returnPurchase(ANN, IdempotencyKey.of("w2-again"), Map.of("1", 1L), day(16), IdempotencyKey.of("r2"));
        assertThat(progress(program, "coffee-weeks", 16)).as("broken from week 2 on").isEqualTo("1 of 3");
        assertThat(program.challengeProgress(ANN, "coffee-weeks", day(16)).rewarded()).isZero();
        assertThat(terms.points()).isZero();
        program.returnPurchase(ANN, IdempotencyKey.of("w2-again"), Map.of("1", 1L), day(16), IdempotencyKey.of("r2"));
        assertThat(terms.points()).as("the return retried").isZero();
        buy(program, "coffee", 22, "w4");
        buy(program, "coffee", 29, "w5");
        assertThat(progress(program, "coffee-weeks", 29)).isEqualTo("3 of 3");
        assertThat(terms.points()).as("met again, earned again").isEqualTo(300);
    }

    @Test
    void aBreakKeepsTheRewardWhenTheProgramSaysSo() {
        LoyaltyProgram program = terms.program(COFFEE_WEEKS.withReturnPolicy(ReturnPolicy.KEEP));
        buy(program, "coffee", 0, "w1");
        buy(program, "coffee", 8, "w2");
        buy(program, "coffee", 15, "w3");
        program.returnPurchase(ANN, IdempotencyKey.of("w1"), Map.of("1", 1L), day(16), IdempotencyKey.of("r1"));
        assertThat(progress(program, "coffee-weeks", 16)).isEqualTo("2 of 3");
        assertThat(terms.points()).isEqualTo(300);
        buy(program, "coffee", 22, "w4");
        assertThat(terms.points()).as("not earned a second time").isEqualTo(300);
    }

    @Test
    void aLatePurchaseThatFillsAGapJoinsTheRuns() {
        LoyaltyProgram program = terms.program(COFFEE_WEEKS);
        buy(program, "coffee", 0, "w1");
        buy(program, "coffee", 15, "w3");
        assertThat(progress(program, "coffee-weeks", 15)).isEqualTo("1 of 3");
        buy(program, "coffee", 7, "w2-late");
        assertThat(progress(program, "coffee-weeks", 15)).isEqualTo("3 of 3");
        assertThat(terms.points()).isEqualTo(300);
    }

    @Test
    void aRepeatableDailyStreakEarnsOncePerRunOfTheGoalWithinItsWindow() {
        LoyaltyProgram program = terms.program(Challenge.of("three-days", "Shop 3 days in a row, every time",
                ChallengeGoal.streak(3, StreakPeriod.DAY), ChallengeWindow.MONTH, "PTS", 10).withRepeatable(true));
        for (int d = 0; d < 7; d++) {
            buy(program, "food", d, "d" + d);
            buy(program, "food", d, "d" + d + "-twice");
        }
        assertThat(progress(program, "three-days", 6)).isEqualTo("7 of 3");
        assertThat(terms.points()).as("7 days in a row: 2 times 3").isEqualTo(20);
        buy(program, "food", 8, "d8");
        buy(program, "food", 9, "d9");
        buy(program, "food", 10, "d10");
        assertThat(terms.points()).as("a new run after a gap").isEqualTo(30);
        buy(program, "food", 29, "d29");
        buy(program, "food", 30, "d30");
        buy(program, "food", 31, "d31");
        assertThat(progress(program, "three-days", 30)).as("30 and 31 December").isEqualTo("2 of 3");
        assertThat(progress(program, "three-days", 31)).as("the window of 1 January starts a new run").isEqualTo("1 of 3");
        assertThat(terms.points()).isEqualTo(30);
    }

    @Test
    void aStreakOfMonthsCountsCalendarMonthsInTheProgramZone() {
        LoyaltyProgram program = terms.program(Challenge.of("months", "A purchase 2 months in a row",
                ChallengeGoal.streak(2, StreakPeriod.MONTH), ChallengeWindow.YEAR, "PTS", 50));
        buy(program, "food", 30, "dec31");
        buy(program, "food", 31, "jan1");
        assertThat(progress(program, "months", 31)).as("December is in 2026's window, January in 2027's")
                .isEqualTo("1 of 2");
        buy(program, "food", 62, "feb1");
        assertThat(progress(program, "months", 62)).isEqualTo("2 of 2");
        assertThat(terms.points()).isEqualTo(50);
    }

    @Test
    void aStreakLongerThanItsWindowOrAGoalWithTheWrongPeriodIsRejected() {
        assertThatThrownBy(() -> Challenge.of("six-weeks", "Six weeks", ChallengeGoal.streak(6, StreakPeriod.WEEK),
                ChallengeWindow.MONTH, "PTS", 1)).isInstanceOf(ChallengeException.class)
                .hasMessage("streak of 6 weeks of challenge six-weeks cannot fit in a month, which holds at most 5")
                .extracting(e -> ((LoyaltyException) e).reason()).isEqualTo(LoyaltyException.Reason.INVALID_DEFINITION);
        assertThat(Challenge.of("five-weeks", "Five weeks", ChallengeGoal.streak(5, StreakPeriod.WEEK),
                ChallengeWindow.MONTH, "PTS", 1).goal().target()).isEqualTo(5);
        assertThatThrownBy(() -> ChallengeGoal.streak(0, StreakPeriod.DAY)).isInstanceOf(ChallengeException.class)
                .hasMessage("a challenge's goal must be positive; got 0 for a streak goal");
        assertThatThrownBy(() -> new ChallengeGoal(ChallengeGoal.Measure.STREAK, 3, null, null))
                .isInstanceOf(ChallengeException.class)
                .hasMessage("a streak goal, and only a streak goal, names a period; got STREAK with none");
        assertThatThrownBy(() -> new ChallengeGoal(ChallengeGoal.Measure.ITEMS, 3, null, null, StreakPeriod.DAY))
                .isInstanceOf(ChallengeException.class)
                .hasMessage("a streak goal, and only a streak goal, names a period; got ITEMS with DAY");
        assertThat(COFFEE_WEEKS.toString()).isEqualTo("coffee-weeks: STREAK 3 WEEK in coffee per LIFETIME -> 300 PTS once"
                + " returns REVOKE");
    }

    @Test
    void periodsStartOnTheirFirstDayAndFitTheirWindows() {
        java.time.LocalDate sunday = java.time.LocalDate.of(2026, 12, 6);
        assertThat(StreakPeriod.WEEK.start(sunday)).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        assertThat(StreakPeriod.MONTH.next(java.time.LocalDate.of(2027, 1, 1))).isEqualTo(java.time.LocalDate.of(2027, 2, 1));
        assertThat(StreakPeriod.DAY.most(ChallengeWindow.YEAR)).isEqualTo(366);
        assertThat(StreakPeriod.MONTH.most(ChallengeWindow.QUARTER)).isEqualTo(3);
        assertThat(StreakPeriod.WEEK.most(ChallengeWindow.LIFETIME)).isEqualTo(Long.MAX_VALUE);
        assertThat(StreakPeriod.DAY.word()).isEqualTo("days");
    }
}
