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

    @Test
    void aMonthOfVisitsMeetsTheChallengesAndAReturnUndoesOne() throws IOException {
        ParsedProgram parsed;
        try (InputStream in = getClass().getResourceAsStream("/cafe-challenges.loyalty")) {
            parsed = ProgramText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
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
                .extracting(Object::toString).containsExactly("5 of 5", "1500 of 50000", "5 of 3", "3 of 3");
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
}
