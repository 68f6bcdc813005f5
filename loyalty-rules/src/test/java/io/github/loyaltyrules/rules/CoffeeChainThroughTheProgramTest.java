package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coffee chain run through the core facade over a scripted month: purchases, a reward, a full
 * and a partial return, with every balance checked. 2 stars per 1.00, double stars on Tuesdays for
 * Gold, 50 stars on the first purchase, 150 stars per drink.
 */
class CoffeeChainThroughTheProgramTest {

    private static final MemberId ANN = MemberId.of("ann"); // Gold
    private static final MemberId BOB = MemberId.of("bob"); // Green

    private LoyaltyProgram program;

    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2024, 6, day, hour, 0).atZone(Fixtures.ZONE).toInstant();
    }

    @BeforeEach
    void setUp() {
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(30, 23), Fixtures.ZONE))
                .currency(STARS).build();
        ProgramVersion v = ProgramVersion.of("coffee-2024-06", CoffeeChainProgramTest.coffeeChain(),
                List.of(Reward.of("drink", "Free drink", STARS.points(150))));
        program = LoyaltyProgram.of(ledger, v, (member, instant) -> Optional.of(member.equals(ANN) ? "Gold" : "Green"));
        program.enrol(ANN, at(1, 8));
        program.enrol(BOB, at(1, 8));
    }

    private Receipt buy(MemberId m, String key, Instant when, Purchase p) {
        return program.purchase(m, p, when, IdempotencyKey.of(key));
    }

    private Balance balance(MemberId m) {
        return program.ledger().balance(m, STARS);
    }

    @Test
    void scriptedMonth() {
        // Mon 3 June: 8.85 EUR -> 8 whole units -> 16, plus 50 for the first purchase
        Receipt r1 = buy(ANN, "ann-1", at(3, 9), Fixtures.basket().coffee(2, "3.20").food(1, "2.45").build());
        assertThat(r1.total("STARS")).isEqualTo(66);
        // Tue 4 June, Gold: 12.00 -> 24, doubled
        Receipt r2 = buy(ANN, "ann-2", at(4, 9), Fixtures.basket().coffee(3, "4.00").build());
        assertThat(r2.total("STARS")).isEqualTo(48);
        assertThat(r2.render()).isEqualTo("+24 STARS: 2 stars per 1.00 (2 STARS per 1.00 EUR on 12.00 EUR on 1 line;"
                + " floor to whole 1.00 EUR (12))\n"
                + "+24 STARS: Double stars on Tuesdays for Gold (24 STARS earned on 1 line; 2x (additive); floor per line)");
        assertThat(r2.render()).contains("+24 STARS: Double stars on Tuesdays for Gold");
        // Tue 11 June, Gold: 15.00 -> 30, doubled
        Receipt r3 = buy(ANN, "ann-3", at(11, 9), Fixtures.basket().coffee(2, "5.00").food(1, "5.00").build());
        assertThat(r3.total("STARS")).isEqualTo(60);
        assertThat(balance(ANN).total()).isEqualTo(174);
        // Wed 12 June: a free drink
        program.redeemReward(ANN, "drink", at(12, 9), IdempotencyKey.of("ann-drink"));
        assertThat(balance(ANN).total()).isEqualTo(24);
        // Thu 13 June: the whole 11 June purchase comes back; 36 of its 60 stars were spent already
        Receipt back = program.returnPurchase(ANN, IdempotencyKey.of("ann-3"), Map.of("L1", 2L, "L2", 1L), at(13, 9),
                IdempotencyKey.of("ann-3-return"));
        assertThat(back.total("STARS")).isEqualTo(60);
        assertThat(balance(ANN).total()).isZero();
        assertThat(balance(ANN).debt()).isEqualTo(36);
        // Tue 18 June: 25.00 -> 50, doubled; the debt is settled first
        buy(ANN, "ann-4", at(18, 9), Fixtures.basket().coffee(1, "25.00").build());
        assertThat(balance(ANN).total()).isEqualTo(100 - 36);
        assertThat(balance(ANN).debt()).isZero();

        // Bob, Green, Tue 4 June: 12.00 -> 24, no Gold bonus, plus 50 for the first purchase
        Receipt b1 = buy(BOB, "bob-1", at(4, 10), Fixtures.basket().coffee(3, "4.00").build());
        assertThat(b1.total("STARS")).isEqualTo(74);
        // one of three coffees back: a third of each award's share of that line, rounded down
        Receipt bBack = program.returnPurchase(BOB, IdempotencyKey.of("bob-1"), Map.of("L1", 1L), at(5, 10),
                IdempotencyKey.of("bob-1-return"));
        assertThat(bBack.total("STARS")).isEqualTo(8 + 16);
        // and the other two: together exactly what the line earned
        program.returnPurchase(BOB, IdempotencyKey.of("bob-1"), Map.of("L1", 2L), at(6, 10),
                IdempotencyKey.of("bob-1-return-2"));
        assertThat(balance(BOB).total()).isZero();
        // Bob's next purchase is not his first any more: no welcome bonus
        assertThat(buy(BOB, "bob-2", at(7, 10), Fixtures.basket().coffee(1, "2.00").build()).total("STARS"))
                .isEqualTo(4);
    }
}
