package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.ChallengesTextTest.HEAD;
import static io.github.loyaltyrules.rules.text.ChallengesTextTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeWindow;
import io.github.loyaltyrules.engagement.StreakPeriod;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streak challenges written as program terms, read, printed and run through the facade. */
class StreaksTextTest {

    static final String STREAKS = HEAD + """
            zone "Europe/London";
            challenge coffee-weeks "A coffee 3 weeks in a row"
              streak 3 weeks in category coffee ever
              reward 300 PTS;
            challenge daily "Shop 3 days in a row, every time"
              streak 3 days per month
              reward 10 PTS repeatable returns keep;
            challenge seasons "A purchase 3 months in a row"
              streak 3 months per year
              reward 500 PTS;
            """;

    @Test
    void theTermsReadAsStreaks() {
        ParsedProgram p = ProgramText.parse(STREAKS);
        assertThat(p.challenges()).containsExactly(
                Challenge.of("coffee-weeks", "A coffee 3 weeks in a row",
                        ChallengeGoal.streak(3, StreakPeriod.WEEK).inCategory("coffee"), ChallengeWindow.LIFETIME, "PTS", 300),
                Challenge.of("daily", "Shop 3 days in a row, every time", ChallengeGoal.streak(3, StreakPeriod.DAY),
                        ChallengeWindow.MONTH, "PTS", 10).withRepeatable(true).withReturnPolicy(Challenge.ReturnPolicy.KEEP),
                Challenge.of("seasons", "A purchase 3 months in a row", ChallengeGoal.streak(3, StreakPeriod.MONTH),
                        ChallengeWindow.YEAR, "PTS", 500));
    }

    @Test
    void printedTextReadsBackTheSame() {
        ParsedProgram p = ProgramText.parse(STREAKS);
        String printed = ProgramText.print(p);
        assertThat(printed).contains("challenge coffee-weeks \"A coffee 3 weeks in a row\"\n"
                + "  streak 3 weeks in category coffee ever\n  reward 300 PTS once returns revoke;\n");
        assertThat(printed).contains("  streak 3 days per month\n").contains("  streak 3 months per year\n");
        assertThat(ProgramText.parse(printed).challenges()).isEqualTo(p.challenges());
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).contains("streak 3 weeks in category coffee ever");
    }

    @Test
    void mistakesAreReportedWithLineColumnAndWhatWasMeant() {
        assertThat(errors(HEAD + "challenge a \"A\" streek 3 weeks ever reward 10 PTS;\n"))
                .contains("line 2, column 17").contains("did you mean 'streak'");
        assertThat(errors(HEAD + "challenge a \"A\" streak 3 weks ever reward 10 PTS;\n"))
                .contains("line 2, column 26").contains("expected the streak's periods (days, weeks or months)")
                .contains("did you mean 'weeks'");
        assertThat(errors(HEAD + "challenge a \"A\" streak 3 ever reward 10 PTS;\n"))
                .contains("expected the streak's periods (days, weeks or months), found 'ever'");
        assertThat(errors(HEAD + "challenge a \"A\" streak 6 weeks per month reward 10 PTS;\n"))
                .contains("line 2, column 1:").contains("streak of 6 weeks of challenge a cannot fit in a month");
        assertThat(errors(HEAD + "challenge a \"A\" streak 0 days ever reward 10 PTS;\n"))
                .contains("goal must be positive; got 0 for a streak goal");
    }

    @Test
    void aCoffeeThreeWeeksInARowEarnsThreeHundredThroughTheFacade() {
        ParsedProgram p = ProgramText.parse(STREAKS);
        Instant mon = Instant.parse("2026-12-07T10:00:00Z");
        Ledger ledger = p.ledgerBuilder().clock(Clock.fixed(mon.plusSeconds(86_400 * 60), p.zone())).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, p.toVersion()).build();
        MemberId ann = MemberId.of("ann");
        program.enrol(ann, mon.minusSeconds(60));
        for (int week = 0; week < 3; week++) {
            program.purchase(ann, Purchase.of("soho", "pos", List.of(BasketLine.of("1", "FLAT-WHITE", "coffee", 1,
                    Money.of("3.00", "GBP")))), mon.plusSeconds(7 * 86_400L * week), IdempotencyKey.of("c" + week));
        }
        assertThat(program.challengeProgress(ann, "coffee-weeks", mon.plusSeconds(14 * 86_400L)).toString())
                .isEqualTo("3 of 3");
        assertThat(ledger.balance(ann, p.currency("PTS").orElseThrow()).total()).isEqualTo(300);
        program.returnPurchase(ann, IdempotencyKey.of("c1"), Map.of("1", 1L), mon.plusSeconds(15 * 86_400L),
                IdempotencyKey.of("r"));
        assertThat(program.challengeProgress(ann, "coffee-weeks", mon.plusSeconds(15 * 86_400L)).toString())
                .as("the middle week's only coffee returned").isEqualTo("1 of 3");
        assertThat(ledger.balance(ann, p.currency("PTS").orElseThrow()).total()).isZero();
    }
}
