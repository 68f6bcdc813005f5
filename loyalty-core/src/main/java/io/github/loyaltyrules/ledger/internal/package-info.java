/**
 * Implementation details of loyalty-core, not API: exported to loyalty-rules only, which shows
 * caller input in its messages with {@link io.github.loyaltyrules.ledger.internal.Inputs}.
 */
package io.github.loyaltyrules.ledger.internal;
