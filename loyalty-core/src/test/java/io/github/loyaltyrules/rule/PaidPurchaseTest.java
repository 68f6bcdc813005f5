package io.github.loyaltyrules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Tenders, codes, discounts, tax and measured lines of a purchase: what they accept and the amounts they give. */
class PaidPurchaseTest {

    private static Money eur(String a) {
        return Money.of(a, "EUR");
    }

    private static final BasketLine MILK = BasketLine.of("1", "MILK", "grocery", 4, eur("1.25"));
    private static final BasketLine COFFEE = BasketLine.of("2", "COFFEE", "grocery", 2, eur("12.99"));

    @Test
    void aPurchaseWithoutTheNewTermsIsTheOldPurchase() {
        Purchase p = Purchase.of("s", "pos", List.of(MILK));
        assertThat(p.tenders()).isEmpty();
        assertThat(p.codes()).isEmpty();
        assertThat(p.discounts()).isEmpty();
        for (EarningBase b : EarningBase.values()) {
            assertThat(p.total(b)).isEqualTo(eur("5.00"));
        }
        assertThat(MILK.tax()).isEqualTo(eur("0.00"));
        assertThat(MILK.isMeasured()).isFalse();
    }

    @Test
    void codesAndMethodsCompareInUpperCaseAndTendersAddUpByMethod() {
        Purchase p = Purchase.of("s", "pos", List.of(MILK)).withCodes("welcome", "Spring-10")
                .withTenders(Tender.of("storecard", eur("3.00")), Tender.of("CASH", eur("1.00")),
                        Tender.of("StoreCard", eur("1.00")));
        assertThat(p.codes()).containsExactly("SPRING-10", "WELCOME");
        assertThat(p.paidWith("STORECARD")).isEqualTo(eur("4.00"));
        assertThat(p.paidWith("gift")).isEqualTo(eur("0.00"));
    }

    @Test
    void netOfDiscountsSharesOrderDiscountsExactlyAndTaxComesOff() {
        BasketLine coffee = COFFEE.withTaxRate(new BigDecimal("0.07")); // 25.98 * 0.07 / 1.07 = 1.70
        assertThat(coffee.tax()).isEqualTo(eur("1.70"));
        Purchase p = Purchase.of("s", "pos", List.of(MILK, coffee))
                .withDiscounts(Discount.line("2", eur("3.00")), Discount.order(eur("1.00")));
        // after the line discount 5.00 and 22.98 of 27.98: 0.178... and 0.821... of 1.00 -> 0.18 and 0.82
        assertThat(p.baseAmounts(EarningBase.NET)).containsExactly(eur("4.82"), eur("22.16"));
        assertThat(p.baseAmounts(EarningBase.GROSS_EXCLUDING_TAX)).containsExactly(eur("5.00"), eur("24.28"));
        // the tax in what is left of the coffee: 22.16 * 24.28 / 25.98 = 20.709... -> 20.70
        assertThat(p.baseAmounts(EarningBase.NET_EXCLUDING_TAX)).containsExactly(eur("4.82"), eur("20.70"));
        assertThat(p.total(EarningBase.NET)).isEqualTo(eur("26.98"));
        assertThat(p.total()).isEqualTo(eur("30.98"));
    }

    @Test
    void aMeasuredLineIsOneItemOfAnExactQuantity() {
        BasketLine fuel = BasketLine.measured("F", "DIESEL", "fuel", new BigDecimal("42.3700"), "L", eur("76.22"));
        assertThat(fuel.measure()).isEqualByComparingTo("42.37").hasToString("42.37");
        assertThat(fuel.quantity()).isOne();
        assertThat(fuel.amount()).isEqualTo(eur("76.22"));
        assertThat(fuel.unit()).isEqualTo("L");
        assertThat(BasketLine.measured("F", "D", "fuel", new BigDecimal("2E+3"), "L", eur("1.00")).measure())
                .hasToString("2000");
    }

    @Test
    void badTermsAreRefusedWithTheLibrarysExceptionsNamingTheValue() {
        Purchase base = Purchase.of("s", "pos", List.of(MILK, COFFEE));
        assertThatThrownBy(() -> Tender.of("CASH", eur("0.00"))).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("CASH").hasMessageContaining("positive");
        assertThatThrownBy(() -> Tender.of("CASH", eur("-1.00"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> Tender.of("store card", eur("1.00"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1 to 64 letters");
        assertThatThrownBy(() -> base.withTenders(Tender.of("CASH", Money.of("1.00", "USD"))))
                .isInstanceOf(UnknownCurrencyException.class);
        assertThatThrownBy(() -> base.withCodes("x".repeat(65))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> base.withCodes("WELCOME\n")).isInstanceOf(InvalidRequestException.class)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> base.withCodes("")).isInstanceOf(InvalidRequestException.class);
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Purchase.MAX_TENDERS_OR_CODES; i++) {
            many.add("C" + i);
        }
        assertThatThrownBy(() -> base.withCodes(many.toArray(new String[0]))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 64");
        assertThatThrownBy(() -> Discount.order(eur("0.00"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> Discount.line(" ", eur("1.00"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> base.withDiscounts(Discount.line("9", eur("1.00"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'9'");
        assertThatThrownBy(() -> base.withDiscounts(Discount.line("1", eur("3.00")), Discount.line("1", eur("2.01"))))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("5.01");
        assertThatThrownBy(() -> base.withDiscounts(Discount.line("1", eur("5.00")), Discount.order(eur("25.99"))))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("25.99");
        assertThatThrownBy(() -> MILK.withTax(eur("5.01"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> MILK.withTax(eur("-0.01"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> MILK.withTaxRate(new BigDecimal("-0.1"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> MILK.withTaxRate(new BigDecimal("0.1234567")))
                .isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> BasketLine.measured("F", "D", "fuel", BigDecimal.ZERO, "L", eur("1.00")))
                .isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> BasketLine.measured("F", "D", "fuel", new BigDecimal("0.0000001"), "L", eur("1.00")))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("6 decimals");
        assertThatThrownBy(() -> BasketLine.measured("F", "D", "fuel", new BigDecimal("1E+999999999"), "L",
                eur("1.00"))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> BasketLine.measured("F", "D", "fuel", BigDecimal.ONE, "litres of fuel",
                eur("1.00"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new BasketLine("F", "D", "fuel", 2, eur("1.00"), BigDecimal.ONE, "L", eur("0.00")))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("quantity 2");
        assertThatThrownBy(() -> new BasketLine("F", "D", "fuel", 1, eur("1.00"), null, "L", eur("0.00")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> BasketLine.of("H", "GOLD", "x", Long.MAX_VALUE, Money.of("9".repeat(90) + ".00", "EUR"))
                .withTax(eur("1.00"))).isInstanceOf(AmountOverflowException.class);
        assertThatThrownBy(() -> base.withDiscounts(Discount.order(Money.of("9".repeat(90) + ".00", "EUR"))))
                .isInstanceOf(LoyaltyException.class);
        assertThat(base.tenders()).isEmpty(); // the purchase refused nothing it had
        assertThat(base.codes()).isEmpty();
        assertThat(base.discounts()).isEmpty();
    }

    @Property(tries = 300)
    void netAmountsAddUpExactlyToTheTotalLessDiscountsAndStayWithinTheLines(@ForAll("paid") Purchase p) {
        List<Money> net = p.baseAmounts(EarningBase.NET);
        Money off = Money.zero(p.total().currency());
        for (Discount d : p.discounts()) {
            off = off.plus(d.amount());
        }
        Money sum = Money.zero(p.total().currency());
        for (int i = 0; i < net.size(); i++) {
            assertThat(net.get(i).isNegative()).isFalse();
            assertThat(net.get(i).compareTo(p.lines().get(i).amount())).isLessThanOrEqualTo(0);
            sum = sum.plus(net.get(i));
        }
        assertThat(sum).isEqualTo(p.total().minus(off));
        assertThat(p.total(EarningBase.NET)).isEqualTo(sum);
        List<Money> exTax = p.baseAmounts(EarningBase.NET_EXCLUDING_TAX);
        for (int i = 0; i < net.size(); i++) {
            BasketLine line = p.lines().get(i);
            BigDecimal exact = net.get(i).amount().multiply(line.amount().amount().subtract(line.tax().amount()));
            // exTax is the untaxed part of what is left, rounded down: within one cent below the exact figure
            BigDecimal scaled = exTax.get(i).amount().multiply(line.amount().amount());
            assertThat(scaled).isLessThanOrEqualTo(exact);
            if (line.amount().isZero()) {
                assertThat(exTax.get(i).isZero()).isTrue();
            } else {
                assertThat(scaled.add(new BigDecimal("0.01").multiply(line.amount().amount()))).isGreaterThan(exact);
            }
            assertThat(exTax.get(i).isNegative()).isFalse();
        }
    }

    @Provide
    Arbitrary<Purchase> paid() {
        Arbitrary<List<Integer>> cents = Arbitraries.integers().between(0, 100_000).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(cents, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 99))
                .as((cs, lineOffPermille, orderPercent) -> {
                    List<BasketLine> lines = new ArrayList<>();
                    List<Discount> discounts = new ArrayList<>();
                    long total = 0;
                    long lineOff = 0;
                    for (int i = 0; i < cs.size(); i++) {
                        BasketLine l = BasketLine.of("L" + i, "S", "c", 1 + i % 3, Money.of(BigDecimal.valueOf(cs.get(i), 2),
                                java.util.Currency.getInstance("EUR"))).withTaxRate(new BigDecimal("0.19"));
                        lines.add(l);
                        long amount = l.amount().amount().movePointRight(2).longValueExact();
                        long off = amount * lineOffPermille / 1000;
                        if (off > 0) {
                            discounts.add(Discount.line(l.lineId(), Money.of(BigDecimal.valueOf(off, 2),
                                    java.util.Currency.getInstance("EUR"))));
                        }
                        total += amount;
                        lineOff += off;
                    }
                    long order = (total - lineOff) * orderPercent / 100;
                    if (order > 0) {
                        discounts.add(Discount.order(Money.of(BigDecimal.valueOf(order, 2),
                                java.util.Currency.getInstance("EUR"))));
                    }
                    return new Purchase(lines, "s", "pos", List.of(), Set.of(), discounts);
                });
    }
}
