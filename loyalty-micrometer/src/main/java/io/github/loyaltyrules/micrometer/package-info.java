/**
 * {@link io.github.loyaltyrules.micrometer.MicrometerLedgerMetrics}: the ledger's counts and timings as
 * Micrometer meters.
 */
package io.github.loyaltyrules.micrometer;
