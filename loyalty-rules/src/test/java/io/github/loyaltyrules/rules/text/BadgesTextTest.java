package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.ChallengesTextTest.HEAD;
import static io.github.loyaltyrules.rules.text.ChallengesTextTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.Badge;
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

/** Badges declared on challenges and used in rule conditions, read, printed and run through the facade. */
class BadgesTextTest {

    static final String BADGES = HEAD + """
            zone "Europe/London";
            rule visit "1 point per pound"
              then earn 1 PTS per 1.00 GBP;
            rule connoisseur "Connoisseurs earn double"
              when badge = coffee-connoisseur
              then earn 1 PTS per 1.00 GBP;
            challenge coffee-weeks "A coffee 3 weeks in a row"
              streak 3 weeks in category coffee ever
              reward 300 PTS badge coffee-connoisseur;
            """;

    @Test
    void theChallengeAwardsTheBadgeAndTheRuleNeedsIt() {
        ParsedProgram p = ProgramText.parse(BADGES);
        assertThat(p.challenges()).singleElement().extracting(c -> c.badge()).isEqualTo("coffee-connoisseur");
        String printed = ProgramText.print(p);
        assertThat(printed).contains("  when badge = coffee-connoisseur\n")
                .contains("  reward 300 PTS once returns revoke badge coffee-connoisseur;\n");
        assertThat(ProgramText.parse(printed).challenges()).isEqualTo(p.challenges());
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).contains("when badge = coffee-connoisseur");
    }

    @Test
    void mistakesAreReportedWithLineColumnAndWhatWasMeant() {
        String challenge = "challenge a \"A\" purchases 1 ever reward 1 PTS badge coffee-connoisseur;\n";
        assertThat(errors(HEAD + challenge + "rule r \"R\" when badge = cofee-connoisseur then earn 1 PTS per 1.00 GBP;\n"))
                .contains("line 3, column 25").contains("unknown badge 'cofee-connoisseur', did you mean 'coffee-connoisseur'?");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 1 ever reward 1 PTS badge x badge y;\n"))
                .contains("'badge' is given twice");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 1 ever reward 1 PTS bagde x;\n"))
                .contains("did you mean 'badge'");
        assertThat(errors(HEAD + "challenge a \"A\" purchases 1 ever reward 1 PTS badge \"coffee lover\";\n"))
                .contains("line 2, column 1:").contains("badge of challenge a must be 1 to 64 letters");
    }

    @Test
    void aConnoisseurEarnsDoubleFromThePurchaseAfterTheStreak() {
        ParsedProgram p = ProgramText.parse(BADGES);
        Instant mon = Instant.parse("2026-12-07T10:00:00Z");
        Ledger ledger = p.ledgerBuilder().clock(Clock.fixed(mon.plusSeconds(86_400 * 60), p.zone())).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, p.toVersion()).build();
        MemberId ann = MemberId.of("ann");
        program.enrol(ann, mon.minusSeconds(60));
        long week = 7 * 86_400L;
        Purchase coffee = Purchase.of("soho", "pos", List.of(BasketLine.of("1", "FLAT-WHITE", "coffee", 1,
                Money.of("3.00", "GBP"))));
        for (int i = 0; i < 3; i++) {
            program.purchase(ann, coffee, mon.plusSeconds(week * i), IdempotencyKey.of("c" + i));
        }
        assertThat(program.badges(ann)).containsExactly(new Badge("coffee-connoisseur", "coffee-weeks",
                mon.plusSeconds(week * 2), IdempotencyKey.of("c2")));
        long pts = ledger.balance(ann, p.currency("PTS").orElseThrow()).total();
        assertThat(pts).as("3 x 3 points and the streak's 300; the badge counts from the next purchase").isEqualTo(309);
        program.purchase(ann, coffee, mon.plusSeconds(week * 3), IdempotencyKey.of("c3"));
        assertThat(ledger.balance(ann, p.currency("PTS").orElseThrow()).total()).isEqualTo(309 + 3 + 3);
        program.returnPurchase(ann, IdempotencyKey.of("c1"), Map.of("1", 1L), mon.plusSeconds(week * 3 + 60),
                IdempotencyKey.of("r1"));
        assertThat(ledger.balance(ann, p.currency("PTS").orElseThrow()).total())
                .as("the return takes back its 3 points and the streak's 300; the badge stays").isEqualTo(12);
        program.purchase(ann, coffee, mon.plusSeconds(week * 4), IdempotencyKey.of("c4"));
        assertThat(ledger.balance(ann, p.currency("PTS").orElseThrow()).total())
                .as("3 + 3 for the coffee, and weeks 3 to 5 meet the streak again: 300 again").isEqualTo(12 + 6 + 300);
        assertThat(program.badges(ann)).as("the badge is not awarded a second time").hasSize(1);
    }
}
