package io.github.loyaltyrules.tier.contract;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tier store for tests of the tier report: reads and writes through another store, but counts no
 * report itself (the engine walks every member's state), unless given a tally to answer; and notes the
 * members whose state is read. The tier report's tests on memory and JDBC use it to compare the store's
 * own count (SQL) with the engine's walk over the same rows, and to see which members the engine reads.
 */
public final class WalkedTierStore implements TierStore {

    private final TierStore store;
    private final List<MemberId> read = new ArrayList<>();
    private TierTally tally;

    /**
     * Wraps a store.
     *
     * @param store the store read and written through
     */
    public WalkedTierStore(TierStore store) {
        this.store = store;
    }

    /**
     * Returns the members whose state was read, in order; clear it to start counting again.
     *
     * @return the live list
     */
    public List<MemberId> read() {
        return read;
    }

    /**
     * Makes the store answer {@link #tally} with this tally, as a store that counts reports would.
     *
     * @param answer the tally; null to count nothing again
     */
    public void answerTally(TierTally answer) {
        this.tally = answer;
    }

    @Override
    public Optional<TierState> state(MemberId member) {
        read.add(member);
        return store.state(member);
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        return store.members(after, limit);
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public TierCommitResult replace(TierState next, TierActivity added) {
        return store.replace(next, added);
    }

    @Override
    public Optional<TierTally> tally(Instant from, Instant to, String baseTier) {
        return Optional.ofNullable(tally);
    }
}
