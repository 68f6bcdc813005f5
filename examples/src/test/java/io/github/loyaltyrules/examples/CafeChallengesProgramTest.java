package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cafe's challenges (src/main/resources/cafe-challenges.loyalty) over a month of visits and a return. */
class CafeChallengesProgramTest {

    static final MemberId ANN = MemberId.of("ann");
    static final Instant TUE = Instant.parse("2026-12-01T08:00:00Z");

    ParsedProgram parsed() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/cafe-challenges.loyalty")) {
            return ProgramText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Purchase coffee() {
        return Purchase.of("soho", "pos", List.of(BasketLine.of("1", "FLAT-WHITE", "coffee", 1, Money.of("3.00", "GBP"))));
    }

    @Test
    void aMonthOfVisitsMeetsTheChallengesAndAReturnUndoesOne() throws IOException {
        ParsedProgram parsed = parsed();
        Ledger ledger = parsed.ledgerBuilder().clock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), parsed.zone()))
                .build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, parsed.toVersion()).build();
        program.enrol(ANN, TUE.minusSeconds(60));
        String[] stores = {"soho", "soho", "camden", "soho", "brixton"};
        for (int day = 0; day < 5; day++) {
            program.purchase(ANN, Purchase.of(stores[day], "pos", List.of(
                    BasketLine.of("1", "FLAT-WHITE", "coffee", 1, Money.of("3.00", "GBP")))),
                    TUE.plusSeconds(86_400L * day), IdempotencyKey.of("visit-" + day));
        }
        assertThat(program.challengeProgress(ANN, TUE.plusSeconds(86_400 * 4)))
                .extracting(Object::toString).containsExactly("5 of 5", "1500 of 50000", "5 of 3", "3 of 3", "1 of 3");
        long points = ledger.balance(ANN, parsed.currency("PTS").orElseThrow()).total();
        assertThat(points).as("5 x 3 pounds, five visits, three coffees in a week (once), three stores")
                .isEqualTo(15 + 200 + 100 + 300);
        program.returnPurchase(ANN, IdempotencyKey.of("visit-4"), Map.of("1", 1L), TUE.plusSeconds(86_400 * 5),
                IdempotencyKey.of("return-4"));
        assertThat(program.challengeProgress(ANN, "five-visits", TUE).toString()).isEqualTo("4 of 5");
        assertThat(program.challengeProgress(ANN, "explorer", TUE).toString()).isEqualTo("2 of 3");
        assertThat(ledger.balance(ANN, parsed.currency("PTS").orElseThrow()).total())
                .as("the return takes back its 3 points, the five-visits and the explorer bonus").isEqualTo(12 + 100);
    }

    @Test
    void aCoffeeThreeWeeksInARowEarnsTheBadgeAndAReturnThatBreaksTheRunTakesTheBonusBack() throws IOException {
        ParsedProgram parsed = parsed();
        Ledger ledger = parsed.ledgerBuilder().clock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), parsed.zone()))
                .build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, parsed.toVersion()).build();
        program.enrol(ANN, TUE.minusSeconds(60));
        long week = 7 * 86_400L;
        for (int i = 0; i < 3; i++) { // Tuesdays 1, 8 and 15 December: weeks of 30 November, 7 and 14 December
            program.purchase(ANN, coffee(), TUE.plusSeconds(week * i), IdempotencyKey.of("tuesday-" + i));
        }
        assertThat(program.challengeProgress(ANN, "coffee-weeks", TUE.plusSeconds(week * 2)).toString())
                .isEqualTo("3 of 3");
        assertThat(program.challengeProgress(ANN, "five-visits", TUE).toString()).isEqualTo("3 of 5");
        assertThat(ledger.balance(ANN, parsed.currency("PTS").orElseThrow()).total())
                .as("3 x 3 pounds and the streak's 250").isEqualTo(9 + 250);
        assertThat(program.challengeProgress(ANN, "coffee-weeks", TUE.plusSeconds(week * 3)).toString())
                .as("Tuesday 22 December, no coffee yet this week: the run can still go on").isEqualTo("3 of 3");
        assertThat(program.challengeProgress(ANN, "coffee-weeks", TUE.plusSeconds(week * 4)).toString())
                .as("a week missed").isEqualTo("0 of 3");
        program.returnPurchase(ANN, IdempotencyKey.of("tuesday-1"), Map.of("1", 1L), TUE.plusSeconds(week * 2 + 3600),
                IdempotencyKey.of("return-1"));
        assertThat(program.challengeProgress(ANN, "coffee-weeks", TUE.plusSeconds(week * 2)).toString())
                .as("the week of 7 December lost its only coffee").isEqualTo("1 of 3");
        assertThat(ledger.balance(ANN, parsed.currency("PTS").orElseThrow()).total())
                .as("the return takes back its 3 points and the streak's 250").isEqualTo(6);
        assertThat(program.badges(ANN)).extracting(b -> b.id() + " by " + b.purchase())
                .as("the badge stays").containsExactly("coffee-connoisseur by tuesday-2");
        program.purchase(ANN, coffee(), TUE.plusSeconds(week * 4), IdempotencyKey.of("tuesday-4"));
        assertThat(ledger.balance(ANN, parsed.currency("PTS").orElseThrow()).total())
                .as("a connoisseur's coffee: 3 points and 3 more").isEqualTo(6 + 3 + 3);
    }
}
