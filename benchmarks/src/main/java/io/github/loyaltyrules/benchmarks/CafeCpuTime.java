package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The cafe workload of {@link EvaluationBenchmarks} timed in thread CPU time instead of wall-clock
 * time: on a shared machine where other jobs take the cores, JMH's averages measure the waiting too,
 * while the CPU time a thread spends per evaluation barely moves. For each number of rules it runs our
 * engine (evaluating only, and evaluating then reading every award's line shares and explanation) and
 * the hand-written floor, {@code n} times each per round (two million unless given as the first
 * argument), and prints the last two of four rounds: nanoseconds of CPU time and bytes allocated per
 * evaluation, and the ratio to the floor. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.loyaltyrules.benchmarks.CafeCpuTime}.
 */
public final class CafeCpuTime {

    private static volatile Object sink;
    private static volatile long sum;

    private CafeCpuTime() {
    }

    /**
     * Runs the rounds and prints them.
     *
     * @param args optionally the number of evaluations per round
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean bytes = mx instanceof com.sun.management.ThreadMXBean
                ? (com.sun.management.ThreadMXBean) mx : null;
        for (int rules : new int[] {10, 100, 1000}) {
            RuleSet cafe = CafeProgram.ruleSet(rules);
            RuleContext context = CafeProgram.context(MemberId.of("m0"));
            CafeProgram.Floor floor = new CafeProgram.Floor(rules);
            CafeProgram.Till till = CafeProgram.till();
            EvaluationBenchmarks.checkCafe("ours", cafe.evaluate(context).total(Fixtures.PTS.code()));
            EvaluationBenchmarks.checkCafe("floor", floor.points(till));
            for (int round = 0; round < 4; round++) {
                long b0 = allocated(bytes);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sink = cafe.evaluate(context);
                }
                long t1 = mx.getCurrentThreadCpuTime();
                long b1 = allocated(bytes);
                long read = 0;
                for (int i = 0; i < n; i++) {
                    Evaluation e = cafe.evaluate(context);
                    for (int k = 0; k < e.awards().size(); k++) {
                        Award a = e.awards().get(k);
                        read += a.lineShares().size() + a.explanation().base().length()
                                + a.explanation().multiplier().length();
                    }
                }
                long t2 = mx.getCurrentThreadCpuTime();
                long b2 = allocated(bytes);
                long points = 0;
                for (int i = 0; i < n; i++) {
                    points += floor.points(till);
                }
                long t3 = mx.getCurrentThreadCpuTime();
                sum = points + read;
                if (round >= 2) {
                    double ours = (t1 - t0) / (double) n;
                    double oursRead = (t2 - t1) / (double) n;
                    double theFloor = (t3 - t2) / (double) n;
                    System.out.printf("rules=%-5d ours %7.1f ns %5d B  ours+read %7.1f ns %5d B  floor %6.1f ns"
                            + "  ours/floor %.2f%n", rules, ours, (b1 - b0) / n, oursRead, (b2 - b1) / n, theFloor,
                            ours / theFloor);
                }
            }
        }
    }

    /** The bytes the thread has allocated so far, or 0 where the JVM does not count them. */
    private static long allocated(com.sun.management.ThreadMXBean bytes) {
        return bytes == null ? 0 : bytes.getCurrentThreadAllocatedBytes();
    }
}
