package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;

/** The two-phase redeem of a checkout: reserve points, then capture the reservation. */
public class ReservationBenchmarks extends RoundRobinLedger {

    /** Gives the members their lots. */
    @Override
    void fill() {
        Fixtures.fill(ledger, ids, 1, 1_000_000_000L);
    }

    /**
     * Reserves one point for 15 minutes and captures the reservation.
     *
     * @return the capture
     */
    @Benchmark
    public Posting reserveThenCapture() {
        MemberId m = next();
        IdempotencyKey hold = Fixtures.key("h", sequence);
        ledger.reserve(m, Fixtures.PTS.points(1), Duration.ofMinutes(15), Fixtures.T0, hold, "checkout");
        return ledger.capture(m, hold, Fixtures.T0, Fixtures.key("c", sequence));
    }
}
