package io.github.loyaltyrules.engagement;

import io.github.loyaltyrules.ledger.LoyaltyException.Reason;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A challenge: a goal a member meets within a window for a reward in points, e.g. "shop 5 times this
 * month for 200 bonus points" is {@code Challenge.of("five-visits", "Shop 5 times this month",
 * ChallengeGoal.purchases(5), ChallengeWindow.MONTH, "PTS", 200)}. Met once per window unless
 * {@linkplain #repeatable() repeatable} (then each further multiple of the goal earns the reward again).
 * A return that undoes qualifying activity undoes the progress; whether it also takes back a reward
 * whose goal is no longer met is the challenge's {@link ReturnPolicy}. A streak goal
 * ({@link ChallengeGoal#streak}) counts runs of consecutive periods within the window: each run of
 * {@code n} periods completes it once (a repeatable one, once per {@code n} periods of each run).
 *
 * @param id the challenge id: 1 to {@value #MAX_ID} letters, digits, {@code -} or {@code _}
 * @param name the name shown to members: 1 to {@value #MAX_NAME} characters without control characters
 * @param goal what completes it
 * @param window the window the goal is met in
 * @param rewardCurrency the code of the point currency of the reward
 * @param rewardAmount the reward in minor units of that currency; positive
 * @param repeatable whether each further multiple of the goal in a window earns the reward again
 * @param returnPolicy what a return does to a reward whose goal is no longer met
 * @param badge the id of the {@link Badge} a member is awarded on first completing it; null for none
 *
 * @since 0.1.0
 */
public record Challenge(String id, String name, ChallengeGoal goal, ChallengeWindow window, String rewardCurrency,
        long rewardAmount, boolean repeatable, ReturnPolicy returnPolicy, String badge) {

    /** The longest challenge id. */
    public static final int MAX_ID = 64;
    /** The longest challenge name. */
    public static final int MAX_NAME = 200;

    /** What a return that undoes qualifying activity does to a reward whose goal is no longer met. */
    public enum ReturnPolicy {
        /** The reward is taken back (its posting reversed); met again, it is earned again. */
        REVOKE,
        /** The reward stays; progress falls, and the reward is not earned a second time in the window. */
        KEEP
    }

    /**
     * Validates the challenge.
     *
     * @throws NullPointerException if a component other than a boolean is null
     * @throws ChallengeException if the id, name or reward currency is malformed, the reward is not
     *     positive, or a streak is longer than its window can hold
     */
    public Challenge {
        Objects.requireNonNull(id, "challenge id must not be null");
        Objects.requireNonNull(name, "challenge name must not be null");
        Objects.requireNonNull(goal, "challenge goal must not be null");
        Objects.requireNonNull(window, "challenge window must not be null");
        Objects.requireNonNull(rewardCurrency, "reward currency must not be null");
        Objects.requireNonNull(returnPolicy, "return policy must not be null");
        checkId(id, "challenge id");
        if (badge != null) {
            checkId(badge, "badge of challenge " + id);
        }
        checkText(name, "name of challenge " + id, MAX_NAME);
        if (rewardCurrency.isEmpty() || rewardCurrency.length() > 16 || !rewardCurrency.chars().allMatch(c -> c < 128
                && Character.isLetterOrDigit(c))) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, "reward currency of challenge " + id
                    + " must be a point currency code; got " + Inputs.shown(rewardCurrency));
        }
        if (rewardAmount <= 0) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, "reward of challenge " + id
                    + " must be positive; got " + rewardAmount);
        }
        if (goal.period() != null && goal.target() > goal.period().most(window)) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, "streak of " + goal.target() + " "
                    + goal.period().word() + " of challenge " + id + " cannot fit in a " + window.word()
                    + ", which holds at most " + goal.period().most(window));
        }
    }

    /**
     * Returns a challenge without a badge.
     *
     * @param id the id
     * @param name the name shown to members
     * @param goal the goal
     * @param window the window
     * @param rewardCurrency the reward's point currency code
     * @param rewardAmount the reward in minor units; positive
     * @param repeatable whether each further multiple of the goal in a window earns the reward again
     * @param returnPolicy what a return does to a reward whose goal is no longer met
     * @throws NullPointerException if a component other than a boolean is null
     * @throws ChallengeException as the canonical constructor does
     */
    public Challenge(String id, String name, ChallengeGoal goal, ChallengeWindow window, String rewardCurrency,
            long rewardAmount, boolean repeatable, ReturnPolicy returnPolicy) {
        this(id, name, goal, window, rewardCurrency, rewardAmount, repeatable, returnPolicy, null);
    }

    static void checkId(String value, String what) {
        if (value.isEmpty() || value.length() > MAX_ID || !value.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, what + " must be 1 to " + MAX_ID
                    + " letters, digits, '-' or '_'; got " + Inputs.shown(value));
        }
    }

    /**
     * Returns a challenge met once per window, whose reward a return takes back when the goal is no
     * longer met ({@link ReturnPolicy#REVOKE}).
     *
     * @param id the id
     * @param name the name shown to members
     * @param goal the goal
     * @param window the window
     * @param rewardCurrency the reward's point currency code
     * @param rewardAmount the reward in minor units; positive
     * @return the challenge
     * @throws NullPointerException if an argument is null
     * @throws ChallengeException if a value is malformed or the reward is not positive
     */
    public static Challenge of(String id, String name, ChallengeGoal goal, ChallengeWindow window, String rewardCurrency,
            long rewardAmount) {
        return new Challenge(id, name, goal, window, rewardCurrency, rewardAmount, false, ReturnPolicy.REVOKE);
    }

    /**
     * Returns a copy that is met once per window, or repeatedly.
     *
     * @param repeat true for repeatable
     * @return the copy
     */
    public Challenge withRepeatable(boolean repeat) {
        return new Challenge(id, name, goal, window, rewardCurrency, rewardAmount, repeat, returnPolicy, badge);
    }

    /**
     * Returns a copy with another return policy.
     *
     * @param policy the policy
     * @return the copy
     * @throws NullPointerException if {@code policy} is null
     */
    public Challenge withReturnPolicy(ReturnPolicy policy) {
        return new Challenge(id, name, goal, window, rewardCurrency, rewardAmount, repeatable, policy, badge);
    }

    /**
     * Returns a copy that awards a badge the first time a member completes it (e.g.
     * {@code withBadge("coffee-connoisseur")}), or none.
     *
     * @param id the badge id: 1 to {@value #MAX_ID} letters, digits, {@code -} or {@code _}; null for none
     * @return the copy
     * @throws ChallengeException if the id is malformed
     */
    public Challenge withBadge(String id) {
        return new Challenge(this.id, name, goal, window, rewardCurrency, rewardAmount, repeatable, returnPolicy, id);
    }

    /**
     * Returns how many completions a progress value makes: {@code value / target} for a repeatable
     * challenge, else 1 once the target is reached. For a streak goal the value is the length of one
     * run of consecutive periods; a window's completions are those of its runs together (at most 1
     * unless repeatable).
     *
     * @param value the progress
     * @return the completions
     */
    public long completions(long value) {
        long n = value / goal.target();
        return repeatable ? n : Math.min(1, n);
    }

    /**
     * Returns the short tag the challenge's reward postings carry in their keys: six hex digits of
     * a hash of the id (FNV-1a over UTF-8). Two challenges of a program must not share a tag.
     *
     * @return the tag
     */
    public String tag() {
        int h = 0x811C9DC5;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return String.format("%06x", h & 0xFFFFFF);
    }

    static void checkText(String text, String what, int max) {
        if (text.isBlank() || text.length() > max) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, what + " must be 1 to " + max
                    + " characters, not blank; got " + (text.length() > max ? text.length() + " characters" : "a blank"));
        }
        String unsafe = Inputs.unsafeCharacter(text);
        if (unsafe != null) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, what
                    + " must not contain control, bidi control or unpaired surrogate characters; got " + unsafe);
        }
    }

    /**
     * Describes the challenge as its id, goal and window, e.g. {@code five-visits: PURCHASES 5 per MONTH}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return id + ": " + goal.measure() + " " + goal.target() + (goal.period() == null ? "" : " " + goal.period())
                + (goal.category() == null ? "" : " in " + goal.category())
                + " per " + window + " -> " + rewardAmount + " " + rewardCurrency + (repeatable ? " repeatable" : " once")
                + " returns " + returnPolicy + (badge == null ? "" : " badge " + badge);
    }
}
