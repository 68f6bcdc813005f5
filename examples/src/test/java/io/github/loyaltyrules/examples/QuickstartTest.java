package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, compiled and run. The lines between the markers are the README's code block;
 * {@link #theReadmeShowsExactlyThisCode()} fails if the two drift apart.
 */
class QuickstartTest {

    @Test
    void quickstartEarnsAndRedeems() {
        // quickstart:begin
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0)
                .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
        Ledger ledger = Ledger.builder().zone(ZoneId.of("Europe/London")).currency(pts).build();
        RuleEngine tenPerVisit = ctx -> new Evaluation(List.of(
                new Award("visit", "10 points a visit", "PTS", 10, Map.of(), Explanation.fixed())));
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", tenPerVisit,
                List.of(Reward.of("coffee", "Free coffee", pts.points(10)))), TierLookup.NONE);

        MemberId ann = MemberId.of("ann");
        Instant now = Instant.parse("2026-03-02T10:15:00Z");
        program.enrol(ann, now);
        Receipt receipt = program.purchase(ann, Purchase.of("store-1", "pos", List.of(
                        BasketLine.of("1", "LATTE", "coffee", 1, Money.of("3.40", "GBP")))),
                now, IdempotencyKey.of("till-7/0001"));
        System.out.println(receipt.render());                              // +10 PTS: 10 points a visit
        program.redeemReward(ann, "coffee", now.plusSeconds(60), IdempotencyKey.of("till-7/0002"));
        System.out.println(ledger.balance(ann, pts, now.plusSeconds(60)).available()); // 0
        // quickstart:end

        assertThat(receipt.render()).isEqualTo("+10 PTS: 10 points a visit");
        assertThat(ledger.balance(ann, pts, now.plusSeconds(60)).available()).isZero();
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/loyaltyrules/examples/QuickstartTest.java"));
        String snippet = between(source, "// quickstart:begin\n", "        // quickstart:end").lines()
                .map(line -> line.isBlank() ? "" : line.substring(8))
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + snippet + "```");
        assertThat(snippet.lines().count()).isLessThanOrEqualTo(30);
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
