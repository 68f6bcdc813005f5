package io.github.loyaltyrules.engagement.spi;

import java.util.Objects;

/**
 * One atomic change to a {@link ChallengeStore}: a purchase's contribution and its window's progress,
 * each at its next version, stored only if the stored one is the version before (none stored counts
 * as version 0). Either both are stored or neither.
 *
 * @param progress the window's progress, next version
 * @param contribution the purchase's contribution, next version
 *
 * @since 0.1.0
 */
public record ChallengeCommit(ProgressRecord progress, ContributionRecord contribution) {

    /**
     * Validates the commit.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a version is 0, or the two are not of the same member,
     *     challenge and window
     */
    public ChallengeCommit {
        Objects.requireNonNull(progress, "progress must not be null");
        Objects.requireNonNull(contribution, "contribution must not be null");
        if (progress.version() == 0 || contribution.version() == 0) {
            throw new IllegalArgumentException("a commit stores versions from 1 on; version 0 means 'not stored'");
        }
        if (!progress.member().equals(contribution.member()) || !progress.challenge().equals(contribution.challenge())
                || !progress.window().equals(contribution.window())) {
            throw new IllegalArgumentException("a contribution is committed with the progress of its own window");
        }
    }
}
