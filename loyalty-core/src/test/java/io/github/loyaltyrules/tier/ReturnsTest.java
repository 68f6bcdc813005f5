package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A return reduces the window the purchase counted in; a downgrade follows the program's return rule. */
class ReturnsTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final IdempotencyKey BAG = IdempotencyKey.of("order-1");

    @Test
    void returnInJanuaryOfADecemberPurchaseReducesLastYearsTotal() {
        TierEngine engine = TierEngine.of(Ladders.beauty().build());
        engine.record(ANN, Money.of("200.00", "EUR"), at("2026-06-01T12:00", PARIS), IdempotencyKey.of("june"));
        engine.record(ANN, Money.of("200.00", "EUR"), at("2026-12-20T12:00", PARIS), BAG);
        engine.record(ANN, Money.of("100.00", "EUR"), at("2027-01-05T12:00", PARIS), IdempotencyKey.of("jan"));
        engine.recordReturn(ANN, BAG, 10_000, at("2027-01-10T12:00", PARIS), IdempotencyKey.of("ret-1"));

        assertThat(engine.progress(ANN, at("2027-01-10T12:00", PARIS)).values())
                .containsEntry(SPEND_EUR, new BigDecimal("100.00"));
        assertThat(engine.tierAt(ANN, at("2027-01-10T12:00", PARIS)).name())
                .as("the program downgrades at window close, so VIB stays").isEqualTo("VIB");
        assertThat(engine.tierAt(ANN, at("2028-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
    }

    @Test
    void immediateRuleDowngradesAtOnceWithTheReturnAsReason() {
        TierEngine engine = TierEngine.of(Ladders.beauty().returnRule(ReturnRule.IMMEDIATE).build());
        engine.record(ANN, Money.of("100.00", "EUR"), at("2026-03-01T12:00", PARIS), IdempotencyKey.of("march"));
        engine.record(ANN, Money.of("300.00", "EUR"), at("2026-04-01T12:00", PARIS), BAG);
        engine.recordReturn(ANN, BAG, 10_000, at("2026-04-03T12:00", PARIS), IdempotencyKey.of("ret-1"));

        assertThat(engine.tierAt(ANN, at("2026-04-03T12:00", PARIS)).name()).isEqualTo("Insider");
        TierChange down = engine.history(ANN).get(1);
        assertThat(down.cause()).isEqualTo(ChangeCause.RETURN);
        assertThat(down.reason()).isEqualTo("return ret-1 took 10000 off spend:EUR; no threshold reached any more");
    }

    @Test
    void atWindowCloseRuleKeepsTheTierUntilTheWindowCloses() {
        TierEngine engine = TierEngine.of(Ladders.beauty().retention(true).build());
        engine.record(ANN, Money.of("400.00", "EUR"), at("2026-04-01T12:00", PARIS), BAG);
        engine.recordReturn(ANN, BAG, 40_000, at("2026-04-03T12:00", PARIS), IdempotencyKey.of("ret-1"));

        assertThat(engine.tierAt(ANN, at("2026-12-31T23:59", PARIS)).name()).isEqualTo("VIB");
        assertThat(engine.tierAt(ANN, at("2027-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
        assertThat(engine.progress(ANN, at("2026-05-01T00:00", PARIS)).keptUntil())
                .contains(at("2027-01-01T00:00", PARIS));
    }
}
