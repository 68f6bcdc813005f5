/**
 * The durable change feed: what the ledger posted and which tiers members moved to, read from the
 * stores after a saved {@link io.github.loyaltyrules.feed.FeedPosition}, so that a separate process
 * (notifications, a CRM sync) on any server is given every change exactly once, across restarts.
 * Start with {@link io.github.loyaltyrules.feed.ChangeFeed}.
 */
package io.github.loyaltyrules.feed;
