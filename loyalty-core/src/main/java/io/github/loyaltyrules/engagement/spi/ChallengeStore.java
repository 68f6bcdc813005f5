package io.github.loyaltyrules.engagement.spi;

import io.github.loyaltyrules.engagement.Badge;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import java.util.List;
import java.util.Optional;

/**
 * Where a program keeps its members' challenge progress: per member, challenge and window a
 * {@link ProgressRecord}, per member, challenge and purchase a {@link ContributionRecord}, and per
 * member and badge id the {@link Badge} the member earned. Reading
 * and changing them costs the same however much history the member has.
 *
 * <p>Implementations must be thread-safe, and when shared by several servers {@link #commit} must be
 * a compare-and-set of both records that exactly one writer wins.
 *
 * @since 0.1.0
 */
public interface ChallengeStore {

    /**
     * Returns a member's progress on a challenge in a window.
     *
     * @param member the member
     * @param challenge the challenge id
     * @param window the window key
     * @return the record; empty if nothing counted in the window yet
     * @throws NullPointerException if an argument is null
     */
    Optional<ProgressRecord> progress(MemberId member, String challenge, String window);

    /**
     * Returns what a purchase adds to a challenge.
     *
     * @param member the member
     * @param challenge the challenge id
     * @param purchase the purchase's key
     * @return the record; empty if the purchase was not counted yet
     * @throws NullPointerException if an argument is null
     */
    Optional<ContributionRecord> contribution(MemberId member, String challenge, IdempotencyKey purchase);

    /**
     * Applies a commit atomically.
     *
     * @param commit the change
     * @return {@link CommitResult#APPLIED}, or {@link CommitResult#STALE} if a version did not match;
     *     nothing is changed unless applied
     * @throws NullPointerException if {@code commit} is null
     */
    CommitResult commit(ChallengeCommit commit);

    /**
     * Records a badge a member earned, unless the member holds a badge of that id already: the first
     * award stands, and a retry changes nothing.
     *
     * @param member the member
     * @param badge the badge
     * @return true if it was recorded now, false if the member held it already
     * @throws NullPointerException if an argument is null
     */
    boolean award(MemberId member, Badge badge);

    /**
     * Returns the badges a member holds, in the order they were earned (then by id).
     *
     * @param member the member
     * @return the badges; empty if none
     * @throws NullPointerException if {@code member} is null
     */
    List<Badge> badges(MemberId member);

    /**
     * Returns every progress record of a member (export), by challenge and then window.
     *
     * @param member the member
     * @return the records; empty if none
     * @throws NullPointerException if {@code member} is null
     */
    List<ProgressRecord> progressOf(MemberId member);

    /**
     * Moves everything stored for a member (progress, contributions and badges) to a pseudonym,
     * atomically (erasure). Idempotent: when
     * nothing is stored under {@code from}, it changes nothing and returns false.
     *
     * @param from the member
     * @param to the pseudonym
     * @return true if anything was moved
     * @throws NullPointerException if an argument is null
     */
    boolean pseudonymise(MemberId from, MemberId to);
}
