package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.time.Period;
import java.util.Objects;

/**
 * The terms by which a currency's points turn into vouchers on a schedule, as in "every 500 points
 * become a 5.00 EUR voucher, valid for 3 months; the rest is carried to the next run":
 * {@code VoucherConversion.of(Points.of(pts, 500), Money.of("5.00", "EUR")).validFor(Period.ofMonths(3))}.
 * A {@link ProgramVersion} holds at most one per currency; {@link LoyaltyProgram#convertToVouchers} runs it.
 *
 * @param currency the point currency converted
 * @param every how many points make one voucher, in minor units; positive
 * @param value what one voucher is worth; positive
 * @param validity how long a voucher is valid after it is issued; null if it never expires
 *
 * @since 0.1.0
 */
public record VoucherConversion(PointCurrency currency, long every, Money value, Period validity) {

    /**
     * Validates the terms.
     *
     * @param currency the point currency
     * @param every points per voucher in minor units; positive
     * @param value the value of a voucher; positive
     * @param validity how long a voucher is valid, or null for always; positive, in days or months and years
     * @throws NullPointerException if {@code currency} or {@code value} is null
     * @throws InvalidAmountException if {@code every} or the value is not positive
     * @throws InvalidRequestException if the validity is not positive
     */
    public VoucherConversion {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(value, "voucher value must not be null");
        if (every <= 0) {
            throw new InvalidAmountException("points per voucher of " + currency.code() + " must be positive; got "
                    + every + " minor units");
        }
        if (value.amount().signum() <= 0) {
            throw new InvalidAmountException("voucher value must be positive; got " + value);
        }
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new InvalidRequestException("voucher validity must be positive; got " + validity);
        }
    }

    /**
     * Returns terms by which every {@code every} points become a voucher worth {@code value}, valid for ever.
     *
     * @param every the points per voucher; positive
     * @param value the value of a voucher; positive
     * @return the terms
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if an amount is not positive
     */
    public static VoucherConversion of(Points every, Money value) {
        Objects.requireNonNull(every, "points per voucher must not be null");
        return new VoucherConversion(every.currency(), every.minorUnits(), value, null);
    }

    /**
     * Returns a copy whose vouchers are valid for {@code period} after they are issued.
     *
     * @param period the validity; positive
     * @return the copy
     * @throws NullPointerException if {@code period} is null
     * @throws InvalidRequestException if the period is not positive
     */
    public VoucherConversion validFor(Period period) {
        return new VoucherConversion(currency, every, value, Objects.requireNonNull(period, "validity must not be null"));
    }

    /**
     * Returns the points per voucher.
     *
     * @return the points
     */
    public Points everyPoints() {
        return Points.of(currency, every);
    }

    /**
     * Describes the terms, e.g. {@code "every 500 PTS become a voucher of 5.00 EUR valid P3M"}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "every " + everyPoints() + " become a voucher of " + value + (validity == null ? "" : " valid " + validity);
    }
}
