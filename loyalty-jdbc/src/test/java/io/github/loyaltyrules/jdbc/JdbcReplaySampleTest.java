package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.MemberReplay;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.ReplayLiability;
import io.github.loyaltyrules.program.ReplayOptions;
import io.github.loyaltyrules.program.ReplayOrder;
import io.github.loyaltyrules.program.ReplayReport;
import io.github.loyaltyrules.program.ReplaySample;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A sampled what-if replay over the JDBC stores (H2, and PostgreSQL when configured) picks the same
 * members with the same seed as over the in-memory stores, and gives each of them the same part, the
 * scratch books' liability (with the redemptions read from the JDBC ledger) included.
 */
class JdbcReplaySampleTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0).withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(2)));
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    static RuleEngine perEuro(long rate) {
        return ctx -> new Evaluation(List.of(new Award("base", rate + " per euro", "PTS",
                rate * ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact(),
                Map.of(), Explanation.fixed())));
    }

    static LoyaltyProgram program(LedgerStore ledgerStore, ProgramStore store) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).store(ledgerStore).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of("v1", perEuro(1), List.of()), TierLookup.NONE, store);
    }

    /** 30 members over five months, each some purchases and every third a redemption in between. */
    static void play(LoyaltyProgram p) {
        for (int i = 0; i < 30; i++) {
            MemberId m = MemberId.of("member-" + (i * 37 % 100));
            p.enrol(m, START.minusSeconds(60));
            for (int k = 0; k < 1 + i % 3; k++) {
                p.purchase(m, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1 + k,
                        Money.of((6 + i % 11) + ".40", "EUR")))), START.plusSeconds(86_400L * (20 * k + i)),
                        IdempotencyKey.of(m.value() + "-" + k));
            }
            if (i % 3 == 0) {
                p.ledger().redeem(m, PTS.points(4), START.plusSeconds(86_400L * (i + 10)),
                        IdempotencyKey.of(m.value() + "-r"), "gift");
            }
        }
    }

    private static List<MemberReplay> replay(LoyaltyProgram p, ReplaySample sample, ReplayOrder order, List<ReplayReport> out) {
        List<MemberReplay> parts = new ArrayList<>();
        out.add(p.replay(ProgramVersion.of("v2", perEuro(3), List.of()), START, START.plusSeconds(86_400L * 150),
                ReplayOptions.builder().order(order).sample(sample)
                        .currency(PTS.withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(1)))).build(),
                parts::add, ProgressListener.NONE));
        return parts;
    }

    @Test
    void theSameSeedPicksTheSameMembersWithTheSamePartsOnMemoryAndOnJdbc() {
        LoyaltyProgram memory = program(LedgerStore.inMemory(), InMemoryProgramStore.create());
        play(memory);
        List<DataSource> sources = new ArrayList<>(List.of(Databases.freshH2()));
        if (Databases.postgresAvailable()) {
            sources.add(Databases.freshPostgres());
        }
        List<ReplaySample> samples = List.of(ReplaySample.oneIn(3, 2026), ReplaySample.fraction(new BigDecimal("0.4"), 7),
                ReplaySample.of(List.of(MemberId.of("member-0"), MemberId.of("member-74"), MemberId.of("nobody"))));
        long redeemed = 0;
        long expired = 0;
        for (DataSource ds : sources) {
            LoyaltyProgram jdbc = program(JdbcLedgerStore.of(ds), JdbcProgramStore.of(ds));
            play(jdbc);
            for (ReplaySample sample : samples) {
                for (ReplayOrder order : ReplayOrder.values()) {
                    List<ReplayReport> reports = new ArrayList<>();
                    List<MemberReplay> onMemory = replay(memory, sample, order, reports);
                    List<MemberReplay> onJdbc = replay(jdbc, sample, order, reports);
                    assertThat(onJdbc).as(sample + " " + order).isNotEmpty().isEqualTo(onMemory);
                    assertThat(onJdbc).allSatisfy(one -> assertThat(sample.contains(one.member())).isTrue());
                    assertThat(reports.get(1)).isEqualTo(reports.get(0));
                    ReplayLiability sum = ReplayLiability.NONE;
                    for (MemberReplay one : onJdbc) {
                        sum = sum.plus(one.wouldLiability().get("PTS"));
                    }
                    assertThat(reports.get(1).wouldLiability()).containsEntry("PTS", sum);
                    redeemed += sum.redeemed();
                    expired += sum.expired();
                }
            }
        }
        assertThat(redeemed).isPositive();
        assertThat(expired).isPositive();
    }
}
