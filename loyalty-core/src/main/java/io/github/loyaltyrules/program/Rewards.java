package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Redeems rewards from the running version's catalogue: counts a redemption against the member's
 * limit with its record in one store commit, then posts it, and withdraws the count if the ledger
 * refuses it.
 */
final class Rewards {

    private final ProgramContext context;

    Rewards(ProgramContext context) {
        this.context = context;
    }

    /**
     * Counts a reward redemption against the member's limit and stores its record in one commit (only
     * one server wins a member's context.version, so the limit holds across servers), then posts it to the
     * context.ledger. A redemption the ledger rejects (too few points) is withdrawn from the count. A failure
     * between the commit and the posting leaves the redemption counted: a retry with the same key finds
     * its record and posts it without counting it again.
     */
    Posting redeemCounted(MemberId member, String rewardId, long quantity, Instant at, IdempotencyKey key) {
        ProgramVersion v = context.version.get();
        Reward reward = v.rewards().get(rewardId);
        if (reward == null) {
            throw new RewardNotAvailableException("program version " + v.id() + " has no reward '"
                    + Inputs.shown(rewardId)
                    + "'; its rewards are " + v.rewards().keySet());
        }
        Points cost = reward.costOf(quantity);
        String reason = "reward " + reward.id() + ": " + reward.name() + (quantity == 1 ? "" : " x " + quantity);
        if (context.ledger.posting(key).isPresent()) {
            return context.ledger.redeem(member, cost, at, key, reason); // posted: the ledger replays it
        }
        Optional<ReceiptRecord> stored = context.store.receipt(key);
        if (stored.isPresent() && stored.get().kind() == ReceiptRecord.Kind.REWARD
                && stored.get().rewardId().equals(rewardId) && stored.get().member().equals(member)) {
            if (stored.get().quantity() != quantity) {
                throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for "
                        + stored.get().quantity() + " units of reward " + reward.id() + "; reuse a key only to retry"
                        + " the same request");
            }
            return postRedemption(member, reward, quantity, at, key, reason); // counted, not posted: complete it
        }
        if (at.isBefore(reward.availableFrom()) || !at.isBefore(reward.availableUntil())) {
            throw new RewardNotAvailableException("reward " + rewardId + " is available from " + reward.availableFrom()
                    + " until " + reward.availableUntil() + "; not at " + at);
        }
        Optional<String> tier = context.tiers.tierOf(member, at);
        if (!reward.tiers().isEmpty() && (tier.isEmpty() || !reward.tiers().contains(tier.get()))) {
            throw new RewardNotAvailableException("reward " + rewardId + " is for tiers " + reward.tiers()
                    + "; member " + member + " is in " + tier.orElse("no tier"));
        }
        ReceiptRecord record = ReceiptRecord.reward(key, member, v.id(), at, rewardId, quantity);
        Counts counts = Counts.of(reward, at.atZone(context.ledger.zone()).toLocalDate());
        checkMember(context.memberRecord(member), member, reward, counts, quantity); // before drawing on shared counts
        drawOverall(reward, counts, key, quantity);
        try {
            while (true) {
                MemberRecord state = context.memberRecord(member);
                checkMember(state, member, reward, counts, quantity);
                CommitResult r = context.store.commit(new ProgramCommit(
                        state.plusRedemption(rewardId, counts.memberPeriods, (int) quantity), record, null, null));
                if (r == CommitResult.APPLIED) {
                    break;
                }
                if (r == CommitResult.DUPLICATE_KEY) {
                    throw new IdempotencyConflictException("idempotency key '" + key + "' was already used for "
                            + context.store.receipt(key).map(ReceiptRecord::kind).orElse(null)
                            + "; a reward redemption needs a key of its own");
                }
            }
        } catch (RuntimeException refused) {
            releaseOverall(counts, key);
            throw refused;
        }
        return postRedemption(member, reward, quantity, at, key, reason);
    }

    /** The counts a redemption of a reward on a date goes to: per member by period, and overall. */
    private record Counts(List<UsageLimit> memberLimits, List<String> memberPeriods, List<UsageLimit> overallLimits,
            List<String> overallCounters) {

        static Counts of(Reward reward, LocalDate date) {
            List<UsageLimit> memberLimits = new ArrayList<>();
            List<String> memberPeriods = new ArrayList<>();
            List<UsageLimit> overallLimits = new ArrayList<>();
            List<String> overallCounters = new ArrayList<>();
            for (UsageLimit l : reward.usageLimits()) {
                if (l.scope() == UsageLimit.Scope.PER_MEMBER) {
                    memberLimits.add(l);
                    memberPeriods.add(l.countOn(date));
                } else {
                    overallLimits.add(l);
                    overallCounters.add("reward-uses/" + reward.id() + "/" + l.countOn(date));
                }
            }
            return new Counts(memberLimits, memberPeriods, overallLimits, overallCounters);
        }
    }

    private static void checkMember(MemberRecord state, MemberId member, Reward reward, Counts counts,
            long quantity) {
        int used = state.redeemed(reward.id());
        if (used + quantity > reward.perMemberLimit()) {
            throw new RewardNotAvailableException("member " + member + " has redeemed reward " + reward.id() + " "
                    + used + " times; the limit is " + reward.perMemberLimit()
                    + (quantity == 1 ? "" : ", too few for " + quantity + " more"));
        }
        for (int i = 0; i < counts.memberLimits.size(); i++) {
            UsageLimit l = counts.memberLimits.get(i);
            int inPeriod = state.redeemed(reward.id(), counts.memberPeriods.get(i));
            if (inPeriod + quantity > l.uses()) {
                throw new RewardNotAvailableException("member " + member + " has redeemed reward " + reward.id() + " "
                        + inPeriod + " times in the " + l.period() + " from " + periodDate(counts.memberPeriods.get(i))
                        + "; the limit is " + l + (quantity == 1 ? "" : ", too few for " + quantity + " more"));
            }
        }
    }

    /** The first day of the period a count name ends with. */
    private static LocalDate periodDate(String count) {
        return LocalDate.parse(count.substring(count.lastIndexOf(' ') + 1));
    }

    /** Draws one use of each overall count under the key (a retry draws the same use again), or none. */
    private void drawOverall(Reward reward, Counts counts, IdempotencyKey key, long quantity) {
        for (int i = 0; i < counts.overallLimits.size(); i++) {
            UsageLimit l = counts.overallLimits.get(i);
            String counter = counts.overallCounters.get(i);
            if (context.quotas.draw(request(key), counter, quantity, l.uses()) < quantity) {
                releaseOverall(counts, key);
                throw new RewardNotAvailableException("reward " + reward.id() + " was redeemed "
                        + context.quotas.used(counter) + " times by all members"
                        + (l.period() == null ? "" : " in the " + l.period() + " from "
                        + periodDate(counts.overallCounters.get(i)))
                        + "; the limit is " + l + (quantity == 1 ? "" : ", too few for " + quantity + " more"));
            }
        }
    }

    /** The request a redemption draws under: its key, apart from the draws of rules under other keys. */
    private static String request(IdempotencyKey key) {
        return "reward:" + key.value();
    }

    private void releaseOverall(Counts counts, IdempotencyKey key) {
        if (!counts.overallLimits.isEmpty()) {
            context.quotas.settle(request(key), Set.of());
        }
    }

    /**
     * Posts a counted reward redemption. If the ledger refuses it (too few points), the count and the
     * record are withdrawn, so the refused redemption leaves no trace; a crash before the withdrawal
     * leaves them for the retry, which is refused the same way and withdraws them then.
     */
    Posting postRedemption(MemberId member, Reward reward, long quantity, Instant at, IdempotencyKey key,
            String reason) {
        try {
            return context.ledger.redeem(member, reward.costOf(quantity), at, key, reason);
        } catch (LoyaltyException rejected) {
            Counts counts = Counts.of(reward, at.atZone(context.ledger.zone()).toLocalDate());
            while (context.store.receipt(key).isPresent()) { // the ledger changed nothing: neither does the program
                MemberRecord state = context.memberRecord(member);
                if (context.store.commit(new ProgramCommit(
                        state.plusRedemption(reward.id(), counts.memberPeriods, (int) -quantity), null, null, key))
                        == CommitResult.APPLIED) {
                    break;
                }
            }
            releaseOverall(counts, key);
            throw rejected;
        }
    }
}
