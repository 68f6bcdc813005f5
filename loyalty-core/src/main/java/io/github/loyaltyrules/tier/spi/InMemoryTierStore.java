package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The default tier store: members' states in a sorted map, replaced under one lock. */
final class InMemoryTierStore implements TierStore {

    private final TreeMap<MemberId, TierState> states = new TreeMap<>();

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
        return TierCommitResult.APPLIED;
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
        return true;
    }
}
