package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Period;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A point currency of a program and its terms: code, display name, decimal places, expiry policy,
 * the hold period before earned points become available, and the order spends take lots in.
 *
 * <p>A program may run several currencies side by side, e.g. redeemable {@code PTS} with 0
 * decimal places, a cash-back wallet {@code CASH} with 2, and non-redeemable tier-qualifying
 * {@code TQP}. Amounts in a currency are whole numbers of minor units: with 2 decimal places,
 * 12.50 is 1250 minor units.
 *
 * <p>Instances are immutable; {@code withX} methods return changed copies.
 *
 * @since 0.1.0
 */
public final class PointCurrency {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");
    private static final Set<PostingType> DEFAULT_ACTIVITY =
            Collections.unmodifiableSet(EnumSet.of(PostingType.EARN, PostingType.REDEEM, PostingType.CAPTURE));

    /** Most decimal places a currency may have. */
    public static final int MAX_DECIMAL_PLACES = 4;

    private final String code;
    private final String displayName;
    private final int decimalPlaces;
    private final ExpiryPolicy expiry;
    private final Period hold;
    private final Set<PostingType> activity;
    private final ConsumptionOrder order;

    private PointCurrency(String code, String displayName, int decimalPlaces, ExpiryPolicy expiry, Period hold,
            Set<PostingType> activity, ConsumptionOrder order) {
        this.code = code;
        this.displayName = displayName;
        this.decimalPlaces = decimalPlaces;
        this.expiry = expiry;
        this.hold = hold;
        this.activity = activity;
        this.order = order;
    }

    /**
     * Returns a currency whose points never expire and are available at once.
     *
     * @param code 1 to 16 characters: an upper-case letter, then upper-case letters, digits or {@code _}
     * @param displayName the name shown to members, e.g. "Stars"
     * @param decimalPlaces 0 for whole points, up to {@value #MAX_DECIMAL_PLACES}
     * @return the currency
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the code or name is malformed or the decimal places are out of range
     */
    public static PointCurrency of(String code, String displayName, int decimalPlaces) {
        Checks.notNull(code, "currency code");
        if (!CODE.matcher(code).matches()) {
            throw new InvalidRequestException("currency code must be 1 to 16 characters: an upper-case letter, "
                    + "then upper-case letters, digits or '_'; got '" + Inputs.shown(code) + "'");
        }
        Checks.identifier(displayName, "currency display name", 64);
        if (decimalPlaces < 0 || decimalPlaces > MAX_DECIMAL_PLACES) {
            throw new InvalidRequestException("decimal places of currency " + code + " must be between 0 and "
                    + MAX_DECIMAL_PLACES + "; got " + decimalPlaces);
        }
        return new PointCurrency(code, displayName, decimalPlaces, ExpiryPolicy.never(), Period.ZERO,
                DEFAULT_ACTIVITY, ConsumptionOrder.SOONEST_EXPIRY_FIRST);
    }

    /**
     * Returns a copy with the given expiry policy.
     *
     * @param policy the expiry policy
     * @return the changed copy
     * @throws NullPointerException if {@code policy} is null
     */
    public PointCurrency withExpiry(ExpiryPolicy policy) {
        return new PointCurrency(code, displayName, decimalPlaces, Checks.notNull(policy, "expiry policy"), hold,
                activity, order);
    }

    /**
     * Returns a copy in which earned points are pending for {@code hold} (e.g. a 30-day return
     * window) before they become available. Reversals may claw back pending points.
     *
     * @param hold the hold period; zero for none, at most 1200 years
     * @return the changed copy
     * @throws NullPointerException if {@code hold} is null
     * @throws InvalidRequestException if the period has a negative unit or is longer than 1200 years
     */
    public PointCurrency withHold(Period hold) {
        Checks.notNull(hold, "hold period");
        if (hold.isNegative()) {
            throw new InvalidRequestException("hold period of currency " + code + " must not be negative; got " + hold);
        }
        if (Inputs.tooLong(hold)) {
            throw new InvalidRequestException("hold period of currency " + code + " must be at most "
                    + Inputs.MAX_PERIOD_YEARS + " years; got " + hold);
        }
        return new PointCurrency(code, displayName, decimalPlaces, expiry, hold, activity, order);
    }

    /**
     * Returns a copy in which the given posting types count as activity for inactivity expiry.
     * The default is earn, redeem and capture.
     *
     * @param types the posting types that reset the inactivity clock; at least one
     * @return the changed copy
     * @throws NullPointerException if {@code types} or an element is null
     * @throws InvalidRequestException if {@code types} is empty or contains {@link PostingType#EXPIRY}
     */
    public PointCurrency withActivity(Set<PostingType> types) {
        Checks.notNull(types, "activity posting types");
        if (types.isEmpty() || types.contains(PostingType.EXPIRY)) {
            throw new InvalidRequestException("activity of currency " + code
                    + " must name at least one posting type and not EXPIRY; got " + types);
        }
        for (PostingType t : types) {
            Checks.notNull(t, "activity posting type");
        }
        return new PointCurrency(code, displayName, decimalPlaces, expiry, hold,
                Collections.unmodifiableSet(EnumSet.copyOf(types)), order);
    }

    /**
     * Returns a copy whose spends take lots in the given order. The default is
     * {@link ConsumptionOrder#SOONEST_EXPIRY_FIRST}; the order applies to every open lot of the
     * currency, those earned before the change included.
     *
     * @param order the consumption order
     * @return the changed copy
     * @throws NullPointerException if {@code order} is null
     */
    public PointCurrency withConsumptionOrder(ConsumptionOrder order) {
        return new PointCurrency(code, displayName, decimalPlaces, expiry, hold, activity,
                Checks.notNull(order, "consumption order"));
    }

    /**
     * Returns the code, e.g. {@code "PTS"}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Returns the name shown to members.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns the number of decimal places of amounts in this currency.
     *
     * @return 0 to {@value #MAX_DECIMAL_PLACES}
     */
    public int decimalPlaces() {
        return decimalPlaces;
    }

    /**
     * Returns the expiry policy.
     *
     * @return the expiry policy
     */
    public ExpiryPolicy expiry() {
        return expiry;
    }

    /**
     * Returns how long earned points stay pending before they become available.
     *
     * @return the hold period, {@link Period#ZERO} for none
     */
    public Period hold() {
        return hold;
    }

    /**
     * Returns the posting types that count as activity for inactivity expiry.
     *
     * @return an unmodifiable set
     */
    public Set<PostingType> activity() {
        return activity;
    }

    /**
     * Returns the order in which spends take the currency's lots.
     *
     * @return the consumption order; {@link ConsumptionOrder#SOONEST_EXPIRY_FIRST} unless set
     */
    public ConsumptionOrder consumptionOrder() {
        return order;
    }

    /**
     * Returns an amount in this currency.
     *
     * @param minorUnits the amount in minor units; zero or more
     * @return the amount
     * @throws InvalidAmountException if {@code minorUnits} is negative
     */
    public Points points(long minorUnits) {
        return Points.of(this, minorUnits);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PointCurrency)) {
            return false;
        }
        PointCurrency that = (PointCurrency) o;
        return decimalPlaces == that.decimalPlaces && code.equals(that.code) && displayName.equals(that.displayName)
                && expiry.equals(that.expiry) && hold.equals(that.hold) && activity.equals(that.activity) && order == that.order;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, displayName, decimalPlaces, expiry, hold, activity, order);
    }

    /**
     * Returns the code.
     *
     * @return the code
     */
    @Override
    public String toString() {
        return code;
    }
}
