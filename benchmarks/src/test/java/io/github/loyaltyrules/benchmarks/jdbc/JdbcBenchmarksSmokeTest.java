package io.github.loyaltyrules.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every JDBC benchmark once, briefly and in this JVM, on a few members, so that none can rot:
 * the H2 one always, the PostgreSQL ones when {@code LOYALTY_PG_URL} (or {@code -Dloyalty.pg.url})
 * names a database. It measures nothing: the figures are in loyalty-jdbc's README.
 */
class JdbcBenchmarksSmokeTest {

    private static final String PACKAGE = JdbcBenchmarksSmokeTest.class.getPackageName() + ".";

    @Test
    void everyJdbcBenchmarkRunsOnce() throws RunnerException {
        // A real measurement may hold JMH's lock on a developer's machine; a smoke run does not measure.
        System.setProperty("jmh.ignoreLock", "true");
        boolean postgres = JdbcFixtures.postgresUrl() != null;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PACKAGE + "H2JdbcBenchmarks\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("members", "200")
                .param("history", "0", "300")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (postgres) {
            options.include(PACKAGE + "JdbcBenchmarks\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark().replace(PACKAGE, ""));
            assertThat(r.getPrimaryResult().getScore()).isPositive();
        }
        assertThat(ran).contains("H2JdbcBenchmarks.earnManyMembers");
        if (postgres) {
            assertThat(ran).contains("JdbcBenchmarks.earnHotMember", "JdbcBenchmarks.earnHotMemberTwoThreads",
                    "JdbcBenchmarks.earnManyMembers", "JdbcBenchmarks.earnManyMembersTwoThreads",
                    "JdbcBenchmarks.bareInsert", "JdbcBenchmarks.bareInsertTwoThreads",
                    "JdbcBenchmarks.earnRedeemHotMemberAfterHistory", "JdbcBenchmarks.optimisticHotMemberFourThreads",
                    "JdbcBenchmarks.lockedHotMemberFourThreads", "JdbcBenchmarks.optimisticManyMembersFourThreads",
                    "JdbcBenchmarks.lockedManyMembersFourThreads", "JdbcBenchmarks.bareInsertFourThreads");
            long historyRuns = results.stream()
                    .filter(r -> r.getParams().getBenchmark().endsWith(".earnRedeemHotMemberAfterHistory")).count();
            assertThat(historyRuns).isEqualTo(2);
        }
    }
}
