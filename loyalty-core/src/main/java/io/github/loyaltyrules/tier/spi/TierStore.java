package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link io.github.loyaltyrules.tier.TierEngine} keeps members' tier state: the
 * service-provider interface that a durable store (such as the JDBC one) implements.
 *
 * <p>The engine does all the computing; a store only has to read, and to replace a member's
 * {@link TierState} atomically and only if the stored one is still the version the engine read
 * (optimistic concurrency). A store that also keeps activity keys apart (e.g. under a unique
 * constraint) rejects an added activity whose key the member has already. Implementations must
 * be thread-safe.
 *
 * @since 0.1.0
 */
public interface TierStore {

    /**
     * Returns a new, empty, thread-safe store that keeps everything in memory.
     *
     * @return the store
     */
    static TierStore inMemory() {
        return new InMemoryTierStore();
    }

    /**
     * Returns a member's current state.
     *
     * @param member the member
     * @return the state, or empty if the store does not know the member
     */
    Optional<TierState> state(MemberId member);

    /**
     * Returns known members in id order, for batch jobs: at most {@code limit} ids greater than {@code after}.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the page size; positive
     * @return the next page of ids
     */
    List<MemberId> members(MemberId after, int limit);

    /**
     * Returns how many members the store knows.
     *
     * @return the count
     */
    long count();

    /**
     * Stores a member's next state if the stored one is version {@code next.version() - 1} (or,
     * for version 1, if the member is new), together with the activity the change added.
     *
     * @param next the new state
     * @param added the activity this change records (also the last of {@code next.activities()}), or {@code null}
     * @return what was done
     */
    TierCommitResult replace(TierState next, TierActivity added);

    /**
     * Moves a member's state to a pseudonym atomically, for the erasure of the member's personal
     * data: the state stored under {@code from} is stored as {@link TierState#pseudonymised(MemberId)
     * pseudonymised} under {@code to}, with every activity key the store keeps apart, and nothing is
     * left under {@code from}. Idempotent: when nothing is stored under {@code from}, it changes
     * nothing and returns false. The default throws, naming the store.
     *
     * @param from the member
     * @param to the pseudonym; the store must hold no state under it
     * @return true if a state was moved, false if none is stored under {@code from}
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if a state is stored under {@code to} as well; nothing is changed
     * @throws UnsupportedOperationException if the store cannot move a member
     */
    default boolean pseudonymise(MemberId from, MemberId to) {
        throw new UnsupportedOperationException("tier store " + getClass().getName()
                + " cannot move a member to a pseudonym (erasure)");
    }
}
