package io.github.loyaltyrules.examples;

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
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Ten points a visit, a free coffee for ten points: one member earns and redeems, in memory. */
public class Quickstart {

    /**
     * Enrols a member, records a purchase and redeems a reward; prints the receipt and the balance left.
     *
     * @param args not used
     */
    public static void main(String[] args) {
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
    }
}
