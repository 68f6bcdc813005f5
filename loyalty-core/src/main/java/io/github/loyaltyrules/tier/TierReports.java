package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.TierMovement;
import io.github.loyaltyrules.report.TierReport;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tier report of a {@link TierEngine} ({@link TierEngine#report}): what the store counts by
 * itself ({@link TierStore#tally}), plus the members it could not place, each read and counted from
 * its state as {@link TierStateMachine#tierAt} tells; or, for a store that counts nothing, every
 * member read a page at a time.
 */
final class TierReports {

    private TierReports() {
    }

    static TierReport report(TierStore store, TierStateMachine machine, TierLadder ladder, Instant from, Instant to,
            int page) {
        List<Tier> tiers = ladder.tiers();
        long[] members = new long[tiers.size()];
        long[][] moves = new long[tiers.size()][tiers.size()];
        Optional<TierTally> tally = store.tally(from, to, tiers.get(0).name());
        if (tally.isPresent()) {
            TierTally t = tally.get();
            for (Map.Entry<String, Long> e : t.members().entrySet()) {
                members[index(ladder, e.getKey())] += e.getValue();
            }
            for (TierTally.Move m : t.moves()) {
                moves[index(ladder, m.from())][index(ladder, m.to())] += m.changes();
            }
            for (MemberId m : t.forecast()) {
                count(store, machine, ladder, m, from, to, members, null);
            }
            for (MemberId m : t.untallied()) {
                count(store, machine, ladder, m, from, to, members, moves);
            }
        } else {
            for (MemberId after = null; ; ) {
                List<MemberId> ids = store.members(after, page);
                for (MemberId m : ids) {
                    count(store, machine, ladder, m, from, to, members, moves);
                }
                if (ids.size() < page) {
                    break;
                }
                after = ids.get(ids.size() - 1);
            }
        }
        Map<String, Long> distribution = new LinkedHashMap<>();
        List<TierMovement> movements = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            distribution.put(tiers.get(i).name(), members[i]);
            for (int j = 0; j < tiers.size(); j++) {
                if (moves[i][j] > 0) {
                    movements.add(new TierMovement(tiers.get(i).name(), tiers.get(j).name(), j > i, moves[i][j]));
                }
            }
        }
        return new TierReport(from, to, distribution, movements);
    }

    /** Counts one member's tier at {@code to} and, unless {@code moves} is null, its changes in the period. */
    private static void count(TierStore store, TierStateMachine machine, TierLadder ladder, MemberId member,
            Instant from, Instant to, long[] members, long[][] moves) {
        TierState state = store.state(member).orElse(null);
        if (state == null) {
            return; // erased in between
        }
        members[ladder.indexOf(machine.tierAt(state, to).name())]++;
        if (moves != null) {
            for (TierChange c : state.history()) {
                if (!c.at().isBefore(from) && c.at().isBefore(to)) {
                    moves[ladder.indexOf(c.from())][ladder.indexOf(c.to())]++;
                }
            }
        }
    }

    /** The ladder position of a tier a store named. */
    private static int index(TierLadder ladder, String tier) {
        int i = ladder.indexOf(tier);
        if (i < 0) {
            throw new UnknownTierException("the tier store counted members of tier " + tier
                    + ", which the ladder does not have; tiers: " + ladder.tiers().stream().map(Tier::name).toList());
        }
        return i;
    }
}
