package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A purchase whose awards cannot all be posted posts none of them, and leaves its key free; a
 * purchase the ledger refuses leaves no record and no count, and its engine releases what it drew.
 */
class RejectedPurchaseTest {

    @Test
    void anAwardInAnUnknownCurrencyPostsNothingEvenInTheKnownOnes() {
        RuleEngine twoCurrencies = ctx -> new Evaluation(List.of(
                new Award("ok", "Known", "PTS", 5, Map.of(), Explanation.fixed()),
                new Award("bad", "Unknown", "MILES", 5, Map.of(), Explanation.fixed())));
        Ledger ledger = Ledger.builder().zone(LoyaltyProgramTest.ZONE)
                .clock(Clock.fixed(LoyaltyProgramTest.T0, LoyaltyProgramTest.ZONE))
                .currency(LoyaltyProgramTest.PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", twoCurrencies, List.of()),
                TierLookup.NONE);
        program.enrol(LoyaltyProgramTest.ANN, LoyaltyProgramTest.T0);
        ledger.earn(LoyaltyProgramTest.ANN, LoyaltyProgramTest.PTS.points(5), LoyaltyProgramTest.T0,
                IdempotencyKey.of("seed"), "opening balance");
        List<Entry> before = ledger.statement(LoyaltyProgramTest.ANN);

        IdempotencyKey key = IdempotencyKey.of("o-1");
        assertThatThrownBy(() -> program.purchase(LoyaltyProgramTest.ANN, LoyaltyProgramTest.basket(),
                LoyaltyProgramTest.T0, key)).isInstanceOf(UnknownCurrencyException.class).hasMessageContaining("MILES");
        assertThat(ledger.statement(LoyaltyProgramTest.ANN)).isEqualTo(before);
        assertThat(ledger.posting(IdempotencyKey.of("o-1#PTS"))).isEmpty();
        assertThat(program.receipt(key)).isEmpty();
        // the key was not kept: it can name a redemption now
        program.redeem(LoyaltyProgramTest.ANN, LoyaltyProgramTest.PTS.points(1), LoyaltyProgramTest.T0, key, "x");
    }

    @Test
    void aPurchaseTheLedgerRefusesLeavesNoRecordNoCountAndItsDrawsGoBack() {
        List<IdempotencyKey> abandoned = new java.util.ArrayList<>();
        List<Long> purchasesSeen = new java.util.ArrayList<>();
        RuleEngine engine = new RuleEngine() {
            @Override
            public Evaluation evaluate(io.github.loyaltyrules.rule.RuleContext ctx) {
                purchasesSeen.add(ctx.member().purchasesSoFar());
                return new Evaluation(List.of(new Award("big", "Big", "PTS", Long.MAX_VALUE - 10, Map.of(),
                        Explanation.fixed())));
            }

            @Override
            public void abandoned(IdempotencyKey key) {
                abandoned.add(key);
            }
        };
        Ledger ledger = Ledger.builder().zone(LoyaltyProgramTest.ZONE)
                .clock(Clock.fixed(LoyaltyProgramTest.T0, LoyaltyProgramTest.ZONE))
                .currency(LoyaltyProgramTest.PTS).build();
        io.github.loyaltyrules.program.spi.ProgramStore store =
                io.github.loyaltyrules.program.spi.InMemoryProgramStore.create();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", engine, List.of()),
                TierLookup.NONE, store);
        program.enrol(LoyaltyProgramTest.ANN, LoyaltyProgramTest.T0);
        ledger.earn(LoyaltyProgramTest.ANN, LoyaltyProgramTest.PTS.points(100), LoyaltyProgramTest.T0,
                IdempotencyKey.of("seed"), "opening balance");
        List<Entry> before = ledger.statement(LoyaltyProgramTest.ANN);

        IdempotencyKey key = IdempotencyKey.of("o-1");
        for (int attempt = 0; attempt < 2; attempt++) { // every retry is refused the same way, and counted nowhere
            assertThatThrownBy(() -> program.purchase(LoyaltyProgramTest.ANN, LoyaltyProgramTest.basket(),
                    LoyaltyProgramTest.T0, key)).isInstanceOf(io.github.loyaltyrules.ledger.AmountOverflowException.class);
            assertThat(ledger.statement(LoyaltyProgramTest.ANN)).isEqualTo(before);
            assertThat(program.receipt(key)).isEmpty();
            assertThat(store.member(LoyaltyProgramTest.ANN).map(m -> m.purchases()).orElse(0L)).isZero();
        }
        assertThat(purchasesSeen).containsExactly(0L, 0L); // "first purchase" rules see the same member each time
        assertThat(abandoned).containsExactly(key, key);
    }

    @Test
    void awardsThatOverflowTogetherAreRefusedBeforeAnythingIsStored() {
        RuleEngine twoHuge = ctx -> new Evaluation(List.of(
                new Award("a", "A", "PTS", Long.MAX_VALUE - 1, Map.of(), Explanation.fixed()),
                new Award("b", "B", "PTS", 5, Map.of(), Explanation.fixed())));
        Ledger ledger = Ledger.builder().zone(LoyaltyProgramTest.ZONE)
                .clock(Clock.fixed(LoyaltyProgramTest.T0, LoyaltyProgramTest.ZONE))
                .currency(LoyaltyProgramTest.PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", twoHuge, List.of()),
                TierLookup.NONE);
        program.enrol(LoyaltyProgramTest.ANN, LoyaltyProgramTest.T0);
        IdempotencyKey key = IdempotencyKey.of("o-1");
        assertThatThrownBy(() -> program.purchase(LoyaltyProgramTest.ANN, LoyaltyProgramTest.basket(),
                LoyaltyProgramTest.T0, key)).isInstanceOf(io.github.loyaltyrules.ledger.AmountOverflowException.class)
                .hasMessageContaining("add up to more than");
        assertThat(program.receipt(key)).isEmpty();
        assertThat(ledger.statement(LoyaltyProgramTest.ANN)).isEmpty();
    }

    @Test
    void aSpendBeyondALongOfMinorUnitsIsRefusedBeforeAnythingIsStored() {
        io.github.loyaltyrules.tier.Metric spend = io.github.loyaltyrules.tier.Metric.spend(java.util.Currency.getInstance("EUR"));
        io.github.loyaltyrules.tier.TierEngine tiers = io.github.loyaltyrules.tier.TierEngine.of(
                io.github.loyaltyrules.tier.TierLadder.builder().zone(LoyaltyProgramTest.ZONE)
                        .window(io.github.loyaltyrules.tier.QualificationWindow.calendarYear()).metrics(spend)
                        .tier(io.github.loyaltyrules.tier.Tier.of("Member"))
                        .tier(io.github.loyaltyrules.tier.Tier.of("Gold").withThreshold(spend, new java.math.BigDecimal("100")))
                        .build());
        Ledger ledger = Ledger.builder().zone(LoyaltyProgramTest.ZONE)
                .clock(Clock.fixed(LoyaltyProgramTest.T0, LoyaltyProgramTest.ZONE))
                .currency(LoyaltyProgramTest.PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1",
                ctx -> new Evaluation(List.of(new Award("visit", "Visit", "PTS", 10, Map.of(), Explanation.fixed()))),
                List.of()), tiers);
        program.enrol(LoyaltyProgramTest.ANN, LoyaltyProgramTest.T0);
        io.github.loyaltyrules.rule.Purchase huge = io.github.loyaltyrules.rule.Purchase.of("s1", "pos", List.of(
                io.github.loyaltyrules.rule.BasketLine.of("1", "JET", "aviation", 1,
                        io.github.loyaltyrules.ledger.Money.of("1e30", "EUR"))));
        IdempotencyKey key = IdempotencyKey.of("o-1");
        assertThatThrownBy(() -> program.purchase(LoyaltyProgramTest.ANN, huge, LoyaltyProgramTest.T0, key))
                .isInstanceOf(io.github.loyaltyrules.ledger.AmountOverflowException.class)
                .hasMessageContaining("minor units of EUR");
        assertThat(program.receipt(key)).isEmpty();
        assertThat(ledger.statement(LoyaltyProgramTest.ANN)).isEmpty();
        assertThat(tiers.tierOf(LoyaltyProgramTest.ANN, LoyaltyProgramTest.T0)).contains("Member");
    }
}
