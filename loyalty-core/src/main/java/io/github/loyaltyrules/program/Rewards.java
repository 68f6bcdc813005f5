package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import java.time.Instant;
import java.util.Optional;
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
    Posting redeemCounted(MemberId member, String rewardId, Instant at, IdempotencyKey key) {
        ProgramVersion v = context.version.get();
        Reward reward = v.rewards().get(rewardId);
        if (reward == null) {
            throw new RewardNotAvailableException("program version " + v.id() + " has no reward '"
                    + Inputs.shown(rewardId)
                    + "'; its rewards are " + v.rewards().keySet());
        }
        String reason = "reward " + reward.id() + ": " + reward.name();
        if (context.ledger.posting(key).isPresent()) {
            return context.ledger.redeem(member, reward.cost(), at, key, reason); // posted: the ledger replays it
        }
        Optional<ReceiptRecord> stored = context.store.receipt(key);
        if (stored.isPresent() && stored.get().kind() == ReceiptRecord.Kind.REWARD
                && stored.get().rewardId().equals(rewardId) && stored.get().member().equals(member)) {
            return postRedemption(member, reward, at, key, reason); // counted, not posted: complete it
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
        ReceiptRecord record = ReceiptRecord.reward(key, member, v.id(), at, rewardId);
        while (true) {
            MemberRecord state = context.memberRecord(member);
            int used = state.redeemed(rewardId);
            if (used >= reward.perMemberLimit()) {
                throw new RewardNotAvailableException("member " + member + " has redeemed reward " + rewardId + " "
                        + used + " times; the limit is " + reward.perMemberLimit());
            }
            CommitResult r = context.store.commit(new ProgramCommit(state.plusRedemption(rewardId, 1), record, null, null));
            if (r == CommitResult.APPLIED) {
                break;
            }
            if (r == CommitResult.DUPLICATE_KEY) {
                throw new IdempotencyConflictException("idempotency key '" + key + "' was already used for "
                        + context.store.receipt(key).map(ReceiptRecord::kind).orElse(null)
                        + "; a reward redemption needs a key of its own");
            }
        }
        return postRedemption(member, reward, at, key, reason);
    }

    /**
     * Posts a counted reward redemption. If the ledger refuses it (too few points), the count and the
     * record are withdrawn, so the refused redemption leaves no trace; a crash before the withdrawal
     * leaves them for the retry, which is refused the same way and withdraws them then.
     */
    Posting postRedemption(MemberId member, Reward reward, Instant at, IdempotencyKey key, String reason) {
        try {
            return context.ledger.redeem(member, reward.cost(), at, key, reason);
        } catch (LoyaltyException rejected) {
            while (context.store.receipt(key).isPresent()) { // the ledger changed nothing: neither does the program
                MemberRecord state = context.memberRecord(member);
                if (context.store.commit(new ProgramCommit(state.plusRedemption(reward.id(), -1), null, null, key))
                        == CommitResult.APPLIED) {
                    break;
                }
            }
            throw rejected;
        }
    }
}
