package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The ledger's hot paths on the in-memory store: earn, redeem across 1, 10 and 100 lots and a
 * balance read ({@link ReservationBenchmarks} has reserve then capture). Operations go round-robin over many members so that no member's
 * history grows beyond what a real member's would in a benchmark run.
 *
 * <p>A redemption consumes its lots, so {@link #redeemThenReverse} measures a redemption together with
 * the reversal that gives exactly those lots back: the pair's time bounds the redemption's from above.
 */
public class LedgerBenchmarks extends RoundRobinLedger {

    /** How many lots of one point each a redemption consumes. */
    @Param({"1", "10", "100"})
    public int lots;

    /** Gives the members their lots. */
    @Override
    void fill() {
        Fixtures.fill(ledger, ids, lots, 1);
    }

    /**
     * Earns 10 points for a member.
     *
     * @return the posting
     */
    @Benchmark
    public Posting earn() {
        return ledger.earn(next(), Fixtures.PTS.points(10), Fixtures.T0, Fixtures.key("e", sequence), "earn");
    }

    /**
     * Redeems {@code lots} points (one from each lot, soonest-to-expire first), then reverses the
     * redemption, which returns exactly those lots.
     *
     * @return the reversal
     */
    @Benchmark
    public Posting redeemThenReverse() {
        MemberId m = next();
        IdempotencyKey redemption = Fixtures.key("r", sequence);
        ledger.redeem(m, Fixtures.PTS.points(lots), Fixtures.T0, redemption, "redeem");
        return ledger.reverse(m, redemption, Fixtures.T0, Fixtures.key("v", sequence), "undo");
    }

    /**
     * Reads a member's balance now (from the member's book, not replayed from the entries).
     *
     * @return the balance
     */
    @Benchmark
    public Balance balance() {
        return ledger.balance(next(), Fixtures.PTS);
    }
}
