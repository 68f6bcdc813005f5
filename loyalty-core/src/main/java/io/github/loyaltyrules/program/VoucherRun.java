package io.github.loyaltyrules.program;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * What a voucher conversion run did: when it ran, how many members it looked at, how many vouchers
 * it handed to the caller (those of members converted by an earlier attempt of the same run again),
 * and the points converted per currency code.
 *
 * @param at the business time of the run
 * @param runDate the run's date in the ledger's zone: one conversion per member, currency and date
 * @param membersScanned the members looked at
 * @param vouchers the vouchers handed to the caller
 * @param converted the points converted per currency code, in minor units
 *
 * @since 0.1.0
 */
public record VoucherRun(Instant at, LocalDate runDate, long membersScanned, long vouchers,
        Map<String, Long> converted) {

    /**
     * Validates the summary and copies the map.
     *
     * @throws NullPointerException if a component is null
     */
    public VoucherRun {
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(runDate, "run date must not be null");
        converted = Map.copyOf(converted);
    }
}
