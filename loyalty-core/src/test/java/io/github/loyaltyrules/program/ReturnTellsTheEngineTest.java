package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * After a return posts, the program tells the purchase's engine what it clawed back, with the
 * purchase's own context and the return's key; a retried return tells it again with the same
 * arguments (the engine gives back once per return key); a rejected return tells it nothing.
 */
class ReturnTellsTheEngineTest {

    /** The with-bonus engine of {@link ReturnedBasketBonusTest}, recording each call of {@link #returned}. */
    static final class Recording implements RuleEngine {
        final List<Object[]> calls = new ArrayList<>();

        @Override
        public Evaluation evaluate(RuleContext context) {
            return ReturnedBasketBonusTest.WITH_BONUS.evaluate(context);
        }

        @Override
        public void returned(RuleContext original, IdempotencyKey returnKey, Evaluation clawedBack) {
            calls.add(new Object[] {original, returnKey, clawedBack});
        }
    }

    private static long kept(Evaluation e, String rule) {
        return e.awards().stream().filter(a -> a.ruleId().equals(rule)).mapToLong(Award::amount).sum();
    }

    @Test
    void eachPostedReturnIsToldWithThePurchasesContextItsKeyAndWhatItClawedBack() {
        Recording engine = new Recording();
        Ledger ledger = Ledger.builder().zone(ReturnedBasketBonusTest.ZONE)
                .clock(Clock.fixed(ReturnedBasketBonusTest.T0.plusSeconds(86_400 * 40), ReturnedBasketBonusTest.ZONE))
                .currency(ReturnedBasketBonusTest.PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", engine, List.of()), TierLookup.NONE);
        program.enrol(ReturnedBasketBonusTest.ANN, ReturnedBasketBonusTest.T0.minusSeconds(3600));
        IdempotencyKey buy = IdempotencyKey.of("o-1");
        program.purchase(ReturnedBasketBonusTest.ANN, ReturnedBasketBonusTest.basket(), ReturnedBasketBonusTest.T0, buy);
        // base 10 (3 x 3.40) + 12 (12.99), bonus 40

        // a month later, one latte goes back: base loses 3 of the latte line's 10; the kept 19.79 loses the bonus
        program.returnPurchase(ReturnedBasketBonusTest.ANN, buy, Map.of("1", 1L),
                ReturnedBasketBonusTest.T0.plusSeconds(86_400 * 31), IdempotencyKey.of("r-1"));
        assertThat(engine.calls).hasSize(1);
        RuleContext original = (RuleContext) engine.calls.get(0)[0];
        assertThat(original.key()).isEqualTo(buy);
        assertThat(original.at().toInstant()).isEqualTo(ReturnedBasketBonusTest.T0);
        assertThat(original.activity()).isEqualTo(ReturnedBasketBonusTest.basket());
        assertThat(original.programVersion()).isEqualTo("v1");
        assertThat(original.member().id()).isEqualTo(ReturnedBasketBonusTest.ANN);
        assertThat(engine.calls.get(0)[1]).isEqualTo(IdempotencyKey.of("r-1"));
        Evaluation clawed = (Evaluation) engine.calls.get(0)[2];
        assertThat(kept(clawed, "base")).isEqualTo(3); // 22 kept before, 19 after
        assertThat(kept(clawed, "big-basket")).isEqualTo(40);

        // the same return again (a retry) is told again, the same way: the engine gives back once per key
        program.returnPurchase(ReturnedBasketBonusTest.ANN, buy, Map.of("1", 1L),
                ReturnedBasketBonusTest.T0.plusSeconds(86_400 * 31), IdempotencyKey.of("r-1"));
        assertThat(engine.calls).hasSize(2);
        assertThat(engine.calls.get(1)[1]).isEqualTo(IdempotencyKey.of("r-1"));
        assertThat(kept((Evaluation) engine.calls.get(1)[2], "base")).isEqualTo(3);
        assertThat(kept((Evaluation) engine.calls.get(1)[2], "big-basket")).isEqualTo(40);

        // a rejected return (more units than are left) tells nothing
        assertThatThrownBy(() -> program.returnPurchase(ReturnedBasketBonusTest.ANN, buy, Map.of("1", 3L),
                ReturnedBasketBonusTest.T0.plusSeconds(86_400 * 32), IdempotencyKey.of("r-2")))
                .isInstanceOf(InvalidReversalException.class);
        assertThat(engine.calls).hasSize(2);

        // the rest goes back: what the first return left of the base (19); the bonus went already
        program.returnPurchase(ReturnedBasketBonusTest.ANN, buy, Map.of("1", 2L, "2", 1L),
                ReturnedBasketBonusTest.T0.plusSeconds(86_400 * 33), IdempotencyKey.of("r-3"));
        assertThat(engine.calls).hasSize(3);
        assertThat(engine.calls.get(2)[1]).isEqualTo(IdempotencyKey.of("r-3"));
        assertThat(kept((Evaluation) engine.calls.get(2)[2], "base")).isEqualTo(19);
        assertThat(kept((Evaluation) engine.calls.get(2)[2], "big-basket")).isZero();
    }
}
