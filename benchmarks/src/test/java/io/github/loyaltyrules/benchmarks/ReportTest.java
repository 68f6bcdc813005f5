package io.github.loyaltyrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's table is computed from JMH's CSV: scores, allocation and the same-run ratios. */
class ReportTest {

    @Test
    void printsScoresAllocationAndRatiosFromOneRun() {
        String p = "io.github.loyaltyrules.benchmarks.";
        List<String> csv = List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: rules\"",
                "\"" + p + "EarnBenchmarks.ours\",\"avgt\",1,3,300.0,12.5,\"ns/op\",100",
                "\"" + p + "EarnBenchmarks.ours:gc.alloc.rate.norm\",\"avgt\",1,3,812.4,1.0,\"B/op\",100",
                "\"" + p + "EarnBenchmarks.floor\",\"avgt\",1,3,150.0,NaN,\"ns/op\",100",
                "\"" + p + "EarnBenchmarks.easyRules\",\"avgt\",1,3,6000.0,NaN,\"ns/op\",100");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(csv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("EarnBenchmarks.ours", "300.0 ±12.5 ns/op", "812 B/op", "rules=100");
        assertThat(table).containsPattern("EarnBenchmarks rules=100 +300\\.0 +150\\.0 +6000\\.0 +2\\.00x +20\\.00x");
    }

    @Test
    void printsOursAgainstTheFloorPerLedgerOperation() {
        String p = "io.github.loyaltyrules.benchmarks.";
        List<String> csv = List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: lots\",\"Param: members\"",
                "\"" + p + "LedgerFloorBenchmarks.earnFloor\",\"avgt\",1,3,40.0,2.0,\"ns/op\",10,20000",
                "\"" + p + "LedgerFloorBenchmarks.earnOurs\",\"avgt\",1,3,1000.0,50.0,\"ns/op\",10,20000",
                "\"" + p + "LedgerFloorBenchmarks.redeemThenReverseOurs\",\"avgt\",1,3,3000.0,50.0,\"ns/op\",10,20000",
                "\"" + p + "LedgerFloorBenchmarks.redeemThenReverseFloor\",\"avgt\",1,3,120.0,5.0,\"ns/op\",10,20000",
                "\"" + p + "LedgerBenchmarks.earn\",\"avgt\",1,3,900.0,50.0,\"ns/op\",10,20000");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(csv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("ledger vs floor (ns/op)").doesNotContain("easy rules");
        assertThat(table).containsPattern("LedgerFloorBenchmarks\\.earn lots=10 members=20000 +1000\\.0 +40\\.0 +25\\.00x");
        assertThat(table).containsPattern(
                "LedgerFloorBenchmarks\\.redeemThenReverse lots=10 members=20000 +3000\\.0 +120\\.0 +25\\.00x");
        assertThat(table).doesNotContainPattern("LedgerBenchmarks\\.earn lots=10 members=20000 +900");
    }

    @Test
    void printsOursAndTextAgainstTheFloorWithTheirGrowth() {
        String p = "io.github.loyaltyrules.benchmarks.";
        List<String> csv = List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: rules\"",
                "\"" + p + "EvaluationBenchmarks.cafeOurs\",\"avgt\",1,3,200.0,2.0,\"ns/op\",10",
                "\"" + p + "EvaluationBenchmarks.cafeText\",\"avgt\",1,3,210.0,2.0,\"ns/op\",10",
                "\"" + p + "EvaluationBenchmarks.cafeFloor\",\"avgt\",1,3,80.0,2.0,\"ns/op\",10",
                "\"" + p + "EvaluationBenchmarks.cafeOurs\",\"avgt\",1,3,240.0,2.0,\"ns/op\",1000",
                "\"" + p + "EvaluationBenchmarks.cafeText\",\"avgt\",1,3,250.0,2.0,\"ns/op\",1000",
                "\"" + p + "EvaluationBenchmarks.cafeFloor\",\"avgt\",1,3,100.0,2.0,\"ns/op\",1000");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(csv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("evaluation vs floor (ns/op)").doesNotContain("ledger vs floor");
        assertThat(table).containsPattern(
                "EvaluationBenchmarks\\.cafe rules=10 +200\\.0 +210\\.0 +80\\.0 +2\\.50x +2\\.63x");
        assertThat(table).containsPattern(
                "EvaluationBenchmarks\\.cafe rules=1000 +240\\.0 +250\\.0 +100\\.0 +2\\.40x +2\\.50x");
        assertThat(table).containsPattern("EvaluationBenchmarks\\.cafe growth, first to last parameters +1\\.20x +1\\.19x +1\\.25x");
    }
}
