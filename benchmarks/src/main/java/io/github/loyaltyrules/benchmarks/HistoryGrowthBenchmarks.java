package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
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
 * Whether history slows postings or fills memory: the in-memory ledger with a 30-day idempotency
 * window, after {@code history} postings spread evenly over three years of business time
 * (one every {@code 3 years / history}), round-robin over {@code members} members.
 *
 * <p>The history: a member with fewer than 50 points earns 10 (a new lot), else redeems 15 (which
 * empties its oldest lot and takes part of the next). Balances settle between 35 and 55 points in
 * four to six open lots, about 40% of the postings are redemptions and most lots end spent. The
 * ledger's {@link BusinessClock} moves with every posting, so all but the last 30 days (about
 * {@code history / 36} postings) fall out of the window and the store forgets their keys, entries
 * and spent lots. The trial set-up prints {@code retained bytes per member: N}: the heap in use
 * after the history less the heap in use before, each after three {@link System#gc()}s, divided
 * by {@code members}, with the open lots and the postings kept in the window beside it.
 *
 * <p>The measured operations continue at the history's pace (one step of business time each, so the
 * store keeps forgetting about one old posting per posting) for the next member in turn:
 * <ul>
 *   <li>{@link #earn}: earns 10 points, a new lot.</li>
 *   <li>{@link #redeem}: redeems 15 points. So that the points never run out, each iteration's set-up
 *       earns every member a supply of {@value #SUPPLY} points as one lot; a redemption takes from the
 *       member's older lots first, then from that lot.</li>
 * </ul>
 * After each iteration (untimed) every member redeems whatever it holds beyond its balance at the
 * start of the iteration, oldest lots first, so that neither the lots earned nor the supply pile up
 * from one iteration to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HistoryGrowthBenchmarks {

    /** The idempotency window: what the in-memory store keeps besides the open lots. */
    static final Duration WINDOW = Duration.ofDays(30);
    /** The business time the history is spread over. */
    static final Duration SPAN = Duration.ofDays(3 * 365);
    /** Points per earn. */
    static final long EARN = 10;
    /** Points per redemption. */
    static final long REDEEM = 15;
    /** A member with at least this many points redeems in the history; below it, earns. */
    static final long CEILING = 50;
    /** Points each member is given at the start of every iteration, as one lot. */
    static final long SUPPLY = 1_000_000_000_000L;

    /** How many members the history and the operations go round-robin over. */
    @Param({"1", "10000"})
    public int members;

    /** How many postings the history has. */
    @Param({"10000", "100000", "1000000"})
    public int history;

    BusinessClock clock;
    Ledger ledger;
    MemberId[] ids;
    /** Business time between two postings, in seconds. */
    long step;
    /** The business time of the first history posting, less one step. */
    Instant start;
    /** How many history postings were made. */
    int posted;
    private long sequence;
    private int iteration;
    private long[] before;

    /**
     * Makes the history and prints how much heap it retains per member.
     */
    @Setup(Level.Trial)
    public void setUp() {
        loadStatics();
        long heapBefore = usedHeapAfterGc();
        build();
        long heapAfter = usedHeapAfterGc();
        long openLots = 0;
        for (MemberId m : ids) {
            for (Lot lot : ledger.lots(m, Fixtures.PTS)) {
                openLots += lot.remaining() > 0 ? 1 : 0;
            }
        }
        System.out.printf("%nretained bytes per member: %d (members=%d history=%d window=%s: %d postings kept in the "
                + "window, %d open lots; heap in use %d bytes before, %d after)%n", (heapAfter - heapBefore) / members,
                members, history, WINDOW, keptInWindow(), openLots, heapBefore, heapAfter);
    }

    /** Builds the ledger, enrols the members and makes the {@code history} postings. */
    void build() {
        step = Math.max(1, SPAN.toSeconds() / history);
        start = Fixtures.T0.minus(SPAN);
        clock = new BusinessClock(start);
        ledger = Fixtures.ledger(clock, WINDOW);
        ids = new MemberId[members];
        for (int i = 0; i < members; i++) {
            ids[i] = MemberId.of("m" + i);
            ledger.enrol(ids[i], start);
        }
        long[] balance = new long[members];
        for (int i = 0; i < history; i++) {
            int m = i % members;
            Instant at = clock.advance(step);
            if (balance[m] >= CEILING) {
                ledger.redeem(ids[m], Fixtures.PTS.points(REDEEM), at, historyKey(i), "history redeem");
                balance[m] -= REDEEM;
            } else {
                ledger.earn(ids[m], Fixtures.PTS.points(EARN), at, historyKey(i), "history earn");
                balance[m] += EARN;
            }
            posted++;
        }
        before = new long[members];
    }

    /** The key of history posting {@code i}. */
    static IdempotencyKey historyKey(int i) {
        return Fixtures.key("h", i);
    }

    /** How many history postings are inside the window at the end of the history: not forgotten. */
    long keptInWindow() {
        return Math.min(history, WINDOW.toSeconds() / step + 1);
    }

    /**
     * Posts once on a throw-away ledger, so that what any ledger loads once (time-zone rules, caches
     * of the classes' statics) is on the heap before the baseline and not counted as retained.
     */
    private static void loadStatics() {
        BusinessClock c = new BusinessClock(Fixtures.T0);
        Ledger l = Fixtures.ledger(c, WINDOW);
        MemberId m = MemberId.of("warm-up");
        l.enrol(m, Fixtures.T0);
        l.earn(m, Fixtures.PTS.points(EARN), c.advance(1), Fixtures.key("w", 0), "earn");
        l.redeem(m, Fixtures.PTS.points(1), c.advance(1), Fixtures.key("w", 1), "redeem");
        l.balance(m, Fixtures.PTS);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Notes every member's balance and gives each the supply for this iteration's redemptions. */
    @Setup(Level.Iteration)
    public void supply() {
        iteration++;
        Instant at = clock.advance(step);
        for (int m = 0; m < ids.length; m++) {
            before[m] = ledger.balance(ids[m], Fixtures.PTS).available();
            ledger.earn(ids[m], Fixtures.PTS.points(SUPPLY), at, IdempotencyKey.of("s" + iteration + "-" + m), "supply");
        }
    }

    /** Redeems, for every member, what it holds beyond its balance at the start of the iteration. */
    @TearDown(Level.Iteration)
    public void settle() {
        Instant at = clock.advance(step);
        for (int m = 0; m < ids.length; m++) {
            long extra = ledger.balance(ids[m], Fixtures.PTS).available() - before[m];
            if (extra > 0) {
                ledger.redeem(ids[m], Fixtures.PTS.points(extra), at, IdempotencyKey.of("t" + iteration + "-" + m),
                        "settle");
            }
        }
    }

    private MemberId next() {
        return ids[(int) (sequence++ % ids.length)];
    }

    /**
     * Earns 10 points for the next member.
     *
     * @return the posting
     */
    @Benchmark
    public Posting earn() {
        MemberId m = next();
        return ledger.earn(m, Fixtures.PTS.points(EARN), clock.advance(step), Fixtures.key("e", sequence), "earn");
    }

    /**
     * Redeems 15 points from the next member.
     *
     * @return the posting
     */
    @Benchmark
    public Posting redeem() {
        MemberId m = next();
        return ledger.redeem(m, Fixtures.PTS.points(REDEEM), clock.advance(step), Fixtures.key("r", sequence), "redeem");
    }
}
