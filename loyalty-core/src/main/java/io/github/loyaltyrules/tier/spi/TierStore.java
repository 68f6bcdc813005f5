package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.tier.TierChange;
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
     * Stores a member's next state as {@link #replace(TierState, TierActivity)} does, told also the
     * earliest instant after the state's {@link TierState#clock() clock} at which the member's tier
     * could change without new activity (a window close, the end of a grace period or of a status
     * match), so that a store can count the members' tiers at a later instant by itself
     * ({@link #tally}): until that instant the member shows {@link TierState#shown()}. The engine
     * calls this one. The default ignores {@code nextEvent} and calls {@code replace(next, added)}.
     *
     * @param next the new state
     * @param added the activity this change records, or {@code null}
     * @param nextEvent the earliest such instant, or {@code null} if there is none
     * @return what was done
     */
    default TierCommitResult replace(TierState next, TierActivity added, java.time.Instant nextEvent) {
        return replace(next, added);
    }

    /**
     * Counts what it can of a tier report over {@code [from, to)} by itself (a database in SQL),
     * without handing states to the engine: see {@link TierTally}. A member's tier at {@code to} is
     * the {@code to} of the last change of its history dated at or before {@code to} ({@code
     * baseTier} if none) when {@code to} is before the member's clock, else the tier it shows at its
     * clock if no event can change it by {@code to}; the changes counted are those dated in the
     * period. The engine has checked the arguments. The default counts nothing: the engine then
     * reads every member's state.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @param baseTier the name of the ladder's lowest tier
     * @return the tally, or empty if the store cannot count by itself
     */
    default java.util.Optional<TierTally> tally(java.time.Instant from, java.time.Instant to, String baseTier) {
        return java.util.Optional.empty();
    }

    /**
     * Returns the tier changes stored after a position of the store's change feed, oldest position
     * first: at most {@code limit} entries of members' histories ({@link TierState#history()}) whose
     * position is above {@code after}. Every change a replaced state adds to its member's history
     * gets a position, once, higher than that of every change a reader could have been given before
     * it, so that a reader who resumes after the last position it handled is given every stored
     * change exactly once and none of a replacement that failed. A change shows its member as stored
     * now (the pseudonym of an erased member). The {@link io.github.loyaltyrules.feed.ChangeFeed}
     * reads it, and uses no change's reason (a status match's reason is the caller's free text): a
     * store may leave it empty. The feed has checked the arguments. The default throws, naming the
     * store: a store that does not implement it has no feed.
     *
     * @param after the position of the last change read, 0 for the beginning
     * @param limit the most changes to return; positive
     * @return the changes with their positions, in increasing position order; fewer than
     *     {@code limit} only if no more are stored now
     * @throws UnsupportedOperationException if the store has no change feed
     */
    default List<Sequenced<TierChange>> changesAfter(long after, int limit) {
        throw new UnsupportedOperationException("tier store " + getClass().getName() + " has no change feed");
    }

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
