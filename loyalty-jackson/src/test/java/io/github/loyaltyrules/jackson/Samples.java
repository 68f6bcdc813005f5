package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A small program with two members and a few postings, and mappers with the module. */
final class Samples {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
    static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 2).withHold(Period.ofDays(14))
            .withConsumptionOrder(io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST);
    static final MemberId ANN = MemberId.of("ann");
    static final MemberId BOB = MemberId.of("bob");
    static final Instant T0 = Instant.parse("2026-03-02T10:15:00Z");

    final Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).currency(MILES).build();
    final LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ctx -> new Evaluation(List.of(
            new Award("coffee-x2", "Double points on coffee", "PTS", 6, Map.of("1", 6L),
                    new Explanation("3.40 GBP on 1 coffee line", "1 pt per 1.00", "2x", "floor to whole points",
                            "")))), List.of()), TierLookup.NONE);

    Samples() {
        program.enrol(ANN, T0);
        program.enrol(BOB, T0);
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(LoyaltyModule.withCurrencies(List.of(PTS, MILES)));
    }

    static Purchase coffee() {
        return Purchase.of("store-1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 1,
                Money.of("3.40", "GBP"))));
    }

    static IdempotencyKey key(String text) {
        return IdempotencyKey.of(text);
    }
}
