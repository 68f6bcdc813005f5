package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.PointWorth;
import io.github.loyaltyrules.program.PointsPayment;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RedemptionRuleException;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Pay with points: every 100 points take 1.00 EUR off your basket, in multiples of 100 points, up to
 * the basket's total. At our partner Café X your points are worth twice as much. Return part of an
 * order and you get back the points you paid pro rata." Written as a {@code worth} clause.
 */
class PayWithPointsAtARateTextTest {

    private static final String TERMS = """
            currency PTS "Points" decimals 0
              redeem from 100 in multiples of 100 refund pro rata
              worth 1.00 EUR per 100, times 2 at channel cafe-x;
            currency MILES "Miles" decimals 0
              redeem from 10;
            rule base then earn 1 PTS per 1.00 EUR;
            """;

    private static final MemberId ANA = MemberId.of("ana");

    private static Instant april(int day) {
        return Instant.parse("2026-04-%02dT10:00:00Z".formatted(day));
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    private static LoyaltyProgram program() {
        ParsedProgram p = ProgramText.parse(TERMS);
        Ledger.Builder b = Ledger.builder().zone(p.zone()).clock(Clock.fixed(april(30), p.zone()));
        p.currencies().forEach(b::currency);
        LoyaltyProgram program = LoyaltyProgram.of(b.build(), p.toVersion(), TierLookup.NONE);
        program.enrol(ANA, april(1));
        program.ledger().earn(ANA, pts(program).points(5000), april(1), key("welcome"), "welcome gift");
        return program;
    }

    private static PointCurrency pts(LoyaltyProgram program) {
        return program.ledger().currency("PTS");
    }

    private static long balance(LoyaltyProgram program) {
        return program.ledger().balance(ANA, pts(program), april(30)).total();
    }

    private static Purchase basket(String channel, String price, long quantity) {
        return Purchase.of("store-1", channel, List.of(BasketLine.of("1", "MEAL", "food", quantity,
                Money.of(price, "EUR"))));
    }

    @Test
    void pointsTakeMoneyOffTheBasketAtTheirValueOnItsChannel() {
        LoyaltyProgram program = program();
        PointCurrency pts = pts(program);
        // 2 April, online: 1000 points take 10.00 EUR off a 25.00 EUR basket, which earns 25
        Purchase online = basket("online", "12.50", 2);
        PointsPayment paid = program.payWithPoints(ANA, online, pts.points(1000), key("o-1"), april(2), key("pay-1"));
        assertThat(paid.value()).isEqualTo(Money.of("10.00", "EUR"));
        program.purchase(ANA, online, april(2), key("o-1"));
        assertThat(balance(program)).isEqualTo(5000 - 1000 + 25);
        // the till retries the payment: the same payment, nothing more
        assertThat(program.payWithPoints(ANA, online, pts.points(1000), key("o-1"), april(2), key("pay-1")))
                .isEqualTo(paid);
        assertThat(balance(program)).isEqualTo(4025);

        // 3 April, at Café X: the same 1000 points take 20.00 EUR off
        Purchase cafe = basket("cafe-x", "30.00", 1);
        assertThat(program.payWithPoints(ANA, cafe, pts.points(1000), key("o-2"), april(3), key("pay-2")).value())
                .isEqualTo(Money.of("20.00", "EUR"));
        program.purchase(ANA, cafe, april(3), key("o-2"));
        assertThat(balance(program)).isEqualTo(4025 - 1000 + 30);

        // 5 April: one of the two online meals comes back: half the 1000 points paid, and 12 of the 25 earned
        program.returnPurchase(ANA, key("o-1"), Map.of("1", 1L), april(5), key("ret-1"));
        assertThat(balance(program)).isEqualTo(3055 + 500 - 12);
    }

    @Test
    void theMostPointsABasketTakesIsItsTotalAtTheChannelsValue() {
        LoyaltyProgram program = program();
        PointCurrency pts = pts(program);
        RedemptionRule rule = program.version().redemptionRule("PTS").orElseThrow();
        PointWorth worth = rule.worth();
        assertThat(worth.pointsFor(Money.of("25.99", "EUR"), "online")).isEqualTo(pts.points(2599));
        assertThat(worth.pointsFor(Money.of("25.99", "EUR"), "cafe-x")).isEqualTo(pts.points(1299));
        assertThat(worth.valueOf(pts.points(1299), "cafe-x")).isEqualTo(Money.of("25.98", "EUR"));
        assertThat(worth.valueOf(pts.points(1), "online")).isEqualTo(Money.of("0.01", "EUR"));
        assertThat(worth.valueOf(pts.points(0), "online")).isEqualTo(Money.of("0.00", "EUR"));
        // a whole 30.00 basket at Café X takes 1500 points, not one more
        Purchase cafe = basket("cafe-x", "30.00", 1);
        program.payWithPoints(ANA, cafe, pts.points(1500), key("o-3"), april(4), key("pay-3"));
        assertThat(balance(program)).isEqualTo(3500);
    }

    @Test
    void pointsPayAtMostWhatIsDueAfterDiscounts() {
        LoyaltyProgram program = program();
        PointCurrency pts = pts(program);
        // a 30.00 basket at Café X with a 10.00 coupon off the order: 20.00 is due, 1000 points at most
        Purchase cafe = basket("cafe-x", "30.00", 1).withDiscounts(io.github.loyaltyrules.rule.Discount.order(
                Money.of("10.00", "EUR")));
        long before = balance(program);
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, pts.points(1100), key("o"), april(4), key("p-1")))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("1100 PTS are worth 22.00 EUR at channel"
                        + " 'cafe-x', more than the basket's total of 20.00 EUR; pay at most 1000 PTS");
        assertThat(balance(program)).isEqualTo(before);
        assertThat(program.payWithPoints(ANA, cafe, pts.points(1000), key("o"), april(4), key("p-2")).value())
                .isEqualTo(Money.of("20.00", "EUR"));
    }

    @Test
    void badPaymentsAreRefusedAndChangeNothing() {
        LoyaltyProgram program = program();
        PointCurrency pts = pts(program);
        Purchase cafe = basket("cafe-x", "30.00", 1);
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, pts.points(1600), key("o"), april(4), key("p-1")))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("1600 PTS are worth 32.00 EUR at channel"
                        + " 'cafe-x', more than the basket's total of 30.00 EUR; pay at most 1500 PTS");
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, pts.points(150), key("o"), april(4), key("p-2")))
                .isInstanceOf(RedemptionRuleException.class).hasMessageContaining("not a multiple of 100 PTS");
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, pts.points(0), key("o"), april(4), key("p-3")))
                .isInstanceOf(RedemptionRuleException.class).hasMessageContaining("below the minimum");
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, program.ledger().currency("MILES").points(100),
                key("o"), april(4), key("p-4"))).isInstanceOf(RedemptionRuleException.class)
                .hasMessageContaining("gives MILES no money value");
        Purchase dollars = Purchase.of("store-1", "online", List.of(BasketLine.of("1", "MEAL", "food", 1,
                Money.of("30.00", "USD"))));
        assertThatThrownBy(() -> program.payWithPoints(ANA, dollars, pts.points(100), key("o"), april(4), key("p-5")))
                .isInstanceOf(RedemptionRuleException.class)
                .hasMessage("a basket in USD cannot be paid with PTS, which are worth EUR");
        assertThatThrownBy(() -> program.payWithPoints(ANA, cafe, null, key("o"), april(4), key("p-6")))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> program.payWithPoints(MemberId.of("nobody"), cafe, pts.points(100), key("o"), april(4),
                key("p-7"))).isInstanceOf(io.github.loyaltyrules.ledger.UnknownMemberException.class);
        Purchase big = basket("online", "100000.00", 1);
        assertThatThrownBy(() -> program.payWithPoints(ANA, big, pts.points(9000), key("o"), april(4), key("p-8")))
                .isInstanceOf(io.github.loyaltyrules.ledger.InsufficientPointsException.class);
        assertThat(balance(program)).isEqualTo(5000);
        assertThat(program.store().redemptionsFor(key("o"))).isEmpty();

        PointWorth worth = program.version().redemptionRule("PTS").orElseThrow().worth();
        assertThatThrownBy(() -> worth.valueOf(pts.points(-1), "online")).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> worth.pointsFor(Money.of("-1.00", "EUR"), "online"))
                .isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> worth.pointsFor(Money.of("1" + "0".repeat(30), "EUR"), "online"))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("worth more than");
        assertThatThrownBy(() -> worth.atChannel("cafe-y", BigDecimal.ZERO)).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> worth.atChannel(" ", BigDecimal.ONE))
                .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class);
        assertThatThrownBy(() -> PointWorth.of(pts.points(0), Money.of("1.00", "EUR")))
                .isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> RedemptionRule.of(program.ledger().currency("MILES")).withWorth(worth))
                .isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void theClauseIsPrintedReadBackAndDescribedFromJava() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        RedemptionRule rule = RedemptionRule.of(pts).inMultiplesOf(pts.points(100)).withRefund(RefundPolicy.PRO_RATA)
                .withWorth(PointWorth.of(pts.points(100), Money.of("1.00", "EUR")).atChannel("cafe-x",
                        new BigDecimal("2")));
        assertThat(p.redemptionRules().get(0)).isEqualTo(rule).hasToString("PTS are redeemed from 100 PTS in multiples"
                + " of 100 PTS; returns give back points spent pro rata; 100 PTS are worth 1.00 EUR; 2 times that at"
                + " channel cafe-x");
        String printed = ProgramText.print(p);
        assertThat(printed).startsWith("""
                currency PTS "Points" decimals 0
                  redeem in multiples of 100 refund pro rata
                  worth 1.00 EUR per 100, times 2 at channel cafe-x;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), p.zone())).isEqualTo(printed);
        // the worth clause alone: any amount, at face value everywhere but one channel named by a string
        String alone = "currency P \"P\" decimals 2\n  worth 0.01 EUR per 1.00, times 1.5 at channel \"Partner Y\";\n";
        ParsedProgram q = ProgramText.parse(alone);
        assertThat(ProgramText.print(q)).isEqualTo(alone);
        assertThat(ProgramText.print(q.toVersion(), q.zone())).isEqualTo(alone);
        assertThat(q.redemptionRules().get(0).worth().valueOf(q.currency("P").orElseThrow().points(1000), "Partner Y"))
                .isEqualTo(Money.of("0.15", "EUR"));
    }

    @Test
    void aMisspeltOrImpossibleWorthClauseIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency A "A" decimals 0 wroth 1.00 EUR per 100;
                currency B "B" decimals 0 worth 1.00 EUR per 100, times 2 at chanel x;
                currency C "C" decimals 0 worth 1.00 EUO per 100;
                currency D "D" decimals 0 worth 1.00 EUR per 100, times 0 at channel x;
                currency E "E" decimals 0 worth 1.00 EUR per 100, times 2 at channel x, times 3 at channel x;
                currency F "F" decimals 0 worth 1.00 EUR per 0;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).extracting(Problem::message).containsExactly(
                "expected 'expires', 'hold', 'inactivity', 'activity', 'spend', 'redeem', 'worth', 'convert', 'kept' or ';', found"
                        + " 'wroth'; did you mean 'worth'?",
                "expected 'channel', found 'chanel'; did you mean 'channel'?",
                "unknown money currency 'EUO', did you mean 'EUR'?",
                "currency D: factor of D points at channel 'x' must be positive, at most 1000, with at most 6 decimal"
                        + " places; got 0",
                "currency E: channel 'x' has a factor twice; give each channel one",
                "currency F: points per value of F must be positive; got 0 minor units");
    }
}
