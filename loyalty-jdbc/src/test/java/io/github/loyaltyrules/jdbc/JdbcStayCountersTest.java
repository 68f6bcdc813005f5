package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * "Gold from 10 nights in a calendar year", on the JDBC stores: a stay's nights are stored with its
 * purchase and recorded under its key, and a server that did not take the purchase reads them back to
 * take them away when the whole stay is returned.
 */
class JdbcStayCountersTest {

    static final ParsedProgram TERMS = ProgramText.parse("""
            program "stays";
            zone "America/New_York";
            currency PTS "Points" decimals 0;
            ladder window calendar year;
            tier Member;
            tier Gold from 10 counter nights;
            rule base then earn 10 PTS per 1.00 USD;
            """);
    static final Instant T0 = Instant.parse("2026-02-03T16:00:00Z");
    static final MemberId SAM = MemberId.of("sam");
    static final Metric NIGHTS = Metric.counter("nights");

    static LoyaltyProgram server(DataSource ds) {
        Ledger.Builder lb = Ledger.builder().zone(TERMS.zone()).clock(Clock.fixed(T0.plusSeconds(86400 * 30), TERMS.zone()))
                .store(JdbcLedgerStore.of(ds));
        TERMS.currencies().forEach(lb::currency);
        TierEngine tiers = TierEngine.of(TERMS.ladder().orElseThrow(), TierListener.NONE, JdbcTierStore.of(ds));
        return LoyaltyProgram.builder(lb.build(), TERMS.toVersion()).store(JdbcProgramStore.of(ds)).tierEngine(tiers)
                .build();
    }

    static Purchase stay(long nights) {
        return Purchase.of("hotel-1", "pos", List.of(BasketLine.of("room", "KING", "room", nights,
                Money.of("200.00", "USD")))).withCounters(Map.of("nights", nights));
    }

    @Test
    void onH2() {
        nightsTravelWithTheStay(Databases.freshH2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
    void onPostgres() {
        nightsTravelWithTheStay(Databases.freshPostgres());
    }

    private static void nightsTravelWithTheStay(DataSource ds) {
        LoyaltyProgram frontDesk = server(ds);
        frontDesk.enrol(SAM, T0.minusSeconds(60));
        frontDesk.purchase(SAM, stay(6), T0, IdempotencyKey.of("stay-1"));
        frontDesk.purchase(SAM, stay(4), T0.plusSeconds(86400), IdempotencyKey.of("stay-2"));
        frontDesk.purchase(SAM, stay(4), T0.plusSeconds(86400), IdempotencyKey.of("stay-2")); // a retry
        TierEngine tiers = frontDesk.tierEngine().orElseThrow();
        assertThat(tiers.progress(SAM, T0.plusSeconds(86401)).values().get(NIGHTS)).isEqualByComparingTo("10");
        assertThat(tiers.tierOf(SAM, T0.plusSeconds(86401))).contains("Gold");

        LoyaltyProgram office = server(ds);
        office.returnPurchase(SAM, IdempotencyKey.of("stay-2"), Map.of("room", 4L), T0.plusSeconds(2 * 86400),
                IdempotencyKey.of("cancel-2"));
        TierEngine officeTiers = office.tierEngine().orElseThrow();
        assertThat(officeTiers.progress(SAM, T0.plusSeconds(2 * 86400 + 1)).values().get(NIGHTS))
                .isEqualByComparingTo("6");
    }
}
