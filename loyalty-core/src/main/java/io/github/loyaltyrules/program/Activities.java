package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records purchases and events: evaluates them, stores the record (with the member's purchase count)
 * before the ledger posts it, posts the awards under keys derived from the caller's key, records the
 * qualifying activity in the tier engine, completes a stored record on a retry, and withdraws a record
 * whose points the ledger refuses.
 */
final class Activities {

    private final ProgramContext context;
    private final KeyClaims claims;
    private final TierActivity tierActivity;
    private final ChallengeSteps challenges;

    Activities(ProgramContext context, KeyClaims claims, TierActivity tierActivity, ChallengeSteps challenges) {
        this.context = context;
        this.challenges = challenges;
        this.claims = claims;
        this.tierActivity = tierActivity;
    }

    Receipt record(MemberId member, Activity activity, Instant at, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(at, "at must not be null");
        ProgramContext.checkKey(key);
        KeyClaims.Request fingerprint = new KeyClaims.Request("activity", activity, member, at);
        Object lock = context.lock(member);
        synchronized (lock) {
            boolean claimedNow = claims.claim(key, KeyClaims.ACTIVITY); // as claims.claimed(...) does, without a lambda per purchase
            try {
                return record(member, activity, at, key, fingerprint);
            } catch (RuntimeException e) {
                if (claimedNow) {
                    context.store.withdrawKey(key, KeyClaims.ACTIVITY);
                }
                throw e;
            }
        }
    }

    /**
     * Evaluates and stores the record of a purchase or event, then posts it. The record (with the
     * member's purchase count) is stored first, in one commit that only one server wins; the ledger
     * postings and tier activity follow under keys derived from the caller's key. A failure between
     * the two leaves the record stored: a retry with the same key finds it and completes the postings
     * exactly as recorded, without evaluating (or drawing caps and budgets) again.
     */
    Receipt record(MemberId member, Activity activity, Instant at, IdempotencyKey key, KeyClaims.Request fingerprint) {
        Account account = context.ledger.account(member);
        while (true) {
            ReceiptRecord earlier = claims.replayable(key, fingerprint);
            if (earlier != null) {
                return complete(earlier);
            }
            Optional<Posting> direct = context.ledger.posting(key);
            if (direct.isPresent()) {
                throw new IdempotencyConflictException("idempotency key '" + key + "' was already used for a "
                        + direct.get().type() + " posting in the context.ledger; a purchase or event needs a key of its own");
            }
            if (account.status() != AccountStatus.ACTIVE) {
                throw new AccountStatusException("account of member " + member + " is " + account.status()
                        + "; purchases and events need an ACTIVE account");
            }
            ProgramVersion v = context.version.get();
            MemberRecord state = context.memberRecord(member);
            MemberProfile profile = context.profile(member, state, at);
            RuleContext rules = new RuleContext(profile, activity, at.atZone(context.ledger.zone()), key, v.id());
            Evaluation evaluation;
            try {
                evaluation = v.engine().evaluate(rules);
            } catch (LoyaltyException refused) { // e.g. an award beyond a long: refused for good, draws go back
                v.engine().abandoned(key);
                throw refused;
            }
            List<Award> awards = evaluation.awards();
            ReceiptRecord record;
            ProgramCommit commit;
            try {
                for (int i = 0; i < awards.size(); i++) { // every currency is checked before anything is stored
                    context.ledger.currency(awards.get(i).currency());
                }
                if (awards.size() > 1) {
                    AwardTotals.checkTotals(key, awards);
                }
                if (context.tierEngine != null && activity instanceof Purchase bought) {
                    tierActivity.checkSpend(bought);
                }
                if (activity instanceof Purchase purchase) {
                    record = ReceiptRecord.purchase(key, v.id(), at, purchase, profile, awards);
                    commit = new ProgramCommit(state.plusPurchase(), record, null, null);
                } else {
                    record = ReceiptRecord.event(key, member, v.id(), at, (MemberEvent) activity, awards);
                    commit = new ProgramCommit(null, record, null, null);
                }
            } catch (RuntimeException refused) { // refused for good: what the evaluation drew goes back
                v.engine().abandoned(key);
                throw refused;
            }
            // A store failure here (even a lost reply after the record committed) keeps the draws: they
            // are keyed by the request, so the retry either finds the record or evaluates to the same draws.
            if (context.store.commit(commit) == CommitResult.APPLIED) {
                return post(record, false);
            }
            // another server stored this member or this key first: read again
        }
    }

    /** Completes a stored purchase or event: posts what is not posted yet, and returns its receipt. */
    Receipt complete(ReceiptRecord record) {
        return post(record, true);
    }

    /**
     * Posts a purchase's or event's awards, one posting per currency in order of first award, and
     * records its qualifying activity; with {@code retry}, postings already in the ledger are taken as
     * they are.
     */
    Receipt post(ReceiptRecord record, boolean retry) {
        List<Award> awards = record.awards();
        IdempotencyKey key = record.key();
        MemberId member = record.member();
        // totals per currency in order of first award, in arrays: a program awards one or two currencies
        String[] codes = new String[awards.size()];
        long[] sums = new long[awards.size()];
        int currencies = 0;
        for (int i = 0; i < awards.size(); i++) { // indexed: no iterator per purchase
            Award a = awards.get(i);
            int c = 0;
            while (c < currencies && !codes[c].equals(a.currency())) {
                c++;
            }
            if (c == currencies) {
                codes[currencies++] = a.currency();
            }
            sums[c] = Math.addExact(sums[c], a.amount());
        }
        List<Posting> postings;
        try {
            postings = postAwards(record, retry, codes, sums, currencies);
        } catch (LoyaltyException refused) { // the ledger changed nothing: neither does the program
            withdraw(record);
            throw refused;
        }
        if (context.tierEngine != null) {
            Purchase purchase = record.kind() == ReceiptRecord.Kind.PURCHASE ? (Purchase) record.activity() : null;
            Map<Metric, Long> qualified = tierActivity.qualified(purchase, AwardTotals.totals(codes, sums, currencies));
            for (Map.Entry<Metric, Long> q : qualified.entrySet()) {
                context.tierEngine.record(member, q.getKey(), q.getValue(), record.at(), TierActivity.tierKey(key, q.getKey()));
            }
        }
        if (record.kind() == ReceiptRecord.Kind.PURCHASE) {
            challenges.purchased(record, retry);
        }
        return new Receipt(key, member, record.programVersion(), record.at(), awards, postings, false);
    }

    /** Posts a recorded purchase's or event's totals per currency: one linked batch, or one posting. */
    List<Posting> postAwards(ReceiptRecord record, boolean retry, String[] codes, long[] sums,
            int currencies) {
        List<Award> awards = record.awards();
        IdempotencyKey key = record.key();
        MemberId member = record.member();
        String type = record.activity().type();
        List<Posting> postings = currencies == 1 ? null : new ArrayList<>(currencies);
        Posting only = null;
        int oneByOne = currencies;
        if (currencies > 1) {
            // several currencies: one linked batch, so a purchase is never half awarded
            List<PostingRequest> batch = new ArrayList<>(currencies);
            int found = 0;
            for (int c = 0; c < currencies; c++) {
                IdempotencyKey dk = ProgramContext.derived(key, codes[c]);
                if (retry && context.ledger.posting(dk).isPresent()) {
                    found++;
                }
                batch.add(new PostingRequest.Earn(member, Points.of(context.ledger.currency(codes[c]), sums[c]), record.at(), dk,
                        AwardTotals.description(type, key, awards, codes[c])));
            }
            if (found == 0 || found == currencies) {
                postings.addAll(context.ledger.post(batch));
                oneByOne = 0;
            }
            // else a part was posted one by one before batches existed: the loop completes the rest
        }
        for (int c = 0; c < oneByOne; c++) {
            IdempotencyKey dk = ProgramContext.derived(key, codes[c]);
            Posting p = retry ? context.ledger.posting(dk).orElse(null) : null;
            if (p == null) {
                p = context.ledger.earn(member, Points.of(context.ledger.currency(codes[c]), sums[c]), record.at(), dk,
                        AwardTotals.description(type, key, awards, codes[c]));
            }
            if (postings == null) {
                only = p;
            } else {
                postings.add(p);
            }
        }
        return postings == null ? List.of(only) : postings;
    }

    /**
     * Withdraws a recorded purchase or event whose points the ledger refused (e.g. the balance would
     * overflow): its record and its count go, and its engine releases what its evaluation drew, so the
     * refused request leaves no trace. A crash before this completes leaves the record: the retry posts
     * it, is refused the same way, and withdraws it then.
     */
    void withdraw(ReceiptRecord record) {
        for (String currency : AwardTotals.totalsByCurrency(record.awards()).keySet()) {
            if (context.ledger.posting(ProgramContext.derived(record.key(), currency)).isPresent()) {
                return; // a part posted one by one before batches existed: the record stays for a retry
            }
        }
        while (true) {
            MemberRecord state = record.kind() == ReceiptRecord.Kind.PURCHASE
                    ? context.memberRecord(record.member()).minusPurchase() : null;
            if (context.store.receipt(record.key()).isEmpty()
                    || context.store.commit(new ProgramCommit(state, null, null, record.key())) == CommitResult.APPLIED) {
                break;
            }
        }
        ProgramVersion v = context.versions.get(record.programVersion());
        if (v != null) {
            v.engine().abandoned(record.key());
        }
    }
}
