package io.github.loyaltyrules.engagement;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A badge a member holds: awarded once, when the member first completes a challenge that declares it
 * ({@link Challenge#withBadge}), recorded with the challenge, the business time of the completing
 * purchase and that purchase's idempotency key. A badge stays once awarded: a return that takes back
 * the challenge's reward does not take back the badge.
 *
 * @param id the badge id, as the challenge declares it
 * @param challenge the id of the challenge whose completion earned it
 * @param at the business time of the completing purchase
 * @param purchase the idempotency key of the completing purchase
 *
 * @since 0.1.0
 */
public record Badge(String id, String challenge, Instant at, IdempotencyKey purchase) {

    /**
     * Validates the badge.
     *
     * @throws NullPointerException if a component is null
     * @throws ChallengeException if the id or challenge id is malformed
     */
    public Badge {
        Objects.requireNonNull(id, "badge id must not be null");
        Objects.requireNonNull(challenge, "challenge id must not be null");
        Objects.requireNonNull(at, "badge time must not be null");
        Objects.requireNonNull(purchase, "purchase key must not be null");
        Challenge.checkId(id, "badge id");
        Challenge.checkId(challenge, "challenge id");
    }
}
