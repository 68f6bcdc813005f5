package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import java.util.List;
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
 * Earn end to end on the in-memory ledger: our facade ({@link LoyaltyProgram#purchase}: evaluate
 * the {@code RuleSet}, post, keep the receipt) against the floor (the program's points computed by
 * hand, then one {@link Ledger#earn}) and a general rule engine (Easy Rules, then one earn), for
 * programs of 10, 100 and 1,000 rules ({@link EarnProgram}). Purchases go round-robin over many
 * members, each with a new idempotency key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EarnBenchmarks {

    /** How many rules the program has. */
    @Param({"10", "100", "1000"})
    public int rules;

    /** How many members the purchases go round-robin over. */
    @Param({"20000"})
    public int members;

    private LoyaltyProgram program;
    private Ledger floorLedger;
    private Ledger engineLedger;
    private MemberId[] ids;
    private Rules easyRules;
    private RulesEngine easyEngine;
    private long sequence;

    /** Builds three ledgers with the same members, one per encoding, and checks they agree. */
    @Setup
    public void setUp() {
        Ledger ours = Fixtures.ledger();
        program = LoyaltyProgram.of(ours, ProgramVersion.of("bench", EarnProgram.ruleSet(rules), List.of()),
                TierLookup.NONE);
        floorLedger = Fixtures.ledger();
        engineLedger = Fixtures.ledger();
        ids = new MemberId[members];
        for (int i = 0; i < members; i++) {
            ids[i] = MemberId.of("m" + i);
            program.enrol(ids[i], Fixtures.T0.minusSeconds(86_400));
            floorLedger.enrol(ids[i], Fixtures.T0.minusSeconds(86_400));
            engineLedger.enrol(ids[i], Fixtures.T0.minusSeconds(86_400));
        }
        easyRules = EarnProgram.easyRules(rules);
        easyEngine = EarnProgram.easyRulesEngine();
        EvaluationBenchmarks.check("ours", ours().total(Fixtures.PTS.code()));
        EvaluationBenchmarks.check("quote", quote().total(Fixtures.PTS.code()));
        EvaluationBenchmarks.check("floor", floor().amount());
        EvaluationBenchmarks.check("easy rules", easyRules().amount());
    }

    private MemberId next() {
        return ids[(int) (sequence++ % ids.length)];
    }

    /**
     * Our facade.
     *
     * @return the receipt
     */
    @Benchmark
    public Receipt ours() {
        return program.purchase(next(), EarnProgram.BASKET, Fixtures.T0, Fixtures.key("p", sequence));
    }

    /**
     * A quote of the same basket through our facade: what the purchase would earn, evaluated as
     * {@link #ours()} evaluates it, with nothing stored, posted or drawn.
     *
     * @return the quote: the receipt the purchase would produce, its near misses and tier outlook
     */
    @Benchmark
    public io.github.loyaltyrules.program.Quote quote() {
        return program.quote(next(), EarnProgram.BASKET, Fixtures.T0, Fixtures.key("q", sequence));
    }

    /**
     * The floor: hand-written points, one earn.
     *
     * @return the posting
     */
    @Benchmark
    public Posting floor() {
        long points = EarnProgram.floor(EarnProgram.BASKET, rules);
        return floorLedger.earn(next(), Fixtures.PTS.points(points), Fixtures.T0, Fixtures.key("p", sequence),
                "purchase");
    }

    /**
     * Easy Rules, then one earn.
     *
     * @return the posting
     */
    @Benchmark
    public Posting easyRules() {
        long points = EarnProgram.fire(easyEngine, easyRules, EarnProgram.BASKET);
        return engineLedger.earn(next(), Fixtures.PTS.points(points), Fixtures.T0, Fixtures.key("p", sequence),
                "purchase");
    }
}
