package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeWindow;
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

/** Challenges written as program terms, read, printed and run through the facade. */
class ChallengesTextTest {

    static final String CAFE = """
            program "cafe-challenges";
            zone "Europe/London";
            currency PTS "Points" decimals 0;

            rule visit "1 point per pound"
              then earn 1 PTS per 1.00 GBP;

            challenge five-visits "Shop 5 times this month for 200 bonus points"
              purchases 5 per month
              reward 200 PTS once returns revoke;
            challenge big-spender "Spend 500.00 in a quarter"
              spend 500.00 GBP per quarter
              reward 1000 PTS repeatable returns keep;
            challenge coffee-lover "Three coffees a week"
              items 3 in category coffee per week
              reward 100 PTS;
            challenge explorer "Visit 3 of our stores"
              stores 3 ever
              reward 300 PTS;
            """;

    static final MemberId ANN = MemberId.of("ann");
    static final Instant MON = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theTermsReadAsChallenges() {
        ParsedProgram p = ProgramText.parse(CAFE);
        assertThat(p.challenges()).containsExactly(
                Challenge.of("five-visits", "Shop 5 times this month for 200 bonus points", ChallengeGoal.purchases(5),
                        ChallengeWindow.MONTH, "PTS", 200),
                Challenge.of("big-spender", "Spend 500.00 in a quarter", ChallengeGoal.spend(Money.of("500.00", "GBP")),
                        ChallengeWindow.QUARTER, "PTS", 1000).withRepeatable(true)
                        .withReturnPolicy(Challenge.ReturnPolicy.KEEP),
                Challenge.of("coffee-lover", "Three coffees a week", ChallengeGoal.items(3).inCategory("coffee"),
                        ChallengeWindow.WEEK, "PTS", 100),
                Challenge.of("explorer", "Visit 3 of our stores", ChallengeGoal.distinctStores(3),
                        ChallengeWindow.LIFETIME, "PTS", 300));
        assertThat(p.toVersion().challenges()).containsOnlyKeys("five-visits", "big-spender", "coffee-lover", "explorer");
    }

    @Test
    void printedTextReadsBackTheSame() {
        ParsedProgram p = ProgramText.parse(CAFE);
        String printed = ProgramText.print(p);
        assertThat(printed).contains("challenge coffee-lover \"Three coffees a week\"\n  items 3 in category coffee per week\n"
                + "  reward 100 PTS once returns revoke;\n");
        assertThat(printed).contains("stores 3 ever");
        assertThat(ProgramText.parse(printed).challenges()).isEqualTo(p.challenges());
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).contains("spend 500.00 GBP per quarter");
    }

    @Test
    void threeCoffeesAWeekEarnAHundredThroughTheFacade() {
        ParsedProgram p = ProgramText.parse(CAFE);
        Ledger ledger = p.ledgerBuilder().clock(Clock.fixed(MON.plusSeconds(86_400 * 30), p.zone())).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, p.toVersion()).build();
        program.enrol(ANN, MON.minusSeconds(60));
        for (int i = 0; i < 3; i++) {
            program.purchase(ANN, Purchase.of("soho", "pos", List.of(BasketLine.of("1", "FLAT-WHITE", "coffee", 1,
                    Money.of("3.00", "GBP")))), MON.plusSeconds(3600L * i), IdempotencyKey.of("c" + i));
        }
        assertThat(program.challengeProgress(ANN, "coffee-lover", MON).toString()).isEqualTo("3 of 3");
        assertThat(program.challengeProgress(ANN, "five-visits", MON).toString()).isEqualTo("3 of 5");
        assertThat(ledger.balance(ANN, p.currency("PTS").orElseThrow()).total()).isEqualTo(3 * 3 + 100);
        program.returnPurchase(ANN, IdempotencyKey.of("c1"), Map.of("1", 1L), MON.plusSeconds(86_400), IdempotencyKey.of("r"));
        assertThat(ledger.balance(ANN, p.currency("PTS").orElseThrow()).total()).as("revoked with the coffee")
                .isEqualTo(2 * 3);
    }

    static String errors(String text) {
        try {
            ProgramText.parse(text);
        } catch (ProgramSyntaxException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected errors in:\n" + text);
    }

    static final String HEAD = "currency PTS \"Points\" decimals 0;\n";

    @Test
    void mistakesAreReportedWithLineColumnAndWhatWasMeant() {
        assertThat(errors(HEAD + "challenge a \"A\" purchase 5 per month reward 10 PTS;\n"))
                .contains("line 2, column 17").contains("did you mean 'purchases'");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 5 per mnth reward 10 PTS;\n"))
                .contains("did you mean 'month'");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 5 per month reward 10 PTZ;\n"))
                .contains("unknown currency 'PTZ'").contains("did you mean 'PTS'");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 0 per month reward 10 PTS;\n"))
                .contains("line 2, column 1:").contains("goal must be positive; got 0");
        assertThat(errors(HEAD + "challenge a \"A\" spend 500.00 GPB per month reward 10 PTS;\n"))
                .contains("did you mean 'GBP'");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 5 per month reward 10 PTS repeatable once;\n"))
                .contains("'once' is given twice");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 5 per month reward 10 PTS;\n"
                + "challenge a \"B\" items 5 per week reward 10 PTS;\n")).contains("duplicate challenge 'a'");
        assertThat(errors(HEAD + "challenge a \"" + "x".repeat(5000) + "\" purchases 5 per month reward 10 PTS;\n"))
                .contains("must be 1 to 200 characters");
    }

    @Test
    void anUnprintableChallengeIsRefused() {
        ParsedProgram p = ProgramText.parse(CAFE);
        var version = p.toVersion().withChallenges(Challenge.of("miles", "Miles", ChallengeGoal.purchases(1),
                ChallengeWindow.YEAR, "MILES", 5));
        assertThatThrownBy(() -> ProgramText.print(version, p.zone())).isInstanceOf(UnprintableProgramException.class)
                .hasMessageContaining("challenge miles rewards currency MILES");
    }
}
