package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.internal.FeedLog;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The default tier store: members' states in a sorted map, replaced under one lock. */
final class InMemoryTierStore implements TierStore {

    private final TreeMap<MemberId, TierState> states = new TreeMap<>();
    /** The change feed: each change a replacement added to a history, in the order they were stored. */
    private final FeedLog<TierChange> feed = new FeedLog<>();

    @Override
    public synchronized Optional<TierState> state(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return Optional.ofNullable(states.get(member));
    }

    @Override
    public synchronized List<MemberId> members(MemberId after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        List<MemberId> page = new ArrayList<>(Math.min(limit, states.size()));
        for (MemberId id : after == null ? states.keySet() : states.tailMap(after, false).keySet()) {
            if (page.size() == limit) {
                break;
            }
            page.add(id);
        }
        return page;
    }

    @Override
    public synchronized long count() {
        return states.size();
    }

    @Override
    public synchronized TierCommitResult replace(TierState next, TierActivity added) {
        Objects.requireNonNull(next, "tier state must not be null");
        TierState current = states.get(next.member());
        long currentVersion = current == null ? 0 : current.version();
        if (currentVersion != next.version() - 1) {
            return TierCommitResult.STALE;
        }
        states.put(next.member(), next);
        List<TierChange> history = next.history();
        for (int i = current == null ? 0 : current.history().size(); i < history.size(); i++) {
            feed.append(history.get(i));
        }
        return TierCommitResult.APPLIED;
    }

    /** {@inheritDoc} Positions are given in the order the changes were stored, under the store's lock. */
    @Override
    public List<Sequenced<TierChange>> changesAfter(long after, int limit) {
        return feed.after(after, limit, "tier changes");
    }

    @Override
    public synchronized boolean pseudonymise(MemberId from, MemberId to) {
        Objects.requireNonNull(from, "member must not be null");
        Objects.requireNonNull(to, "pseudonym must not be null");
        TierState state = states.get(from);
        if (state == null) {
            return false;
        }
        if (states.containsKey(to)) {
            throw new IllegalStateException("tier store holds a state under " + to + " already; a member is moved"
                    + " only to an unused id");
        }
        states.put(to, state.pseudonymised(to));
        states.remove(from);
        feed.replaceAll(c -> c.member().equals(from) ? new TierChange(to, c.from(), c.to(), c.at(), c.cause(),
                c.cause() == ChangeCause.STATUS_MATCH ? "erased" : c.reason()) : c);
        return true;
    }
}
