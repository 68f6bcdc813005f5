package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.contract.WalkedTierStore;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tier report's SQL counts the members it can place and leaves to the engine only those whose
 * tier a window close may change before the report's end, and rows an older schema wrote, until they
 * are written again: on H2, and on PostgreSQL when {@code LOYALTY_PG_URL} is set.
 */
class JdbcTierTallyTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<String> databases() {
        return Databases.freshUrls("tier-tally").stream();
    }

    private static TierEngine engineWithNights(DataSource ds, TierLadder ladder, List<MemberId> members) {
        TierEngine engine = TierEngine.of(ladder, TierListener.NONE, JdbcTierStore.of(ds));
        for (int i = 0; i < 10; i++) {
            MemberId m = MemberId.of("m" + i);
            members.add(m);
            engine.enrol(m, BASE);
            engine.record(m, io.github.loyaltyrules.tier.Metric.counter("nights"), 3L * i + 1,
                    BASE.plus(Duration.ofDays(10 + i)).plusNanos(i), IdempotencyKey.of("stay-" + i));
        }
        return engine;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onALifetimeLadderEveryMemberIsCountedInSql(String url) {
        DataSource ds = new UrlDataSource(url);
        Databases.dropAll(ds);
        JdbcLedgerStore.of(ds).migrate();
        List<MemberId> members = new ArrayList<>();
        TierEngine engine = engineWithNights(ds, TierReportSqlProperties.ladder(3), members);
        Instant to = BASE.plus(Duration.ofDays(400));

        TierTally tally = JdbcTierStore.of(ds).tally(BASE, to, "Member").orElseThrow();

        assertThat(tally.forecast()).isEmpty();
        assertThat(tally.untallied()).isEmpty();
        // nights 1, 4, ..., 28: three below 10, five from 10 to 24, two from 25
        assertThat(tally.members()).isEqualTo(Map.of("Member", 3L, "Silver", 5L, "Gold", 2L));
        assertThat(tally.moves()).containsExactlyInAnyOrder(new TierTally.Move("Member", "Silver", 5),
                new TierTally.Move("Member", "Gold", 2));
        assertThat(engine.report(BASE, to).members()).containsEntry("Gold", 2L).containsEntry("Platinum", 0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void membersAWindowCloseMayMoveAndRowsOfAnOlderSchemaAreLeftToTheEngineUntilWrittenAgain(String url)
            throws SQLException {
        DataSource ds = new UrlDataSource(url);
        Databases.dropAll(ds);
        JdbcLedgerStore.of(ds).migrate();
        List<MemberId> members = new ArrayList<>();
        TierLadder calendar = TierReportSqlProperties.ladder(0);
        TierEngine engine = engineWithNights(ds, calendar, members);
        JdbcTierStore store = JdbcTierStore.of(ds);
        Instant inYear = BASE.plus(Duration.ofDays(200));
        Instant nextYear = BASE.plus(Duration.ofDays(400));

        assertThat(store.tally(BASE, inYear, "Member").orElseThrow().forecast()).isEmpty();
        // the year closes before nextYear and nobody has been assessed: the engine places everyone
        assertThat(store.tally(BASE, nextYear, "Member").orElseThrow().forecast()).hasSize(10);
        engine.assessTiers(nextYear);
        TierTally assessed = store.tally(BASE, nextYear, "Member").orElseThrow();
        assertThat(assessed.forecast()).isEmpty();
        assertThat(assessed.members().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);

        TierReportSqlProperties.oldRow(ds, members.get(9), true);
        TierReportSqlProperties.oldRow(ds, members.get(8), false);
        TierTally old = store.tally(BASE, nextYear, "Member").orElseThrow();
        assertThat(old.untallied()).containsExactly(members.get(8), members.get(9));
        assertThat(engine.report(BASE, nextYear))
                .isEqualTo(TierEngine.of(calendar, TierListener.NONE, new WalkedTierStore(store))
                        .report(BASE, nextYear));

        engine.record(members.get(9), io.github.loyaltyrules.tier.Metric.counter("nights"), 1,
                nextYear.plusSeconds(1), IdempotencyKey.of("late-stay"));
        assertThat(store.tally(BASE, nextYear, "Member").orElseThrow().untallied()).containsExactly(members.get(8));
        assertThat(engine.report(BASE, nextYear.plusSeconds(2)))
                .isEqualTo(TierEngine.of(calendar, TierListener.NONE, new WalkedTierStore(store))
                        .report(BASE, nextYear.plusSeconds(2)));
    }

    /**
     * Fails the k-th statement (or the commit) of the report's tally, for every k until it gets through:
     * the store's exception, the connection as it was, and the next report as before, members' rows unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailingStatementOfTheTallyIsTheStoresExceptionAndTheNextReportReadsAsBefore(String url) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        Databases.dropAll(ds);
        JdbcLedgerStore.of(ds).migrate();
        List<MemberId> members = new ArrayList<>();
        TierLadder calendar = TierReportSqlProperties.ladder(0);
        TierEngine engine = engineWithNights(ds, calendar, members);
        Instant to = BASE.plus(Duration.ofDays(400));
        io.github.loyaltyrules.report.TierReport before = engine.report(BASE, to);
        int failures = 0;
        for (int k = 1; ; k++) {
            ds.arm(k, StatementFaultDataSource.Mode.FAIL);
            int statement = k;
            try {
                assertThat(engine.report(BASE, to)).isEqualTo(before);
            } catch (JdbcStoreException expected) {
                assertThat(expected).as("statement %d", statement).hasMessageStartingWith("could not");
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (!fired) {
                break;
            }
            failures++;
            assertThat(engine.report(BASE, to)).as("statement %d", statement).isEqualTo(before);
        }
        assertThat(failures).isGreaterThanOrEqualTo(4);
        assertThat(before.totalMembers()).isEqualTo(10);
    }
}
