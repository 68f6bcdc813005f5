package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stamp card written as text ("buy 9 coffees, the 10th is free"): per-item stamps in their own
 * currency and a reward costing 9 stamps, with tier points on the same purchases; the same program
 * as {@code StampCardThroughTheProgramTest} builds in Java.
 */
class StampCardTextTest {

    static final String STAMP_CARD = """
            program "stamps-v1";
            zone "Europe/Paris";
            currency STAMPS "Coffee stamps" decimals 0;
            currency TQP "Tier points" decimals 0;
            rule stamp "1 stamp per coffee" then earn 1 STAMPS per item on category = "coffee";
            rule tqp "1 tier point per 1.00" then earn 1 TQP per 1.00 EUR;
            reward free-coffee "Free coffee" costs 9 STAMPS;
            """;

    private static final MemberId ANN = MemberId.of("ann");

    private static Instant at(int day) {
        return LocalDateTime.of(2024, 6, day, 9, 0).atZone(Shop.PARIS).toInstant();
    }

    @Test
    void ninthCoffeeEarnsAFreeOneAndTierPointsAccrueAlongside() {
        ParsedProgram parsed = ProgramText.parse(STAMP_CARD);
        Ledger.Builder lb = Ledger.builder().zone(parsed.zone()).clock(Clock.fixed(at(30), parsed.zone()));
        parsed.currencies().forEach(lb::currency);
        Ledger ledger = lb.build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, parsed.toVersion(), TierLookup.NONE);
        program.enrol(ANN, at(1));
        for (int day = 1; day <= 3; day++) {
            Receipt r = program.purchase(ANN, Shop.basket().coffee(3, "3.10").pastry(1, "2.00").build(), at(day),
                    IdempotencyKey.of("p-" + day));
            assertThat(r.total("STAMPS")).isEqualTo(3);
            assertThat(r.total("TQP")).isEqualTo(11); // 11.30 -> 11
        }
        PointCurrency stamps = parsed.currency("STAMPS").orElseThrow();
        assertThat(ledger.balance(ANN, stamps).total()).isEqualTo(9);
        program.redeemReward(ANN, "free-coffee", at(4), IdempotencyKey.of("free-1"));
        assertThat(ledger.balance(ANN, stamps).total()).isZero();
        assertThat(ledger.balance(ANN, parsed.currency("TQP").orElseThrow()).total()).isEqualTo(33);
    }

    @Test
    void theJavaBuiltStampCardPrintsAsThisText() {
        PointCurrency stamps = PointCurrency.of("STAMPS", "Coffee stamps", 0);
        PointCurrency tqp = PointCurrency.of("TQP", "Tier points", 0);
        RuleSet rules = RuleSet.builder(stamps, tqp)
                .rule("stamp", r -> r.name("1 stamp per coffee")
                        .award(Actions.perItem(LineMatcher.category("coffee"), stamps.points(1))))
                .rule("tqp", r -> r.name("1 tier point per 1.00")
                        .award(Actions.perUnitSpent(tqp.points(1), Money.of("1.00", "EUR"))))
                .build();
        ProgramVersion version = ProgramVersion.of("stamps-v1", rules,
                List.of(Reward.of("free-coffee", "Free coffee", stamps.points(9))));
        assertThat(ProgramText.print(version, Shop.PARIS)).isEqualTo(ProgramText.print(ProgramText.parse(STAMP_CARD)));
    }
}
