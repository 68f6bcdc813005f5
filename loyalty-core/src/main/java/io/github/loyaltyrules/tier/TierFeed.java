package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.LedgerEvent;
import io.github.loyaltyrules.ledger.LedgerListener;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import java.util.Objects;

/**
 * Feeds a {@link TierEngine} from a ledger: register it with the ledger builder's {@code listener(...)}
 * and every EARN posting in a point currency the ladder declares as a qualifying metric
 * ({@link Metric#points}) is recorded as qualifying activity under the posting's key, and every
 * REVERSAL of such a posting is recorded as a return attributed to the original's window.
 *
 * <p>Other postings (redemptions, adjustments, transfers, expiry) do not change qualifying
 * activity: spending or losing points does not undo having earned them. Replayed postings are
 * ignored by the engine's idempotency.
 *
 * @since 0.1.0
 */
public final class TierFeed implements LedgerListener {

    private final TierEngine engine;

    private TierFeed(TierEngine engine) {
        this.engine = engine;
    }

    /**
     * Returns a feed into an engine.
     *
     * @param engine the engine
     * @return the feed
     * @throws NullPointerException if {@code engine} is null
     */
    public static TierFeed of(TierEngine engine) {
        return new TierFeed(Objects.requireNonNull(engine, "tier engine must not be null"));
    }

    /**
     * Records qualifying earnings and their reversals in the engine.
     *
     * @param event a ledger event
     * @throws TierException if the engine rejects the activity (the ledger hands it to its listener
     *         failure handler, which logs it by default; the posting stays stored)
     */
    @Override
    public void onEvent(LedgerEvent event) {
        if (!(event instanceof LedgerEvent.Posted posted)) {
            return;
        }
        Posting p = posted.posting();
        Metric metric = pointsMetric(p.currency());
        if (metric == null || p.amount() <= 0) {
            return;
        }
        if (p.type() == PostingType.EARN) {
            engine.record(p.member(), metric, p.amount(), p.at(), p.key());
        } else if (p.type() == PostingType.REVERSAL && p.target() != null) {
            long remaining = engine.returnable(p.member(), p.target());
            if (remaining > 0) {
                engine.recordReturn(p.member(), p.target(), Math.min(remaining, p.amount()), p.at(), p.key());
            }
        }
    }

    private Metric pointsMetric(String currencyCode) {
        for (Metric m : engine.ladder().metrics()) {
            if (m.kind() == Metric.Kind.POINTS && m.key().equals(currencyCode)) {
                return m;
            }
        }
        return null;
    }
}
