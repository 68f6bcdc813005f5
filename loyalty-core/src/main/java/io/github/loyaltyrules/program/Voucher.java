package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import java.time.Instant;
import java.util.Objects;

/**
 * A voucher a conversion run made of a member's points, for the caller to issue: its code, the
 * member, its value, when it was issued and when it expires. The code is the same on every re-run of
 * the run (the caller issues each code once); it identifies the voucher and is not a secret.
 *
 * @param code the voucher's code, e.g. {@code "V-3F9A0C21B7D4E655-1"}
 * @param member the member it belongs to
 * @param value what it is worth
 * @param cost the points it was made of
 * @param issuedAt the business time of the run
 * @param expiresAt the instant it stops being valid (exclusive); null if it never expires
 * @param posting the key of the ledger posting that redeemed its points (one posting per member and run)
 *
 * @since 0.1.0
 */
public record Voucher(String code, MemberId member, Money value, Points cost, Instant issuedAt, Instant expiresAt,
        IdempotencyKey posting) {

    /**
     * Validates the voucher.
     *
     * @throws NullPointerException if a component other than {@code expiresAt} is null
     * @throws IllegalArgumentException if it expires before it is issued
     */
    public Voucher {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(cost, "cost must not be null");
        Objects.requireNonNull(issuedAt, "issuedAt must not be null");
        Objects.requireNonNull(posting, "posting must not be null");
        if (expiresAt != null && !expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("voucher " + code + " must expire after it is issued; got " + issuedAt
                    + " to " + expiresAt);
        }
    }

    /**
     * Returns whether the voucher is valid at an instant: issued and not expired.
     *
     * @param at the instant
     * @return true if {@code issuedAt <= at < expiresAt}
     * @throws NullPointerException if {@code at} is null
     */
    public boolean isValidAt(Instant at) {
        Objects.requireNonNull(at, "instant must not be null");
        return !at.isBefore(issuedAt) && (expiresAt == null || at.isBefore(expiresAt));
    }
}
