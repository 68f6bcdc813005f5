/**
 * How a store that has no better way computes the reports: by walking its members, entries and
 * open lots through the {@link io.github.loyaltyrules.ledger.spi.LedgerStore} methods. Not API.
 */
package io.github.loyaltyrules.report.internal;
