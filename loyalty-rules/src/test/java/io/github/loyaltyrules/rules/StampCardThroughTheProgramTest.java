package io.github.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stamp card ("buy 9 coffees, the 10th is free") written as per-item stamps in their own
 * currency plus a reward costing 9 stamps, alongside tier-qualifying points on the same purchases.
 */
class StampCardThroughTheProgramTest {

    private static final PointCurrency STAMPS = PointCurrency.of("STAMPS", "Coffee stamps", 0);
    private static final MemberId ANN = MemberId.of("ann");

    private static Instant at(int day) {
        return LocalDateTime.of(2024, 6, day, 9, 0).atZone(Fixtures.ZONE).toInstant();
    }

    @Test
    void ninthCoffeeEarnsAFreeOneAndTierPointsAccrueAlongside() {
        RuleSet rules = RuleSet.builder(STAMPS, Fixtures.TQP)
                .rule("stamp", r -> r.name("1 stamp per coffee")
                        .award(Actions.perItem(LineMatcher.category("coffee"), STAMPS.points(1))))
                .rule("tqp", r -> r.name("1 tier point per 1.00")
                        .award(Actions.perUnitSpent(Fixtures.tqp(1), Fixtures.eur("1.00"))))
                .build();
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(30), Fixtures.ZONE))
                .currency(STAMPS).currency(Fixtures.TQP).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("stamps-v1", rules,
                List.of(Reward.of("free-coffee", "Free coffee", STAMPS.points(9)))), TierLookup.NONE);
        program.enrol(ANN, at(1));

        for (int day = 1; day <= 3; day++) {
            Receipt r = program.purchase(ANN, Fixtures.basket().coffee(3, "3.10").food(1, "2.00").build(), at(day),
                    IdempotencyKey.of("p-" + day));
            assertThat(r.total("STAMPS")).isEqualTo(3);
            assertThat(r.total("TQP")).isEqualTo(11); // 11.30 -> 11
        }
        assertThat(ledger.balance(ANN, STAMPS).total()).isEqualTo(9);
        program.redeemReward(ANN, "free-coffee", at(4), IdempotencyKey.of("free-1"));
        assertThat(ledger.balance(ANN, STAMPS).total()).isZero();
        assertThat(ledger.balance(ANN, Fixtures.TQP).total()).isEqualTo(33);
    }
}
