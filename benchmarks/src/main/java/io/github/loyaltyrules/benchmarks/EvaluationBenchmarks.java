package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.RuleSet;
import java.util.concurrent.TimeUnit;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation alone, nothing posted: our {@link RuleSet} against the hand-written floor and a
 * general rule engine (Easy Rules), on the same basket and program of 10, 100 or 1,000 rules of which
 * three match ({@link EarnProgram}); and, in the same run, the harder workload of {@link CafeProgram}
 * (five matching rules, two of them multipliers, fillers keyed on categories, SKUs, stores with a
 * basket threshold and tiers): {@code cafeOurs} (built in Java), {@code cafeOursRead} (the same, then
 * every award's line shares and explanation read, as a caller posting them does), {@code cafeText} (read
 * from program text) and {@code cafeFloor} (hand-written, rules bucketed by key, allocating nothing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EvaluationBenchmarks {

    /** How many rules the program has. */
    @Param({"10", "100", "1000"})
    public int rules;

    private RuleSet ruleSet;
    private RuleContext context;
    private Rules easyRules;
    private RulesEngine easyEngine;
    private RuleSet cafe;
    private RuleSet cafeFromText;
    private RuleContext cafeContext;
    private CafeProgram.Floor cafeFloor;
    private CafeProgram.Till till;

    /** Builds the three encodings and checks that they agree on the basket. */
    @Setup
    public void setUp() {
        ruleSet = EarnProgram.ruleSet(rules);
        context = EarnProgram.context(MemberId.of("m0"));
        easyRules = EarnProgram.easyRules(rules);
        easyEngine = EarnProgram.easyRulesEngine();
        check("ours", ruleSet.evaluate(context).total(Fixtures.PTS.code()));
        check("floor", EarnProgram.floor(EarnProgram.BASKET, rules));
        check("easy rules", EarnProgram.fire(easyEngine, easyRules, EarnProgram.BASKET));
        cafe = CafeProgram.ruleSet(rules);
        cafeFromText = CafeProgram.ruleSetFromText(rules);
        cafeContext = CafeProgram.context(MemberId.of("m0"));
        cafeFloor = new CafeProgram.Floor(rules);
        till = CafeProgram.till();
        Evaluation java = cafe.evaluate(cafeContext);
        if (!java.equals(cafeFromText.evaluate(cafeContext))) {
            throw new IllegalStateException("the cafe program built in Java and read from text disagree: " + java
                    + " against " + cafeFromText.evaluate(cafeContext));
        }
        checkCafe("ours", java.total(Fixtures.PTS.code()));
        checkCafe("floor", cafeFloor.points(till));
    }

    static void checkCafe(String encoding, long points) {
        if (points != CafeProgram.EXPECTED) {
            throw new IllegalStateException(encoding + " awards " + points + " points on the cafe basket; the program"
                    + " awards " + CafeProgram.EXPECTED);
        }
    }

    static void check(String encoding, long points) {
        if (points != EarnProgram.EXPECTED) {
            throw new IllegalStateException(encoding + " awards " + points + " points; the program awards "
                    + EarnProgram.EXPECTED);
        }
    }

    /**
     * Our engine.
     *
     * @return the award lines, each explained
     */
    @Benchmark
    public Evaluation ours() {
        return ruleSet.evaluate(context);
    }

    /**
     * The hand-written floor.
     *
     * @return the points
     */
    @Benchmark
    public long floor() {
        return EarnProgram.floor(EarnProgram.BASKET, rules);
    }

    /**
     * Easy Rules.
     *
     * @return the points
     */
    @Benchmark
    public long easyRules() {
        return EarnProgram.fire(easyEngine, easyRules, EarnProgram.BASKET);
    }

    /**
     * Our engine on the cafe workload, the program built in Java.
     *
     * @return the award lines, each explained
     */
    @Benchmark
    public Evaluation cafeOurs() {
        return cafe.evaluate(cafeContext);
    }

    /**
     * Our engine on the cafe workload, the program built in Java, and then every award read: its line
     * shares and explanation, as a caller that posts or shows the awards reads them. The awards are
     * built when evaluated, so reading them should add nothing to {@link #cafeOurs}.
     *
     * @return the number of shares and explanation characters read (no text is joined: what is built is the engine's)
     */
    @Benchmark
    public int cafeOursRead() {
        Evaluation e = cafe.evaluate(cafeContext);
        int n = 0;
        for (int i = 0; i < e.awards().size(); i++) {
            Award a = e.awards().get(i);
            n += a.lineShares().size() + a.explanation().base().length() + a.explanation().multiplier().length();
        }
        return n;
    }

    /**
     * Our engine on the cafe workload, the program read from text.
     *
     * @return the award lines, each explained
     */
    @Benchmark
    public Evaluation cafeText() {
        return cafeFromText.evaluate(cafeContext);
    }

    /**
     * The hand-written floor of the cafe workload.
     *
     * @return the points
     */
    @Benchmark
    public long cafeFloor() {
        return cafeFloor.points(till);
    }
}
