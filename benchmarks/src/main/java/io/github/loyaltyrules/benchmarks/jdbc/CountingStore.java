package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that passes everything to another and counts the commits that came back applied and
 * stale, so that a benchmark can say how often writers on a hot member had to retry.
 */
final class CountingStore extends ForwardingLedgerStore {

    private final LongAdder applied = new LongAdder();
    private final LongAdder stale = new LongAdder();

    CountingStore(LedgerStore delegate) {
        super(delegate);
    }

    long applied() {
        return applied.sum();
    }

    long stale() {
        return stale.sum();
    }

    /** Sets both counts back to zero, e.g. after the set-up's commits. */
    void reset() {
        applied.reset();
        stale.reset();
    }

    @Override
    public CommitResult apply(Commit commit) {
        CommitResult result = super.apply(commit);
        if (result == CommitResult.APPLIED) {
            applied.increment();
        } else if (result == CommitResult.STALE) {
            stale.increment();
        }
        return result;
    }
}
