package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * The real ledger (in-memory store, a one-hour idempotency window) against {@link LedgerFloor}, the
 * hand-written minimum, in the same run with the same members and lots: {@code <op>Ours} and
 * {@code <op>Floor} do the same operation, and {@link Report} prints their ratio. Each operation
 * goes to the next member in turn; every member starts with {@code lots} lots of one point each.
 *
 * <ul>
 *   <li>{@code earn}: earns 10 points, a new lot at the end of the member's lots.</li>
 *   <li>{@code redeemThenReverse}: redeems {@code lots} points, which takes every one of the member's
 *       one-point lots, oldest first, then reverses that redemption, which gives exactly those points
 *       back to exactly those lots: the member ends as it started, so every operation does the same
 *       work. With {@code lots=10} this is the "redeem over 10 lots" figure; a redemption alone cannot be
 *       repeated in a steady state without something undoing it, and its reversal is the cheapest
 *       undo (any other refill needs {@code lots} earns), so the pair bounds the redemption from above.</li>
 * </ul>
 *
 * <p>Ours posts each operation one second of business time after the last and moves the ledger's
 * {@link BusinessClock} with it, so that every posting is inside the idempotency window and the
 * window passes during the run: the ledger forgets keys and entries an hour old as it goes (its
 * steady state). The floor has no times, keys or entries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LedgerFloorBenchmarks {

    /** Points per earn. */
    static final long EARN = 10;

    /** How many members the operations go round-robin over. */
    @Param({"20000"})
    public int members;

    /** How many lots of one point each a member holds, and so how many a redemption takes. */
    @Param({"10"})
    public int lots;

    /**
     * The ledger's idempotency window: one hour of business time (3,600 postings at one a second), so
     * that it forgets keys as it goes, as a ledger in service does once its window has passed, instead
     * of holding every key of the run in a map that grows and resizes throughout the measurement.
     */
    static final Duration WINDOW = Duration.ofHours(1);

    BusinessClock clock;
    Ledger ledger;
    LedgerFloor floor;
    MemberId[] ids;
    long sequence;

    /** Builds both sides: the ledger and the floor, each with the members and their lots. */
    @Setup
    public void setUp() {
        clock = new BusinessClock(Fixtures.T0);
        ledger = Fixtures.ledger(clock, WINDOW);
        ids = Fixtures.enrol(ledger, members);
        Fixtures.fill(ledger, ids, lots, 1);
        floor = new LedgerFloor();
        for (MemberId m : ids) {
            floor.enrol(m);
            for (int l = 0; l < lots; l++) {
                floor.earn(m, 1);
            }
        }
    }

    /** The next member in turn; also advances {@link #sequence}, which keys use. */
    private MemberId next() {
        return ids[(int) (sequence++ % ids.length)];
    }

    /**
     * Ours: earns 10 points.
     *
     * @return the posting
     */
    @Benchmark
    public Posting earnOurs() {
        MemberId m = next();
        return ledger.earn(m, Fixtures.PTS.points(EARN), clock.advance(1), Fixtures.key("e", sequence), "earn");
    }

    /**
     * The floor: earns 10 points.
     *
     * @return the new lot's number
     */
    @Benchmark
    public long earnFloor() {
        return floor.earn(next(), EARN);
    }

    /**
     * Ours: redeems {@code lots} points across the member's {@code lots} lots, then reverses the redemption.
     *
     * @return the reversal
     */
    @Benchmark
    public Posting redeemThenReverseOurs() {
        MemberId m = next();
        Instant at = clock.advance(1);
        IdempotencyKey redemption = Fixtures.key("r", sequence);
        ledger.redeem(m, Fixtures.PTS.points(lots), at, redemption, "redeem");
        return ledger.reverse(m, redemption, at, Fixtures.key("v", sequence), "undo");
    }

    /**
     * The floor: redeems {@code lots} points across the member's {@code lots} lots, then gives them back.
     *
     * @return what the redemption took (a {@link LedgerFloor.Taken}; typed {@code Object} because the
     *         floor is not public)
     */
    @Benchmark
    public Object redeemThenReverseFloor() {
        MemberId m = next();
        LedgerFloor.Taken taken = floor.redeem(m, lots);
        floor.reverse(m, taken);
        return taken;
    }
}
