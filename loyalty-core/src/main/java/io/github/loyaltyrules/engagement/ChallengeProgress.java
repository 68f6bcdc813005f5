package io.github.loyaltyrules.engagement;

import java.util.Objects;

/**
 * A member's progress on a challenge in one window: how much counts so far, of how much, and how many
 * rewards it earned and kept. {@link #toString()} reads "3 of 5".
 *
 * @param challenge the challenge's id
 * @param window the window's key: its first day ({@code 2026-12-01}) or {@code lifetime}
 * @param value how much counts so far (purchases, minor units of spend, items or distinct stores; for a
 *     streak, the run still going: the consecutive periods up to the current one, or up to the one
 *     before while the current has no counted purchase yet)
 * @param target how much completes the challenge
 * @param rewarded the rewards earned in the window and not taken back
 *
 * @since 0.1.0
 */
public record ChallengeProgress(String challenge, String window, long value, long target, long rewarded) {

    /**
     * Validates the progress.
     *
     * @throws NullPointerException if {@code challenge} or {@code window} is null
     * @throws IllegalArgumentException if a figure is negative or the target is not positive
     */
    public ChallengeProgress {
        Objects.requireNonNull(challenge, "challenge must not be null");
        Objects.requireNonNull(window, "window must not be null");
        if (value < 0 || target <= 0 || rewarded < 0) {
            throw new IllegalArgumentException("progress figures must not be negative and the target positive; got "
                    + value + " of " + target + ", rewarded " + rewarded);
        }
    }

    /**
     * Tells whether the goal is met in this window.
     *
     * @return true once the value reaches the target
     */
    public boolean met() {
        return value >= target;
    }

    /**
     * Reads "3 of 5".
     *
     * @return the progress as text
     */
    @Override
    public String toString() {
        return value + " of " + target;
    }
}
