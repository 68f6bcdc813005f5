package io.github.loyaltyrules.rule;

/**
 * What a member did that rules may reward: a purchase, or another event such as a sign-up or review.
 *
 * @since 0.1.0
 */
public sealed interface Activity permits Purchase, MemberEvent {

    /**
     * Returns the event type: {@code "purchase"} for purchases.
     *
     * @return the type
     */
    String type();
}
