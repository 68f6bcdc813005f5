package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.MemberReplay;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.ReplayOrder;
import io.github.loyaltyrules.program.ReplayReport;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A what-if replay in time order over the JDBC stores (H2, and PostgreSQL when configured) gives
 * each member exactly what running the candidate live gave, a campaign budget shared by all members
 * included; the records are read a page at a time from the store, several within one second.
 */
class JdbcReplayInTimeOrderTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant START = Instant.parse("2026-02-01T08:00:00Z");

    /** A point per euro. */
    static final RuleEngine RECORDED = ctx -> new Evaluation(List.of(new Award("base", "1 per euro", "PTS",
            ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact(), Map.of(),
            Explanation.fixed())));

    /** The candidate: 2 a euro, and 25 a purchase while a budget of 1,000 a week shared by everyone lasts. */
    static RuleEngine candidate(Quotas quotas) {
        return ctx -> {
            long base = 2 * ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            List<Award> awards = new ArrayList<>(List.of(new Award("base", "2 per euro", "PTS", base, Map.of(),
                    Explanation.fixed())));
            long week = (ctx.at().toInstant().getEpochSecond() - START.getEpochSecond()) / (7 * 86_400);
            long granted = quotas.draw(ctx.key().value(), "campaign/" + week, 25, 1_000);
            if (granted > 0) {
                awards.add(new Award("campaign", "25 while it lasts", "PTS", granted, Map.of(), Explanation.fixed()));
            }
            return new Evaluation(awards);
        };
    }

    static LoyaltyProgram program(LedgerStore ledgerStore, ProgramStore store, RuleEngine engine, String id) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).store(ledgerStore).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of(id, engine, List.of()), TierLookup.NONE, store);
    }

    /** 40 members over 8 weeks, in time order; several purchases share a second, a few within a millisecond. */
    static List<MemberId> play(LoyaltyProgram p) {
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(MemberId.of(String.format("member-%02d", 39 - i)));
            p.enrol(members.get(i), START.minusSeconds(60));
        }
        Instant at = START;
        for (int n = 0; n < 700; n++) {
            at = at.plusMillis(n % 5 == 0 ? 47_000_000 / 50 : n % 3 == 0 ? 1 : 333);
            MemberId m = members.get((n * 7) % members.size());
            p.purchase(m, Purchase.of("s" + n % 3, "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1 + n % 4,
                    Money.of((5 + n % 17) + ".50", "EUR")))), at, IdempotencyKey.of("p-" + n));
        }
        return members;
    }

    @Test
    void replayInTimeOrderOverTheJdbcStoresGivesWhatTheCandidateGaveLive() {
        List<DataSource> sources = new ArrayList<>(List.of(Databases.freshH2()));
        if (Databases.postgresAvailable()) {
            sources.add(Databases.freshPostgres());
        }
        LoyaltyProgram live = program(LedgerStore.inMemory(), InMemoryProgramStore.create(),
                candidate(Quotas.inMemory()), "v2");
        List<MemberId> members = play(live);
        for (DataSource ds : sources) {
            LoyaltyProgram recorded = program(JdbcLedgerStore.of(ds), JdbcProgramStore.of(ds), RECORDED, "v1");
            play(recorded);
            List<MemberReplay> replayed = new ArrayList<>();
            long[] last = new long[2];
            ReplayReport report = recorded.replay(ProgramVersion.of("v2", candidate(Quotas.inMemory()), List.of()),
                    START, START.plusSeconds(86_400L * 90), ReplayOrder.TIME, replayed::add,
                    (done, total) -> {
                        last[0] = done;
                        last[1] = total;
                    });
            assertThat(replayed).hasSize(members.size());
            for (MemberReplay one : replayed) {
                assertThat(one.wouldAward().get("PTS")).as(one.member().value())
                        .isEqualTo(live.ledger().balance(one.member(), PTS).total());
                assertThat(one.awarded().get("PTS")).isEqualTo(recorded.ledger().balance(one.member(), PTS).total());
            }
            assertThat(report.activities()).isEqualTo(700);
            assertThat(last).containsExactly(700, 700);
            // member order gives the budget to other members than live did
            List<MemberReplay> byMember = new ArrayList<>();
            recorded.replay(ProgramVersion.of("v2", candidate(Quotas.inMemory()), List.of()), START,
                    START.plusSeconds(86_400L * 90), ReplayOrder.MEMBER, byMember::add, ProgressListener.NONE);
            assertThat(byMember).anySatisfy(one -> assertThat(one.wouldAward().get("PTS"))
                    .isNotEqualTo(live.ledger().balance(one.member(), PTS).total()));
        }
    }

    @Test
    void aDatabaseFailureWhileReadingRecordsByTimeIsTheStoresExceptionAndChangesNothing() {
        String url = Databases.h2Url("records-by-time-fault");
        JdbcLedgerStore.of(new UrlDataSource(url)).migrate();
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        JdbcProgramStore store = JdbcProgramStore.of(ds);
        LoyaltyProgram recorded = program(JdbcLedgerStore.of(ds), store, RECORDED, "v1");
        recorded.enrol(MemberId.of("ann"), START.minusSeconds(60));
        recorded.purchase(MemberId.of("ann"), Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1,
                Money.of("5.50", "EUR")))), START, IdempotencyKey.of("p-1"));
        List<io.github.loyaltyrules.program.spi.ReceiptRecord> before = store.recordsByTime(START, START.plusSeconds(1),
                null, 10);
        ds.arm(1, StatementFaultDataSource.Mode.FAIL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.recordsByTime(START, START.plusSeconds(1), null, 10))
                .isInstanceOf(JdbcStoreException.class).hasMessageContaining("could not read the records from");
        ds.disarm();
        assertThat(before).hasSize(1);
        assertThat(store.recordsByTime(START, START.plusSeconds(1), null, 10)).isEqualTo(before);
    }
}
