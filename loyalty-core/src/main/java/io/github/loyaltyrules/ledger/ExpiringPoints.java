package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * Points of one lot that will expire at a known instant unless spent first; the material of an
 * "your points expire in 30 days" notice.
 *
 * @param member the member
 * @param currency the currency code
 * @param lot the lot
 * @param amount the amount that will expire, in minor units
 * @param expiresAt when it expires (by the lot's date or by inactivity, whichever is first)
 *
 * @since 0.1.0
 */
public record ExpiringPoints(MemberId member, String currency, LotId lot, long amount, Instant expiresAt) {
}
