/**
 * Engagement: challenges members complete for a reward. A {@link io.github.loyaltyrules.engagement.Challenge}
 * is a goal over a calendar window (a count of purchases, a spend, a number of items, distinct stores, or
 * a streak: a purchase in each of so many consecutive days, weeks or months, {@link
 * io.github.loyaltyrules.engagement.StreakPeriod}),
 * met once per window or repeatedly, with a declared policy for returns that undo qualifying purchases.
 * A program counts each member's progress per challenge and window as the purchases are recorded,
 * exactly once per purchase key, and reports it ("3 of 5"). The counters live in a
 * {@link io.github.loyaltyrules.engagement.spi.ChallengeStore}.
 */
package io.github.loyaltyrules.engagement;
