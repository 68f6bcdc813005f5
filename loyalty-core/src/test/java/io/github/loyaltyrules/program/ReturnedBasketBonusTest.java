package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A basket bonus whose threshold the kept basket no longer meets is clawed back after a return. */
class ReturnedBasketBonusTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-04-07T09:30:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final MemberId ANN = MemberId.of("ann");

    /** 1 PTS per whole euro of each line; 40 PTS on baskets of 20.00 or more (no line shares: shared by amount). */
    static final RuleEngine WITH_BONUS = ctx -> {
        Purchase p = (Purchase) ctx.activity();
        Map<String, Long> shares = new LinkedHashMap<>();
        for (BasketLine line : p.lines()) {
            shares.put(line.lineId(), line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        List<Award> awards = new ArrayList<>();
        long sum = shares.values().stream().mapToLong(Long::longValue).sum();
        if (sum > 0) {
            awards.add(new Award("base", "Base points", "PTS", sum, shares, Explanation.fixed()));
        }
        if (p.total().amount().compareTo(new BigDecimal("20.00")) >= 0) {
            awards.add(new Award("big-basket", "40 pts on 20.00 or more", "PTS", 40, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    };

    static final RuleEngine NO_BONUS = ctx -> Evaluation.NOTHING;

    static Purchase basket() {
        return Purchase.of("store-1", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS", "beans", 1, Money.of("12.99", "EUR"))));
    }

    static LoyaltyProgram program() {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", WITH_BONUS, List.of()),
                TierLookup.NONE);
        program.enrol(ANN, T0.minusSeconds(3600));
        return program;
    }

    @Test
    void returningBelowTheThresholdClawsBackTheWholeBonusUnderTheOriginalVersion() {
        LoyaltyProgram program = program();
        Receipt bought = program.purchase(ANN, basket(), T0, IdempotencyKey.of("o-1"));
        assertThat(bought.total("PTS")).isEqualTo(10 + 12 + 40);
        assertThat(bought.change("PTS")).isEqualTo(bought.total("PTS"));
        program.install(ProgramVersion.of("v2", NO_BONUS, List.of()));
        assertThat(program.version("v1")).isPresent();

        // The beans (12.99 of 23.19) go back: the kept 10.20 no longer reaches 20.00.
        Receipt ret = program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("2", 1L), T0.plusSeconds(60),
                IdempotencyKey.of("r-1"));
        assertThat(ret.programVersion()).isEqualTo("v1");
        // Line shares: 12 base, and 22 of the bonus (40 x 12.99 / 23.19 = 22.4, floor); then the other 18.
        assertThat(ret.awards()).extracting(Award::amount).containsExactly(12L, 22L, 18L);
        assertThat(ret.total("PTS")).isEqualTo(12 + 40);
        assertThat(ret.change("PTS")).isEqualTo(-(12 + 40)); // the sign the rendering shows
        assertThat(ret.change("OTHER")).isZero();
        assertThat(ret.render()).endsWith("-18 PTS: 40 pts on 20.00 or more: the kept basket no longer qualifies"
                + " (kept basket 10.20 EUR earns nothing under version v1; 18 kept after line shares)");
        assertThat(program.ledger().balance(ANN, PTS).total()).isEqualTo(10);

        // Returning the rest takes back only the lattes' base points: the bonus is gone already.
        Receipt rest = program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("1", 3L), T0.plusSeconds(120),
                IdempotencyKey.of("r-2"));
        assertThat(rest.total("PTS")).isEqualTo(10);
        assertThat(program.ledger().balance(ANN, PTS).total()).isZero();
    }

    @Test
    void aReturnThatKeepsTheThresholdClawsBackOnlyLineShares() {
        LoyaltyProgram program = program();
        Purchase big = Purchase.of("store-1", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS", "beans", 2, Money.of("12.99", "EUR"))));
        program.purchase(ANN, big, T0.plusSeconds(1), IdempotencyKey.of("o-2"));
        Receipt ret = program.returnPurchase(ANN, IdempotencyKey.of("o-2"), Map.of("1", 3L), T0.plusSeconds(60),
                IdempotencyKey.of("r-1"));
        // Kept 25.98 still earns the bonus: only the lattes' shares go (10 base, 40 x 10.20 / 36.18 = 11.3 -> 11).
        assertThat(ret.awards()).extracting(Award::amount).containsExactly(10L, 11L);
    }

    @Test
    void reinstallingAVersionIdWithOtherTermsIsRejectedAndChangesNothing() {
        LoyaltyProgram program = program();
        ProgramVersion running = program.version();
        assertThatThrownBy(() -> program.install(ProgramVersion.of("v1", NO_BONUS, List.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'v1'");
        assertThat(program.version()).isSameAs(running);
        assertThat(program.version("v1")).containsSame(running);
        assertThat(program.install(running)).isSameAs(running);
    }

    @Test
    void aRejectedReturnChangesNothing() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("o-1"));
        List<Entry> before = program.ledger().statement(ANN);
        assertThatThrownBy(() -> program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("9", 1L),
                T0.plusSeconds(60), IdempotencyKey.of("r-1"))).isInstanceOf(InvalidRequestException.class);
        assertThat(program.ledger().statement(ANN)).isEqualTo(before);
        Receipt ret = program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("2", 1L), T0.plusSeconds(60),
                IdempotencyKey.of("r-1"));
        assertThat(ret.total("PTS")).isEqualTo(52);
    }
}
