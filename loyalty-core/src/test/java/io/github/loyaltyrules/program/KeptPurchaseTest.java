package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a return leaves of a purchase's discounts, tenders and codes, for the rules that look at the kept basket. */
class KeptPurchaseTest {

    private static Money eur(String a) {
        return Money.of(a, "EUR");
    }

    private static final BasketLine A = BasketLine.of("A", "WINE", "wine", 2, eur("10.00"));
    private static final BasketLine B = BasketLine.of("B", "BREAD", "bakery", 1, eur("5.00"));

    @Test
    void keptUnitsKeepTheirPartOfLineDiscountsAndOfTheirOrderDiscountShare() {
        Purchase p = new Purchase(List.of(A, B), "s", "pos", List.of(Tender.of("CASH", eur("20.00"))), Set.of("SPRING"),
                List.of(Discount.line("A", eur("3.00")), Discount.order(eur("2.00"))));
        // order shares: 2.00 over 17.00 and 5.00 -> 1.55 and 0.45; one bottle of two kept: 1.50 and 0.77 of A's
        Purchase kept = Returns.keptPurchase(p, List.of(BasketLine.of("A", "WINE", "wine", 1, eur("10.00")), B));
        assertThat(kept.discounts()).containsExactly(Discount.line("A", eur("1.50")), Discount.order(eur("1.22")));
        assertThat(kept.tenders()).isEqualTo(p.tenders());
        assertThat(kept.codes()).containsExactly("SPRING");
        // the bread, kept whole, keeps exactly its net amount
        assertThat(kept.baseAmounts(EarningBase.NET).get(1)).isEqualTo(p.baseAmounts(EarningBase.NET).get(1));
    }

    @Test
    void aPurchaseWithoutDiscountsKeepsNone() {
        Purchase p = new Purchase(List.of(A, B), "s", "pos", List.of(), Set.of(), List.of());
        assertThat(Returns.keptPurchase(p, List.of(B))).isEqualTo(Purchase.of("s", "pos", List.of(B)));
    }
}
