package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A purchase's tenders, codes, discounts, tax and measured lines are stored with it: another server
 * reading the purchase back for a return evaluates the kept basket exactly as the till's purchase was,
 * and takes back only what the returned line earned.
 */
class JdbcPaidPurchasesTest {

    static final ParsedProgram TERMS = ProgramText.parse("""
            program "fresh-and-fuel";
            zone "Europe/Berlin";
            currency PTS "Points" decimals 0;
            rule base then earn 1 PTS per 1.00 EUR net of discounts excluding tax on category = "grocery";
            rule fuel then earn 1 PTS per 2 L measured;
            rule card when tender = "STORECARD" then multiply PTS by 2;
            rule welcome when code = "WELCOME" and basket >= 20.00 EUR net of discounts then earn 100 PTS;
            """);
    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    static LoyaltyProgram server(DataSource ds) {
        Ledger.Builder lb = Ledger.builder().zone(TERMS.zone()).clock(Clock.fixed(T0.plusSeconds(86400 * 30), TERMS.zone()))
                .store(JdbcLedgerStore.of(ds));
        TERMS.currencies().forEach(lb::currency);
        return LoyaltyProgram.builder(lb.build(), TERMS.toVersion()).store(JdbcProgramStore.of(ds)).build();
    }

    static Purchase shop() {
        Money eur = Money.of("1.00", "EUR");
        return new Purchase(List.of(
                BasketLine.of("G1", "COFFEE", "grocery", 2, Money.of("11.90", "EUR")).withTaxRate(new BigDecimal("0.19")),
                BasketLine.measured("F1", "DIESEL", "fuel", new BigDecimal("30.5"), "L", Money.of("52.00", "EUR"))),
                "station-7", "pos", List.of(Tender.of("STORECARD", Money.of("70.00", "EUR")), Tender.of("cash", eur)),
                Set.of("welcome"), List.of(Discount.line("G1", Money.of("1.80", "EUR")), Discount.order(eur)));
    }

    @Test
    void onH2() {
        storedAndReturnedOnAnotherServer(Databases.freshH2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
    void onPostgres() {
        storedAndReturnedOnAnotherServer(Databases.freshPostgres());
    }

    private static void storedAndReturnedOnAnotherServer(DataSource ds) {
        LoyaltyProgram till = server(ds);
        till.enrol(ANN, T0.minusSeconds(60));
        // coffee 23.80 with 3.80 tax, 1.80 off it and 0.30 of the 1.00 order discount (22.00 of 74.00 after line
        // discounts, plus the largest remainder's cent) leave 21.70, of which 21.70 * 20.00 / 23.80 = 18.23 is
        // untaxed -> 18; fuel 30.5 L -> 15; WELCOME on 73.00 net -> 100; all doubled for the store card
        io.github.loyaltyrules.program.Receipt bought = till.purchase(ANN, shop(), T0, IdempotencyKey.of("p1"));
        assertThat(bought.total("PTS")).isEqualTo(266);
        ReceiptRecord stored = JdbcProgramStore.of(ds).receipt(IdempotencyKey.of("p1")).orElseThrow();
        assertThat(stored.activity()).isEqualTo(shop().withCodes("WELCOME"));

        LoyaltyProgram office = server(ds);
        long back = office.returnPurchase(ANN, IdempotencyKey.of("p1"), Map.of("G1", 1L), T0.plusSeconds(86400),
                IdempotencyKey.of("r1")).total("PTS");
        PointCurrency pts = TERMS.currency("PTS").orElseThrow();
        // one coffee of two: half of the coffee line's share of each award (base, WELCOME by line amount, and the
        // card's bonus on them); the kept basket still has WELCOME and 62.10 net, so nothing more goes back
        long half = bought.awards().stream().mapToLong(a -> a.lineShares().getOrDefault("G1", 0L) / 2).sum();
        assertThat(back).isEqualTo(half).isEqualTo(48);
        assertThat(office.ledger().balance(ANN, pts).total()).isEqualTo(266 - 48);
        assertThat(back).isEqualTo(memoryReturn());
    }

    /** The same purchase and return on the in-memory stores. */
    private static long memoryReturn() {
        Ledger.Builder lb = Ledger.builder().zone(TERMS.zone()).clock(Clock.fixed(T0.plusSeconds(86400 * 30), TERMS.zone()));
        TERMS.currencies().forEach(lb::currency);
        LoyaltyProgram p = LoyaltyProgram.builder(lb.build(), TERMS.toVersion()).build();
        p.enrol(ANN, T0.minusSeconds(60));
        p.purchase(ANN, shop(), T0, IdempotencyKey.of("p1"));
        return p.returnPurchase(ANN, IdempotencyKey.of("p1"), Map.of("G1", 1L), T0.plusSeconds(86400),
                IdempotencyKey.of("r1")).total("PTS");
    }
}
