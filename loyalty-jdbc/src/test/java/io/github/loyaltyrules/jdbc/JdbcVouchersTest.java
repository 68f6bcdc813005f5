package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Voucher;
import io.github.loyaltyrules.program.VoucherConversion;
import io.github.loyaltyrules.rule.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Vouchers need nothing but the ledger: on the JDBC stores, a second program (another server) running
 * the same day's conversion again converts nothing twice and hands over the same vouchers.
 */
class JdbcVouchersTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final ProgramVersion TERMS = ProgramVersion.of("grocery", ctx -> new Evaluation(List.of()), List.of())
            .withVoucherConversions(VoucherConversion.of(PTS.points(500), Money.of("5.00", "EUR"))
                    .validFor(Period.ofMonths(3)));
    static final Instant RUN = Instant.parse("2026-03-31T20:00:00Z");

    static LoyaltyProgram server(DataSource ds) {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(RUN, ZONE)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
        return LoyaltyProgram.builder(ledger, TERMS).store(JdbcProgramStore.of(ds)).build();
    }

    @Test
    void onH2() {
        runTwiceOnTwoServers(Databases.freshH2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
    void onPostgres() {
        runTwiceOnTwoServers(Databases.freshPostgres());
    }

    private static void runTwiceOnTwoServers(DataSource ds) {
        LoyaltyProgram one = server(ds);
        MemberId ana = MemberId.of("ana");
        one.enrol(ana, RUN.minusSeconds(86400 * 40));
        one.ledger().earn(ana, PTS.points(1730), RUN.minusSeconds(86400 * 30), IdempotencyKey.of("e1"), "purchase");

        List<Voucher> first = new ArrayList<>();
        one.convertToVouchers(RUN, first::add, (done, total) -> { });
        List<Voucher> second = new ArrayList<>();
        server(ds).convertToVouchers(RUN.plusSeconds(60), second::add, (done, total) -> { });

        assertThat(first).hasSize(3);
        assertThat(second).isEqualTo(first);
        assertThat(one.ledger().balance(ana, PTS, RUN.plusSeconds(3600)).total()).isEqualTo(230);
        assertThat(server(ds).vouchers(ana, LocalDate.of(2026, 3, 31))).isEqualTo(first);
        assertThat(first.get(0).expiresAt()).isEqualTo(Instant.parse("2026-06-30T20:00:00Z"));
    }
}
