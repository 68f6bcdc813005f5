/**
 * Tier ladders: status levels (base, Silver, Gold, ...) that members reach through qualifying
 * activity in a window, keep with retention, grace and soft landing, and lose only when a window
 * closes.
 *
 * <p>{@link io.github.loyaltyrules.tier.TierLadder} states a program's rules and is validated when
 * built; {@link io.github.loyaltyrules.tier.TierEngine} records members' qualifying activity,
 * upgrades at once, assesses window closes idempotently, keeps each member's tier history and
 * answers progress queries. Every rejected call throws a
 * {@link io.github.loyaltyrules.tier.TierException} and changes nothing.
 */
package io.github.loyaltyrules.tier;
