package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * A member's account: its status and when it got it.
 *
 * @param member the member
 * @param status the status
 * @param enrolledAt the business time of enrolment
 * @param statusSince the business time of the last status change (enrolment at first)
 * @param statusReason the reason given for the last status change
 *
 * @since 0.1.0
 */
public record Account(MemberId member, AccountStatus status, Instant enrolledAt, Instant statusSince,
        String statusReason) {

    /**
     * Validates the account.
     *
     * @param member the member
     * @param status the status
     * @param enrolledAt the business time of enrolment
     * @param statusSince the business time of the last status change (enrolment at first)
     * @param statusReason the reason given for the last status change
     * @throws NullPointerException if a component is null
     */
    public Account {
        Checks.notNull(member, "member");
        Checks.notNull(status, "status");
        Checks.notNull(enrolledAt, "enrolledAt");
        Checks.notNull(statusSince, "statusSince");
        Checks.notNull(statusReason, "statusReason");
    }

    /**
     * Shows the parts, with the free-text reason as its length only (it may hold personal data).
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "Account[member=" + member + ", status=" + status + ", enrolledAt=" + enrolledAt + ", statusSince="
                + statusSince + ", statusReason=" + io.github.loyaltyrules.ledger.internal.Inputs.freeText(statusReason) + "]";
    }
}
