/**
 * Reports over the ledger, for a back office or a nightly job: what a period earned, redeemed,
 * expired and adjusted ({@link io.github.loyaltyrules.report.ActivityReport}), the outstanding
 * liability by expiry month ({@link io.github.loyaltyrules.report.LiabilityReport}), the breakage
 * and redemption rates as exact {@link io.github.loyaltyrules.report.Ratio}s, and a text or CSV
 * rendering of them ({@link io.github.loyaltyrules.report.ReportTable}).
 *
 * <p>Get them from {@link io.github.loyaltyrules.ledger.Ledger#activity} and
 * {@link io.github.loyaltyrules.ledger.Ledger#liability}. The store computes them
 * ({@link io.github.loyaltyrules.ledger.spi.LedgerStore#activity}): the in-memory store by walking
 * its members, the JDBC store in SQL. Every figure is a {@code long} of minor units or a count; no
 * figure is ever a {@code double}.
 */
package io.github.loyaltyrules.report;
