package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.internal.CommitLoop;
import io.github.loyaltyrules.ledger.internal.ListenerFailures;
import io.github.loyaltyrules.tier.TierStateMachine.Transition;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a {@link TierEngine}'s changes reach its {@link TierStore} and its listener: the optimistic versioned
 * read-compute-store loop, written once for every kind of change; the delivery of a change's events once it
 * is stored; and the run over every stored member, page by page, that an assessment and a full member list are.
 */
final class TierCommits {

    /** The tier engine's commit loop: retries are not counted. */
    private static final CommitLoop LOOP = CommitLoop.quiet();

    private final TierStore store;
    private final TierListener listener;
    private final ListenerFailures<TierEvent> listenerFailures;

    TierCommits(TierStore store, TierListener listener, ListenerFailures<TierEvent> listenerFailures) {
        this.store = store;
        this.listener = listener;
        this.listenerFailures = listenerFailures;
    }

    /**
     * Changes a member's state: reads it, lets {@code attempt} compute the transition from it ({@code null}: the
     * member is not stored yet), and stores the next state only if the stored one is still the version read, else
     * reads again and recomputes. Delivers the transition's events once it is stored.
     *
     * @return the result of the transition that was stored or had nothing to store
     * @throws ConcurrentTierUpdateException if the state changed under {@value CommitLoop#MAX_ATTEMPTS} attempts
     *     in a row
     */
    <R> R update(MemberId member, Function<TierState, Transition<R>> attempt) {
        Transition<R> done = LOOP.run(member, () -> {
            Transition<R> t = attempt.apply(store.state(member).orElse(null));
            return t.next() == null || replaced(member, t) == TierCommitResult.APPLIED ? t : null;
        }, TierCommits::contended);
        deliver(done.events());
        return done.result();
    }

    private static ConcurrentTierUpdateException contended(MemberId member) {
        return new ConcurrentTierUpdateException("the tier state of member " + member + " changed under "
                + CommitLoop.MAX_ATTEMPTS + " attempts in a row; nothing was changed, retry the call with the same key");
    }

    /**
     * Stores a transition's next state. If the store fails, the write may still have landed with its
     * reply lost: when the member's stored state is now exactly the one written (same version, same
     * content), it did, and counts as applied, so that its events are delivered once; otherwise the
     * failure reaches the caller, whose retry finds the state as it is.
     */
    private TierCommitResult replaced(MemberId member, Transition<?> t) {
        try {
            return store.replace(t.next(), t.added(), t.nextEvent());
        } catch (RuntimeException failure) {
            return CommitLoop.landedAfter(failure,
                    () -> store.state(member).filter(t.next()::equals).isPresent() ? TierCommitResult.APPLIED : null);
        }
    }

    /**
     * Updates every stored member in id order, reading ids {@code batchSize} at a time, and reports progress after
     * each; adds the events to {@code collect} unless it is null.
     *
     * @return the number of events delivered
     */
    long updateAll(int batchSize, AssessmentProgress progress, List<TierEvent> collect,
            Function<TierState, Transition<List<TierEvent>>> attempt) {
        int total = (int) Math.min(Integer.MAX_VALUE, store.count());
        int[] done = {0};
        long[] events = {0};
        forEachMember(batchSize, id -> {
            List<TierEvent> out = update(id, attempt);
            events[0] += out.size();
            if (collect != null) {
                collect.addAll(out);
            }
            done[0]++;
            progress.progress(done[0], Math.max(done[0], total));
        });
        return events[0];
    }

    /** Hands every stored member's id to {@code each} in id order, reading ids {@code batchSize} at a time. */
    void forEachMember(int batchSize, Consumer<MemberId> each) {
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, batchSize);
            for (MemberId id : page) {
                each.accept(id);
            }
            if (page.size() < batchSize) {
                return;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** Delivers a stored change's events; a listener's failure goes to the failure handler and stops nothing. */
    private void deliver(List<TierEvent> events) {
        for (TierEvent e : events) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException failure) {
                listenerFailures.failed(e, failure);
            }
        }
    }
}
