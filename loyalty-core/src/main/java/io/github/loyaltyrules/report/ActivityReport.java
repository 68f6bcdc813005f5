package io.github.loyaltyrules.report;

import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in one currency over a period {@code [from, to)}: the points earned, redeemed,
 * expired, adjusted, reversed, transferred and reserved, the liability at the start and at the end,
 * and how many members were enrolled, active and holding points. All amounts are minor units. An
 * entry belongs to the period if its business time is at or after {@code from} and before
 * {@code to}; an expiry entry is dated when its lot expired, whenever the sweep ran.
 *
 * <p>The figures add up: {@code closingLiability = openingLiability + } the net of every entry type's
 * totals. The liability at a bound is the sum of the entries dated before it, so it follows business
 * time, not the order postings were made in: a posting dated before an earlier one that it undoes (a
 * reversal of an earning dated before the redemption that spent it, and after that redemption was
 * itself reversed) makes it lower for the time in between, in a rare case below zero.
 *
 * @param currency the currency
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive
 * @param totals the sums per entry type; every type is present (with zeros if it had no entries)
 * @param openingLiability the sum of every member's balance at {@code from}: their entries dated before it
 * @param closingLiability the same at {@code to}
 * @param enrolledMembers members enrolled before {@code to}, whatever the status of their account now
 * @param activeMembers members with an entry in the period other than an expiry's
 * @param holdingMembers members whose balance at {@code to} is positive
 *
 * @since 0.1.0
 */
public record ActivityReport(PointCurrency currency, Instant from, Instant to, Map<EntryType, EntryTotals> totals,
        long openingLiability, long closingLiability, long enrolledMembers, long activeMembers, long holdingMembers) {

    /**
     * Validates the report, fills in the entry types it lacks with zeros and makes the totals unmodifiable.
     *
     * @param currency the currency
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @param totals the sums per entry type, each under its own type
     * @param openingLiability the sum of every member's balance at {@code from}
     * @param closingLiability the same at {@code to}
     * @param enrolledMembers members enrolled before {@code to}
     * @param activeMembers members with an entry in the period other than an expiry's
     * @param holdingMembers members whose balance at {@code to} is positive
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, a total is filed under
     *         another type, or a count is negative
     * @throws IllegalStateException if the closing liability is not the opening one plus the period's changes
     */
    public ActivityReport {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(totals, "totals must not be null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a report period must end after it starts; got " + from + " to " + to);
        }
        Map<EntryType, EntryTotals> all = new EnumMap<>(EntryType.class);
        long net = 0;
        for (EntryType type : EntryType.values()) {
            EntryTotals t = totals.get(type);
            if (t == null) {
                t = EntryTotals.zero(type);
            } else if (t.type() != type) {
                throw new IllegalArgumentException("totals of " + t.type() + " entries are filed under " + type);
            }
            all.put(type, t);
            net = Math.addExact(net, t.net());
        }
        totals = Collections.unmodifiableMap(all);
        if (enrolledMembers < 0 || activeMembers < 0 || holdingMembers < 0) {
            throw new IllegalArgumentException("member counts of " + currency.code() + " must not be negative; got "
                    + enrolledMembers + ", " + activeMembers + ", " + holdingMembers);
        }
        if (closingLiability != openingLiability + net) {
            throw new IllegalStateException("inconsistent report of " + currency.code() + " from " + from + " to " + to
                    + ": opening liability " + openingLiability + " + " + net + " != closing " + closingLiability);
        }
    }

    /**
     * Returns the sums of one entry type.
     *
     * @param type the type
     * @return its totals; zeros if the period had none
     * @throws NullPointerException if {@code type} is null
     */
    public EntryTotals totals(EntryType type) {
        return totals.get(Objects.requireNonNull(type, "entry type must not be null"));
    }

    /**
     * Returns the points earned (earn entries).
     *
     * @return minor units
     */
    public long earned() {
        return totals.get(EntryType.EARN).credited();
    }

    /**
     * Returns the points redeemed: spent at once (redeem entries) or by capturing a reservation
     * (capture entries), before any reversal gave some back.
     *
     * @return minor units
     */
    public long redeemed() {
        return totals.get(EntryType.REDEEM).debited() + captured();
    }

    /**
     * Returns the part of {@link #redeemed()} spent by capturing reservations.
     *
     * @return minor units
     */
    public long captured() {
        return totals.get(EntryType.CAPTURE).debited();
    }

    /**
     * Returns the points written off because they expired (expiry entries dated in the period).
     *
     * @return minor units
     */
    public long expired() {
        return totals.get(EntryType.EXPIRY).debited();
    }

    /**
     * Returns the points credited by hand (manual credit entries).
     *
     * @return minor units
     */
    public long adjustedCredit() {
        return totals.get(EntryType.ADJUST_CREDIT).credited();
    }

    /**
     * Returns the points debited by hand (manual debit entries).
     *
     * @return minor units
     */
    public long adjustedDebit() {
        return totals.get(EntryType.ADJUST_DEBIT).debited();
    }

    /**
     * Returns the points reversals gave back to members (reversals of redemptions, captures and debits).
     *
     * @return minor units
     */
    public long reversalCredit() {
        return totals.get(EntryType.REVERSAL).credited();
    }

    /**
     * Returns the points reversals clawed back from members (reversals of earnings and credits); what
     * was already spent is recorded as debt instead ({@link #debtRecorded()}).
     *
     * @return minor units
     */
    public long reversalDebit() {
        return totals.get(EntryType.REVERSAL).debited();
    }

    /**
     * Returns the debt recorded by reversals that could not claw back points already spent.
     *
     * @return minor units
     */
    public long debtRecorded() {
        return totals.get(EntryType.REVERSAL).debtDelta();
    }

    /**
     * Returns the points of new lots that went to settle debt.
     *
     * @return minor units
     */
    public long debtSettled() {
        return totals.get(EntryType.DEBT_SETTLEMENT).debited();
    }

    /**
     * Returns the points members received from other members.
     *
     * @return minor units
     */
    public long transferredIn() {
        return totals.get(EntryType.TRANSFER_IN).credited();
    }

    /**
     * Returns the points members sent to other members.
     *
     * @return minor units
     */
    public long transferredOut() {
        return totals.get(EntryType.TRANSFER_OUT).debited();
    }

    /**
     * Returns the points put on hold by reservations (which do not change a balance).
     *
     * @return minor units
     */
    public long reserved() {
        return totals.get(EntryType.RESERVE).heldDelta();
    }

    /**
     * Returns the points freed by releasing reservations.
     *
     * @return minor units
     */
    public long released() {
        return -totals.get(EntryType.RELEASE).heldDelta();
    }

    /**
     * Returns the change of the liability over the period: {@code closingLiability - openingLiability}.
     *
     * @return signed minor units
     */
    public long netChange() {
        return closingLiability - openingLiability;
    }

    /**
     * Returns the breakage rate: the points that expired in the period over the points earned in it.
     *
     * @return the ratio {@code expired / earned}
     */
    public Ratio breakageRate() {
        return Ratio.of(expired(), earned());
    }

    /**
     * Returns the redemption rate: the points redeemed in the period over the points earned in it.
     *
     * @return the ratio {@code redeemed / earned}
     */
    public Ratio redemptionRate() {
        return Ratio.of(redeemed(), earned());
    }
}
