/**
 * Implementation details of loyalty-core; not exported, not API.
 */
package io.github.loyaltyrules.ledger.internal;
