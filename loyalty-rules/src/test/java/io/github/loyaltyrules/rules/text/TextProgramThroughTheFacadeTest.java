package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A program loaded from text runs in the core facade; a new text replaces it only if it parses. */
class TextProgramThroughTheFacadeTest {

    private static final MemberId ANN = MemberId.of("ann");

    private ParsedProgram parsed;
    private LoyaltyProgram program;

    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2024, 6, day, hour, 0).atZone(Shop.PARIS).toInstant();
    }

    @BeforeEach
    void setUp() {
        parsed = ProgramText.parse(CoffeeChainTextTest.COFFEE_CHAIN);
        Ledger.Builder ledger = Ledger.builder().zone(parsed.zone()).clock(Clock.fixed(at(30, 23), parsed.zone()));
        for (PointCurrency c : parsed.currencies()) {
            ledger.currency(c);
        }
        program = LoyaltyProgram.of(ledger.build(), parsed.toVersion(), (member, instant) -> Optional.of("Gold"));
        program.enrol(ANN, at(1, 8));
    }

    private long buy(String key, Instant when, Purchase p) {
        return program.purchase(ANN, p, when, IdempotencyKey.of(key)).total("STARS");
    }

    @Test
    void purchasesEarnAndAStarsRewardIsRedeemed() {
        // Mon 3 June, first purchase: 8.85 -> 16 + 50
        assertThat(buy("a1", at(3, 12), Shop.basket().coffee(2, "3.20").pastry(1, "2.45").build())).isEqualTo(66);
        // Tue 4 June 12:00, Gold: 12.00 -> 24, doubled
        assertThat(buy("a2", at(4, 12), Shop.basket().coffee(3, "4.00").build())).isEqualTo(48);
        // Tue 11 June: 15.00 -> 30, doubled
        assertThat(buy("a3", at(11, 12), Shop.basket().coffee(2, "5.00").pastry(1, "5.00").build())).isEqualTo(60);
        var stars = parsed.currency("STARS").orElseThrow();
        var tqp = parsed.currency("TQP").orElseThrow();
        assertThat(program.ledger().balance(ANN, stars).total()).isEqualTo(174);
        assertThat(program.ledger().balance(ANN, tqp).total()).isEqualTo(8 + 12 + 15);
        // stars are held for 14 days: on 26 June all 174 are available
        program.redeemReward(ANN, "latte", at(26, 9), IdempotencyKey.of("latte"));
        assertThat(program.ledger().balance(ANN, stars).total()).isEqualTo(24);
    }

    @Test
    void aBadTextNeverReplacesTheRunningProgram() {
        ProgramVersion running = program.version();
        String broken = CoffeeChainTextTest.COFFEE_CHAIN.replace("tier >= Gold", "tier >= Glod");
        assertThatThrownBy(() -> program.install(ProgramText.parse(broken).toVersion()))
                .isInstanceOf(ProgramSyntaxException.class)
                .hasMessageContaining("unknown tier 'Glod', did you mean 'Gold'?");
        assertThat(program.version()).isSameAs(running);
        String next = CoffeeChainTextTest.COFFEE_CHAIN.replace("bean-and-leaf-2024-06", "bean-and-leaf-2024-07")
                .replace("earn 2 STARS per 1.00 EUR", "earn 3 STARS per 1.00 EUR");
        program.install(ProgramText.parse(next).toVersion());
        assertThat(program.version().id()).isEqualTo("bean-and-leaf-2024-07");
        assertThat(buy("b1", at(5, 12), Shop.basket().coffee(1, "2.00").build())).isEqualTo(6 + 50);
    }
}
