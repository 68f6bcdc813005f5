package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RedemptionRuleException;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Pay for part of an order with points (from 100, in multiples of 50). If you return part of the
 * order, you get back the points you paid in proportion to the value you return, rounded down; the
 * last return gives back the rest." Written as {@code redeem from 100 in multiples of 50 refund pro rata}.
 */
class RefundOfPointsSpentTextTest {

    private static final String TERMS = """
            currency PTS "Points" decimals 0
              redeem from 100 in multiples of 50 refund pro rata;
            rule base then earn 1 PTS per 1.00 EUR;
            """;

    private static final MemberId ANA = MemberId.of("ana");

    private static Instant march(int day) {
        return Instant.parse("2026-03-%02dT10:00:00Z".formatted(day));
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    /** The terms' program, with Ana enrolled and given 1000 points on 1 March. */
    private static LoyaltyProgram program(String terms) {
        ParsedProgram p = ProgramText.parse(terms);
        Ledger.Builder b = Ledger.builder().zone(p.zone()).clock(Clock.fixed(march(31), p.zone()));
        p.currencies().forEach(b::currency);
        LoyaltyProgram program = LoyaltyProgram.of(b.build(), p.toVersion(), TierLookup.NONE);
        program.enrol(ANA, march(1));
        program.ledger().earn(ANA, pts(program).points(1000), march(1), key("welcome"), "welcome gift");
        return program;
    }

    private static PointCurrency pts(LoyaltyProgram program) {
        return program.ledger().currency("PTS");
    }

    private static long balance(LoyaltyProgram program) {
        return program.ledger().balance(ANA, pts(program), march(31)).total();
    }

    /** Two shirts at 30.00 and a cap at 15.00: 75.00 EUR, 75 points earned. */
    private static Purchase order() {
        return Purchase.of("web", "online", List.of(
                BasketLine.of("shirts", "SHIRT", "clothes", 2, Money.of("30.00", "EUR")),
                BasketLine.of("cap", "CAP", "clothes", 1, Money.of("15.00", "EUR"))));
    }

    @Test
    void returnsGiveBackThePointsPaidInProportionToTheValueReturned() {
        LoyaltyProgram program = program(TERMS);
        // 2 March: 300 points pay for part of order o-1, which earns 75
        program.redeemFor(ANA, pts(program).points(300), key("o-1"), march(2), key("pay-o-1"), "pays for o-1");
        program.purchase(ANA, order(), march(2), key("o-1"));
        assertThat(balance(program)).isEqualTo(1000 - 300 + 75);

        // 10 March: one shirt back (30.00 of 75.00): 30 earned are taken back, 300 * 30 / 75 = 120 given back
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 1L), march(10), key("ret-1"));
        assertThat(balance(program)).isEqualTo(775 - 30 + 120);
        // the till retries the same return: nothing more
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 1L), march(10), key("ret-1"));
        assertThat(balance(program)).isEqualTo(865);

        // 12 March: the cap back (45.00 of 75.00 in all): 180 given back in all, 60 of them now
        program.returnPurchase(ANA, key("o-1"), Map.of("cap", 1L), march(12), key("ret-2"));
        assertThat(balance(program)).isEqualTo(865 - 15 + 60);

        // 20 March: the last shirt: everything paid is back, and everything earned taken back
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 1L), march(20), key("ret-3"));
        assertThat(balance(program)).isEqualTo(1000);
        assertThat(program.receipt(key("ret-3")).orElseThrow().postings())
                .extracting(p -> p.amount()).containsExactly(30L, 120L);
    }

    @Test
    void roundingIsDownEachTimeAndTheLastReturnGivesBackTheRest() {
        LoyaltyProgram program = program(TERMS);
        Purchase threeBooks = Purchase.of("web", "online", List.of(
                BasketLine.of("books", "BOOK", "books", 3, Money.of("10.00", "EUR"))));
        program.redeemFor(ANA, pts(program).points(100), key("o-2"), march(2), key("pay-o-2"), "pays for o-2");
        program.purchase(ANA, threeBooks, march(2), key("o-2"));
        long[] givenBack = new long[3];
        for (int i = 0; i < 3; i++) {
            givenBack[i] = program.returnPurchase(ANA, key("o-2"), Map.of("books", 1L), march(3 + i), key("ret-" + i))
                    .postings().get(1).amount();
        }
        assertThat(givenBack).containsExactly(33, 33, 34); // floor(100/3), floor(200/3) - 33, 100 - 66
        assertThat(balance(program)).isEqualTo(1000);
    }

    @Test
    void programsThatDeclareNoRefundKeepThePointsSpent() {
        LoyaltyProgram program = program(TERMS.replace(" refund pro rata", ""));
        program.redeemFor(ANA, pts(program).points(300), key("o-1"), march(2), key("pay-o-1"), "pays for o-1");
        program.purchase(ANA, order(), march(2), key("o-1"));
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 2L, "cap", 1L), march(10), key("ret-1"));
        assertThat(balance(program)).isEqualTo(1000 - 300);
        assertThat(program.receipt(key("ret-1")).orElseThrow().postings()).hasSize(1);
    }

    @Test
    void onFullReturnGivesBackEverythingWithTheLastUnitOnly() {
        LoyaltyProgram program = program(TERMS.replace("pro rata", "on full return"));
        program.redeemFor(ANA, pts(program).points(300), key("o-1"), march(2), key("pay-o-1"), "pays for o-1");
        program.purchase(ANA, order(), march(2), key("o-1"));
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 2L), march(10), key("ret-1"));
        assertThat(balance(program)).isEqualTo(775 - 60);
        program.returnPurchase(ANA, key("o-1"), Map.of("cap", 1L), march(11), key("ret-2"));
        assertThat(balance(program)).isEqualTo(1000);
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        LoyaltyProgram program = program(TERMS);
        PointCurrency pts = pts(program);
        program.purchase(ANA, order(), march(2), key("o-1"));
        MemberId bob = MemberId.of("bob");
        program.enrol(bob, march(1));
        long before = balance(program);

        assertThatThrownBy(() -> program.redeemFor(ANA, pts.points(120), key("o-1"), march(3), key("p-1"), "x"))
                .isInstanceOf(RedemptionRuleException.class);
        assertThatThrownBy(() -> program.redeemFor(ANA, pts.points(5000), key("o-1"), march(3), key("p-2"), "x"))
                .isInstanceOf(io.github.loyaltyrules.ledger.InsufficientPointsException.class);
        assertThatThrownBy(() -> program.redeemFor(bob, pts.points(100), key("o-1"), march(3), key("p-3"), "x"))
                .isInstanceOf(UnknownPostingException.class).hasMessageContaining("made no purchase with key 'o-1'");
        assertThatThrownBy(() -> program.redeemFor(ANA, pts.points(100), null, march(3), key("p-4"), "x"))
                .isInstanceOf(NullPointerException.class);
        assertThat(balance(program)).isEqualTo(before);
        // none of the refused redemptions is tied: a full return gives back nothing
        program.returnPurchase(ANA, key("o-1"), Map.of("shirts", 2L, "cap", 1L), march(10), key("ret-1"));
        assertThat(balance(program)).isEqualTo(before - 75);
        assertThatThrownBy(() -> program.returnPurchase(ANA, key("o-1"), Map.of("cap", 1L), march(11), key("ret-2")))
                .isInstanceOf(InvalidReversalException.class);
        assertThat(balance(program)).isEqualTo(before - 75);
    }

    @Test
    void theKeyOfARedemptionPaysForOneOrderOnly() {
        LoyaltyProgram program = program(TERMS);
        PointCurrency pts = pts(program);
        program.redeemFor(ANA, pts.points(100), key("o-1"), march(2), key("pay"), "pays for o-1");
        assertThatThrownBy(() -> program.redeemFor(ANA, pts.points(100), key("o-2"), march(2), key("pay"), "o-2"))
                .isInstanceOf(io.github.loyaltyrules.ledger.IdempotencyConflictException.class);
        program.redeem(ANA, pts.points(100), march(2), key("untied"), "no order");
        assertThatThrownBy(() -> program.redeemFor(ANA, pts.points(100), key("o-1"), march(2), key("untied"), "o-1"))
                .isInstanceOf(io.github.loyaltyrules.ledger.IdempotencyConflictException.class);
        assertThat(balance(program)).isEqualTo(800);
    }

    @Test
    void theClauseIsPrintedReadBackAndDescribedFromJava() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        assertThat(p.redemptionRules()).containsExactly(new RedemptionRule(pts, 100, 50, RefundPolicy.PRO_RATA));
        assertThat(p.redemptionRules().get(0))
                .hasToString("PTS are redeemed from 100 PTS in multiples of 50 PTS; returns give back points spent"
                        + " pro rata");
        String printed = ProgramText.print(p);
        assertThat(printed).startsWith("currency PTS \"Points\" decimals 0\n  redeem from 100 in multiples of 50"
                + " refund pro rata;\n");
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).isEqualTo(printed);
        String onFull = ProgramText.print(ProgramText.parse(TERMS.replace("pro rata", "on full return")));
        assertThat(onFull).contains("redeem from 100 in multiples of 50 refund on full return;");
        assertThat(ProgramText.print(ProgramText.parse(TERMS.replace("pro rata", "none"))))
                .contains("redeem from 100 in multiples of 50;");
    }

    @Test
    void aMisspeltRefundClauseIsAnErrorThatSuggestsTheWord() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency A "A" decimals 0 redeem from 100 refnd pro rata;
                currency B "B" decimals 0 redeem from 100 refund pro rate;
                currency C "C" decimals 0 redeem from 100 refund half;
                currency D "D" decimals 0 redeem from 100 refund on ful return;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(1, 43, "refnd", "expected 'refund', a clause or ';', found 'refnd'; did you mean 'refund'?"),
                new Problem(2, 54, "rate", "expected 'rata', found 'rate'; did you mean 'rata'?"),
                new Problem(3, 50, "half", "expected 'pro rata', 'on full return' or 'none', found 'half'"),
                new Problem(4, 53, "ful", "expected 'full', found 'ful'; did you mean 'full'?"));
    }
}
