package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.internal.PersonalInputs;
import java.util.Map;
import java.util.Objects;

/**
 * A non-purchase action that rules may reward: sign-up, referral, review, or a custom type.
 *
 * @param type the event type, e.g. {@code "signup"}, {@code "review"}; not {@code "purchase"}
 * @param attributes free-form attributes of the event
 *
 * @since 0.1.0
 */
public record MemberEvent(String type, Map<String, String> attributes) implements Activity {

    /**
     * Validates the event and makes its attributes unmodifiable.
     *
     * @param type the event type, e.g. {@code "signup"}, {@code "review"}; not {@code "purchase"}
     * @param attributes free-form attributes of the event
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the type is blank or {@code "purchase"}, or the attributes
     *         break a limit: at most 100, names of 1 to 64 characters without control characters,
     *         values of at most 4,000 characters without a NUL or an unpaired surrogate
     */
    public MemberEvent {
        Objects.requireNonNull(type, "event type must not be null");
        attributes = Map.copyOf(attributes);
        if (type.isBlank() || type.equals(Purchase.TYPE)) {
            throw new InvalidRequestException("event type must be a non-blank name other than 'purchase' (purchases are"
                    + " Purchase activities); got '" + Inputs.shown(type) + "'");
        }
        PersonalInputs.attributes(attributes, "the event");
    }

    /**
     * Describes the event without the values of its attributes, which may hold free text a member
     * wrote (a review) or other personal data.
     *
     * @return e.g. {@code MemberEvent[type=review, attributes=[stars, text]]}
     */
    @Override
    public String toString() {
        return "MemberEvent[type=" + type + ", attributes=" + Inputs.keysOnly(attributes) + "]";
    }
}
