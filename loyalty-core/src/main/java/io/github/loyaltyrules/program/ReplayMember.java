package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierEngine;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's running state in a replay: the counts and sums, the scratch books under the live
 * terms (fed what was awarded) and the candidate's (fed what it awards), and the member's
 * redemptions of the period, applied to both books in time order between the awards.
 */
final class ReplayMember {

    final MemberId member;
    final List<Entry> redemptions;
    final ScratchBook live;
    final ScratchBook would;
    /** The candidate's tiers, and what its ladder's metrics count; null if the program has none. */
    final TierEngine tiers;
    final TierActivity tierActivity;
    /** How many returns of the period name each purchase, until they are replayed. */
    final Map<IdempotencyKey, Integer> returnsDue;
    /** The period's purchases under the candidate that returns still to come name. */
    final Map<IdempotencyKey, Bought> bought = new HashMap<>();
    final Map<String, Long> awarded = new HashMap<>();
    final Map<String, Long> wouldAward = new HashMap<>();
    long activities;
    int nextRedemption;

    ReplayMember(MemberId member, List<Entry> redemptions, ScratchBook live, ScratchBook would, TierEngine tiers,
            Map<IdempotencyKey, Integer> returnsDue) {
        this.member = member;
        this.tiers = tiers;
        this.tierActivity = tiers == null ? null : new TierActivity(tiers);
        this.redemptions = redemptions;
        this.live = live;
        this.would = would;
        this.returnsDue = returnsDue;
    }

    /** Records a purchase's, event's or return's qualifying activity before the period as it was recorded. */
    void asRecorded(ReceiptRecord r) {
        if (tiers == null || r.kind() == ReceiptRecord.Kind.REWARD) {
            return;
        }
        if (r.kind() == ReceiptRecord.Kind.RETURN) {
            TierActivity.takeBack(tiers, r);
        } else {
            qualify(r, r.awards());
        }
    }

    /** Applies the redemptions before {@code at} (an earn and a redemption at one instant: the earn first). */
    void redeemBefore(Instant at) {
        while (nextRedemption < redemptions.size()
                && (at == null || redemptions.get(nextRedemption).at().isBefore(at))) {
            Entry e = redemptions.get(nextRedemption++);
            PostingType type = e.type() == EntryType.CAPTURE ? PostingType.CAPTURE : PostingType.REDEEM;
            live.redeem(e.currency(), -e.amount(), e.at(), type);
            would.redeem(e.currency(), -e.amount(), e.at(), type);
        }
    }

    /** Records the qualifying activity of a purchase or event with these awards in the scratch tier engine. */
    void qualify(ReceiptRecord r, List<Award> awards) {
        if (tiers == null) {
            return;
        }
        Purchase purchase = r.activity() instanceof Purchase p ? p : null;
        for (Map.Entry<Metric, Long> q : tierActivity.qualified(purchase, AwardTotals.totalsByCurrency(awards)).entrySet()) {
            tiers.record(member, q.getKey(), q.getValue(), r.at(), TierActivity.tierKey(r.key(), q.getKey()));
        }
    }

    MemberReplay finish(Instant to, ReplayTierMove tier) {
        redeemBefore(null);
        return new MemberReplay(member, activities, awarded, wouldAward, live.close(to), would.close(to), tier);
    }

    /** A purchase of the period under the candidate, and what its returns replayed so far took of it. */
    static final class Bought {
        final ReceiptRecord record;
        ReturnState returned;
        int due;

        Bought(ReceiptRecord record, int due) {
            this.record = record;
            this.returned = ReturnState.none(record.key());
            this.due = due;
        }
    }
}
