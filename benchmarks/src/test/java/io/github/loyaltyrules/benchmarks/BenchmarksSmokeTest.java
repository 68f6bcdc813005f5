package io.github.loyaltyrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, briefly and in this JVM, on small inputs, so that none can rot. It
 * measures nothing: the figures come from {@code benchmarks/run.sh}.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        // A real measurement may hold JMH's lock on a developer's machine; a smoke run does not measure.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include(BenchmarksSmokeTest.class.getPackageName() + ".*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("members", "200")
                .param("population", "200")
                .param("lots", "1", "10")
                .param("history", "1000")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark().replace(BenchmarksSmokeTest.class.getPackageName() + ".", ""));
            assertThat(r.getPrimaryResult().getScore()).isPositive();
        }
        assertThat(ran).contains("TierAssessmentBenchmarks.assess", "LedgerBenchmarks.earn", "LedgerBenchmarks.redeemThenReverse",
                "ReservationBenchmarks.reserveThenCapture", "MixedWorkloadBenchmarks.mixTwoThreads",
                "ExpirySweepBenchmarks.sweep", "EarnBenchmarks.ours", "EarnBenchmarks.floor", "EarnBenchmarks.easyRules",
                "EvaluationBenchmarks.ours", "EvaluationBenchmarks.easyRules",
                "EvaluationBenchmarks.cafeOurs", "EvaluationBenchmarks.cafeText", "EvaluationBenchmarks.cafeFloor",
                "ParseBenchmarks.parse", "LedgerFloorBenchmarks.earnOurs", "LedgerFloorBenchmarks.earnFloor",
                "LedgerFloorBenchmarks.redeemThenReverseOurs", "LedgerFloorBenchmarks.redeemThenReverseFloor",
                "HistoryGrowthBenchmarks.earn", "HistoryGrowthBenchmarks.redeem");
    }
}
