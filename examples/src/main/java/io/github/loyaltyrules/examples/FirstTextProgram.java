package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import io.github.loyaltyrules.tier.TierLookup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The first program in text: reads first-program.loyalty, then a member earns at the weekend and redeems. */
public class FirstTextProgram {

    /**
     * Loads the program from the class path, runs a Saturday purchase and a redemption, and prints the results.
     *
     * @param args not used
     * @throws IOException if the program text cannot be read
     */
    public static void main(String[] args) throws IOException {
        String text;
        try (InputStream in = FirstTextProgram.class.getResourceAsStream("/first-program.loyalty")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParsedProgram parsed = ProgramText.parse(text);      // every error at once, with line and column
        Ledger ledger = parsed.ledgerBuilder().build();          // the program's zone and currencies, in memory
        LoyaltyProgram program = LoyaltyProgram.of(ledger, parsed.toVersion(), TierLookup.NONE);

        MemberId ann = MemberId.of("ann");
        Instant saturday = Instant.parse("2026-03-07T10:00:00Z");
        program.enrol(ann, saturday);
        System.out.println(program.purchase(ann, Purchase.of("paris-1", "pos", List.of(
                        BasketLine.of("1", "SHOES", "shoes", 1, Money.of("59.90", "EUR")))),
                saturday, IdempotencyKey.of("order-1")).render()); // +59 PTS: 1 point per 1.00 (...) and +59 PTS: Double ...
        program.redeemReward(ann, "voucher", saturday.plusSeconds(60), IdempotencyKey.of("order-1/voucher"));
        PointCurrency pts = ledger.currency("PTS");
        System.out.println(ledger.balance(ann, pts).available()); // 18
    }
}
