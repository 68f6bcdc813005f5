/**
 * The tier store service-provider interface: how a {@link io.github.loyaltyrules.tier.TierEngine}
 * reads and atomically replaces a member's versioned tier state, for implementors of durable stores.
 * Application code only needs {@link io.github.loyaltyrules.tier.spi.TierStore#inMemory()} (the
 * default) or a store module's factory.
 */
package io.github.loyaltyrules.tier.spi;
