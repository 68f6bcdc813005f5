package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RedemptionRuleException;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Pay with points from 200, in multiples of 100" written as {@code redeem from 200 in multiples of 100}. */
class PayWithPointsTextTest {

    private static final String TERMS = """
            currency PTS "Points" decimals 0
              redeem from 200 in multiples of 100;
            currency CASH "Store cash" decimals 2 redeem from 5;
            currency VOUCHERS "Vouchers" decimals 0 redeem in multiples of 10;
            rule base then earn 1 PTS per 1.00 USD;
            """;

    @Test
    void theRuleIsReadIntoTheVersionAndTheFacadeKeepsIt() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        PointCurrency cash = p.currency("CASH").orElseThrow();
        assertThat(p.redemptionRules()).containsExactly(new RedemptionRule(pts, 200, 100), new RedemptionRule(cash, 500, 1),
                new RedemptionRule(p.currency("VOUCHERS").orElseThrow(), 10, 10));
        assertThat(p.toVersion().redemptionRule("PTS")).contains(new RedemptionRule(pts, 200, 100));

        Ledger.Builder b = Ledger.builder().zone(p.zone()).clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), p.zone()));
        p.currencies().forEach(b::currency);
        Ledger ledger = b.build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, p.toVersion(), TierLookup.NONE);
        MemberId ana = MemberId.of("ana");
        Instant t = Instant.parse("2026-02-01T12:00:00Z");
        program.enrol(ana, t);
        ledger.earn(ana, pts.points(450), t, IdempotencyKey.of("e"), "purchase");
        assertThatThrownBy(() -> program.redeem(ana, pts.points(150), t, IdempotencyKey.of("r"), "pay"))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("redemption of 150 PTS is below the minimum of"
                        + " 200 PTS; PTS are redeemed from 200 PTS in multiples of 100 PTS");
        program.redeem(ana, pts.points(400), t, IdempotencyKey.of("r"), "pay");
        assertThat(ledger.balance(ana, pts, t).total()).isEqualTo(50);
    }

    @Test
    void theCanonicalTextIsTheShortestFormAndReadsBack() {
        String printed = ProgramText.print(ProgramText.parse(TERMS));
        assertThat(printed).startsWith("""
                currency PTS "Points" decimals 0
                  redeem from 200 in multiples of 100;

                currency CASH "Store cash" decimals 2
                  redeem from 5.00;

                currency VOUCHERS "Vouchers" decimals 0
                  redeem in multiples of 10;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        ParsedProgram p = ProgramText.parse(TERMS);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).isEqualTo(printed);
        assertThat(ProgramText.print(ProgramText.parse("currency P \"P\" decimals 0 redeem from 100 in multiples of"
                + " 100;"))).isEqualTo("currency P \"P\" decimals 0\n  redeem in multiples of 100;\n");
    }

    @Test
    void aRuleThatCannotBeKeptOrIsMisspeltIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency A "A" decimals 0 redeem from 250 in multiples of 100;
                currency B "B" decimals 0 redeem from 2.5;
                currency C "C" decimals 0 redeem 200;
                currency D "D" decimals 0 redeem from 200 in multipels of 100;
                currency E "E" decimals 0 redeem from 0;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(1, 27, "redeem", "currency A: redemption minimum of A must be a positive multiple of the"
                        + " step 100 A; got 250 A"),
                new Problem(2, 27, "redeem", "currency B: amount of B must have at most 0 decimal places; got 2.5"),
                new Problem(3, 34, "200", "expected 'from' or 'in multiples of', found '200'"),
                new Problem(4, 46, "multipels", "expected 'multiples', found 'multipels'; did you mean 'multiples'?"),
                new Problem(5, 27, "redeem", "currency E: redemption minimum of E must be positive; got 0 E"));
    }
}
