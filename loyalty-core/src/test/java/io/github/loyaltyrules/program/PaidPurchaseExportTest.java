package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A member's export shows a purchase's tenders, codes, discounts, tax and measures, and only when it has them. */
class PaidPurchaseExportTest {

    @Test
    void theExportShowsThePurchaseTermsItHas() {
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        LoyaltyProgram program = LoyaltyProgram.of(Ledger.builder().zone(ZoneOffset.UTC).currency(pts).build(),
                ProgramVersion.of("v1", ctx -> new Evaluation(List.of()), List.of()), TierLookup.NONE);
        MemberId ann = MemberId.of("ann");
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        program.enrol(ann, t.minusSeconds(60));
        Money eur = Money.of("1.00", "EUR");
        program.purchase(ann, new Purchase(List.of(
                BasketLine.measured("F", "DIESEL", "fuel", new BigDecimal("42.37"), "L", Money.of("76.22", "EUR")),
                BasketLine.of("C", "CHOC", "grocery", 1, Money.of("2.49", "EUR")).withTax(Money.of("0.40", "EUR"))),
                "s", "pos", List.of(Tender.of("storecard", Money.of("77.71", "EUR"))), Set.of("welcome"),
                List.of(Discount.order(eur))), t, IdempotencyKey.of("p1"));
        program.purchase(ann, Purchase.of("s", "pos", List.of(BasketLine.of("1", "MILK", "grocery", 1, eur))),
                t.plusSeconds(60), IdempotencyKey.of("p2"));

        String json = program.export(ann);
        assertThat(json).contains("\"measure\": \"42.37\"", "\"unit\": \"L\"", "\"tax\": \"0.40\"",
                "\"method\": \"STORECARD\"", "\"amount\": \"77.71\"", "\"WELCOME\"", "\"line\": \"\"");
        assertThat(json.split("\"tenders\"", -1)).hasSize(2); // the plain purchase has none
        assertThat(json.split("\"measure\"", -1)).hasSize(2);
    }
}
