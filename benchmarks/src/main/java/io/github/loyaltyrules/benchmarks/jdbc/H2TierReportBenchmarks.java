package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcTierStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.TierReport;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tier report (issue 19) on a {@link JdbcTierStore} over embedded, in-memory H2: counted in SQL
 * ({@link JdbcTierStore#tally}, the engine placing only the members the SQL leaves to it) against the
 * Java walk that reads and decodes every member's state, over the same rows. The members have stays
 * over a year on a calendar-year ladder and are assessed after it, so the SQL places them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class H2TierReportBenchmarks {

    private static final Metric NIGHTS = Metric.counter("nights");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** How many members the store holds. */
    @Param({"5000"})
    public int members;

    private ConnectionPool pool;
    private TierEngine sql;
    private TierEngine walk;
    private Instant from;
    private Instant to;

    /** Creates a new in-memory database, migrates it and records a year of stays for the members. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 2);
        JdbcFixtures.reset(pool);
        TierLadder ladder = TierLadder.builder().zone(JdbcFixtures.ZONE).window(QualificationWindow.calendarYear())
                .metrics(NIGHTS).tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(NIGHTS, 10))
                .tier(Tier.of("Gold").withThreshold(NIGHTS, 25)).retention(true).build();
        JdbcTierStore store = JdbcTierStore.of(pool);
        sql = TierEngine.of(ladder, TierListener.NONE, store);
        walk = TierEngine.of(ladder, TierListener.NONE, walking(store));
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of("m" + i);
            sql.enrol(m, START);
            for (int stay = 0; stay < 3; stay++) {
                sql.record(m, NIGHTS, 1 + (i * 7 + stay * 3) % 12, START.plus(Duration.ofDays(30 + stay * 100 + i % 30)),
                        IdempotencyKey.of(m.value() + "-" + stay));
            }
        }
        sql.assessTiers(START.plus(Duration.ofDays(370)));
        from = START.plus(Duration.ofDays(60));
        to = START.plus(Duration.ofDays(380));
    }

    /** Closes the connections, and with the last one the in-memory database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /**
     * The report counted in SQL.
     *
     * @return the report
     */
    @Benchmark
    public TierReport tierReportInSql() {
        return sql.report(from, to);
    }

    /**
     * The report from every member's state, read a page of ids at a time.
     *
     * @return the report
     */
    @Benchmark
    public TierReport tierReportJavaWalk() {
        return walk.report(from, to);
    }

    /** A store that reads through {@code store} but counts nothing itself: the engine walks it. */
    private static TierStore walking(TierStore store) {
        return new TierStore() {
            @Override
            public Optional<TierState> state(MemberId member) {
                return store.state(member);
            }

            @Override
            public List<MemberId> members(MemberId after, int limit) {
                return store.members(after, limit);
            }

            @Override
            public long count() {
                return store.count();
            }

            @Override
            public TierCommitResult replace(TierState next, TierActivity added) {
                return store.replace(next, added);
            }
        };
    }
}
