package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An airline's published terms: "Miles earned before 1 January 2027 never expire; miles earned from
 * then on expire 24 months after the flight. Miles are spent oldest first." The same dated events
 * under the default order, soonest expiring first, leave the member other balances.
 */
class SpendOldestFirstTextTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final MemberId ANNA = MemberId.of("anna");

    private static String terms(String expiry, String order) {
        return "program \"sky-miles\";\nzone \"Europe/Amsterdam\";\ncurrency MILES \"Miles\" decimals 0" + expiry + order
                + ";\nrule base then earn 5 MILES per 1.00 EUR;\n";
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZONE).toInstant();
    }

    /** The member's available miles after each dated event, under the terms' consumption order. */
    private static List<Long> balances(String order) {
        ParsedProgram before2027 = ProgramText.parse(terms("", order));
        ParsedProgram from2027 = ProgramText.parse(terms("\n  expires after 24 months", order));
        LedgerStore store = LedgerStore.inMemory();
        Instant[] now = {day("2026-01-01")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZONE;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Ledger old = before2027.ledgerBuilder().clock(clock).store(store).build();
        Ledger current = from2027.ledgerBuilder().clock(clock).store(store).build();
        PointCurrency oldMiles = old.currency("MILES");
        PointCurrency miles = current.currency("MILES");
        old.enrol(ANNA, day("2026-01-01"));
        now[0] = day("2026-06-01");
        old.earn(ANNA, oldMiles.points(1_000), day("2026-06-01"), IdempotencyKey.of("flight-1"), "AMS-JFK");
        now[0] = day("2027-03-01");
        current.earn(ANNA, miles.points(500), day("2027-03-01"), IdempotencyKey.of("flight-2"), "AMS-LIS");
        long afterEarning = current.balance(ANNA, miles, day("2027-05-01")).available();
        now[0] = day("2027-06-01");
        current.redeem(ANNA, miles.points(800), day("2027-06-01"), IdempotencyKey.of("upgrade"), "upgrade");
        long afterUpgrade = current.balance(ANNA, miles, day("2027-06-02")).available();
        now[0] = day("2029-03-02");
        current.expire(now[0]);
        long afterExpiry = current.balance(ANNA, miles, day("2029-03-02")).available();
        return List.of(afterEarning, afterUpgrade, afterExpiry);
    }

    @Test
    void milesSpentOldestFirstKeepTheMilesThatExpireForLater() {
        // the upgrade takes 800 of the lasting miles of 2026; the 500 of 2027 expire on 1 March 2029
        assertThat(balances("\n  spend oldest first")).containsExactly(1_500L, 700L, 200L);
    }

    @Test
    void byDefaultTheMilesThatExpireSoonestAreSpentFirst() {
        // the upgrade takes the 500 miles of 2027 first, then 300 lasting ones: nothing is left to expire
        assertThat(balances("")).containsExactly(1_500L, 700L, 700L);
        assertThat(balances("\n  spend soonest expiring first")).containsExactly(1_500L, 700L, 700L);
    }

    @Test
    void theOrderIsReadPrintedAndReadBack() {
        ParsedProgram p = ProgramText.parse(terms(" expires after 24 months spend oldest first", ""));
        assertThat(p.currency("MILES").map(PointCurrency::consumptionOrder)).contains(ConsumptionOrder.OLDEST_FIRST);
        String printed = ProgramText.print(p);
        assertThat(printed).contains("""
                currency MILES "Miles" decimals 0
                  expires after 24 months
                  spend oldest first;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.print(p.toVersion(), ZONE)).isEqualTo(printed);

        ParsedProgram byDefault = ProgramText.parse(terms("", "\n  spend soonest expiring first"));
        assertThat(byDefault.currency("MILES").map(PointCurrency::consumptionOrder))
                .contains(ConsumptionOrder.SOONEST_EXPIRY_FIRST);
        assertThat(ProgramText.print(byDefault)).doesNotContain("spend");
    }

    @Test
    void aMisspeltOrderIsSuggestedAndAnOrderGivenTwiceIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(
                "currency MILES \"Miles\" decimals 0 spend soonest expring first;"), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(new Problem(1, 49, "expring",
                "expected 'expiring', found 'expring'; did you mean 'expiring'?"));
        e = catchThrowableOfType(() -> ProgramText.parse(
                "currency MILES \"Miles\" decimals 0 spend oldest first spend oldest first;"),
                ProgramSyntaxException.class);
        assertThat(e.getMessage()).contains("'spend' is given twice in this currency");
        e = catchThrowableOfType(() -> ProgramText.parse(
                "currency MILES \"Miles\" decimals 0 spnd oldest first;"), ProgramSyntaxException.class);
        assertThat(e.getMessage()).contains("found 'spnd'; did you mean 'spend'?");
    }
}
