package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Everything a rule engine may look at to decide an award: who, what, when (in the program's
 * zone), under which key and program version.
 *
 * @param member the member's profile
 * @param activity the purchase or event
 * @param at the business time in the program's zone
 * @param key the idempotency key of the activity
 * @param programVersion the id of the program version evaluating
 *
 * @since 0.1.0
 */
public record RuleContext(MemberProfile member, Activity activity, ZonedDateTime at, IdempotencyKey key,
        String programVersion) {

    /**
     * Validates the context.
     *
     * @param member the member's profile
     * @param activity the purchase or event
     * @param at the business time in the program's zone
     * @param key the idempotency key of the activity
     * @param programVersion the id of the program version evaluating
     * @throws NullPointerException if a component is null
     */
    public RuleContext {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(activity, "activity must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(programVersion, "program version must not be null");
    }
}
