package io.github.loyaltyrules.feed;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The durable change feed: the postings a ledger store committed and the tier changes a tier store
 * stored, read a page at a time after a {@link FeedPosition}, for a separate process that sends
 * notifications or keeps a CRM in step. A reader saves the position of the last change it handled
 * ({@link Change#position()}) and resumes after it, in the same process or another, on any server:
 * it is given every committed change exactly once, never one that was rolled back, and never one
 * twice, however many servers post at once (each store gives its values positions in an order no
 * later commit can fall behind; see {@link LedgerStore#postingsAfter} and {@link TierStore#changesAfter}).
 *
 * <pre>{@code
 * ChangeFeed feed = ChangeFeed.of(ledgerStore, tierStore);
 * FeedPosition at = FeedPosition.parse(saved);          // FeedPosition.START the first time
 * ChangePage page = feed.changesAfter(at, 500);
 * for (Change change : page.changes()) {
 *     notify(change);
 *     save(change.position().text());
 * }
 * }</pre>
 *
 * <p>Each store's values come in their position order; the feed interleaves the two by business
 * time. The feed holds no state: any number of readers, each with its own position, can share it.
 * Saving the position in the same transaction as the effect of a change makes the effect happen
 * exactly once; saving it after the effect, at least once.
 *
 * @since 0.1.0
 */
public final class ChangeFeed {

    /** The largest page a reader may ask for. */
    public static final int MAX_PAGE = 10_000;

    private final LedgerStore ledger;
    private final TierStore tiers;

    private ChangeFeed(LedgerStore ledger, TierStore tiers) {
        this.ledger = ledger;
        this.tiers = tiers;
    }

    /**
     * Returns the feed of a ledger store's postings.
     *
     * @param ledger the ledger store, whose {@link LedgerStore#postingsAfter} it reads
     * @return the feed
     * @throws NullPointerException if {@code ledger} is null
     */
    public static ChangeFeed of(LedgerStore ledger) {
        return new ChangeFeed(Objects.requireNonNull(ledger, "ledger store must not be null"), null);
    }

    /**
     * Returns the feed of a ledger store's postings and a tier store's tier changes.
     *
     * @param ledger the ledger store, whose {@link LedgerStore#postingsAfter} it reads
     * @param tiers the tier store, whose {@link TierStore#changesAfter} it reads
     * @return the feed
     * @throws NullPointerException if an argument is null
     */
    public static ChangeFeed of(LedgerStore ledger, TierStore tiers) {
        return new ChangeFeed(Objects.requireNonNull(ledger, "ledger store must not be null"),
                Objects.requireNonNull(tiers, "tier store must not be null"));
    }

    /**
     * Returns the next changes after a position: at most {@code limit}, every posting and tier
     * change after the position's parts in their stores' order. A page shorter than {@code limit}
     * means the reader has caught up for now; ask again later from {@link ChangePage#next()}.
     *
     * @param after the position of the last change handled; {@link FeedPosition#START} for the first read
     * @param limit the most changes to return; 1 to {@value #MAX_PAGE}
     * @return the page
     * @throws InvalidRequestException if {@code after} is null or {@code limit} is out of range
     * @throws io.github.loyaltyrules.ledger.OutsideWindowException if a store no longer keeps the
     *     changes after the position (the in-memory ledger store forgets history before its horizon)
     */
    public ChangePage changesAfter(FeedPosition after, int limit) {
        if (after == null) {
            throw new InvalidRequestException("feed position must not be null; use FeedPosition.START for the first read");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("feed page size must be 1 to " + MAX_PAGE + "; got " + limit);
        }
        List<Sequenced<Posting>> postings = ledger.postingsAfter(after.postings(), limit);
        List<Sequenced<TierChange>> changes = tiers == null ? List.of() : tiers.changesAfter(after.tierChanges(), limit);
        List<Change> page = new ArrayList<>(Math.min(limit, postings.size() + changes.size()));
        long p = after.postings();
        long t = after.tierChanges();
        int i = 0;
        int j = 0;
        while (page.size() < limit && (i < postings.size() || j < changes.size())) {
            boolean posting = j == changes.size() || i < postings.size()
                    && !postings.get(i).value().at().isAfter(changes.get(j).value().at());
            if (posting) {
                Sequenced<Posting> s = postings.get(i++);
                p = s.position();
                page.add(PostingChange.of(new FeedPosition(p, t), s.value()));
            } else {
                Sequenced<TierChange> s = changes.get(j++);
                t = s.position();
                page.add(TierMoved.of(new FeedPosition(p, t), s.value()));
            }
        }
        return new ChangePage(page, new FeedPosition(p, t));
    }
}
