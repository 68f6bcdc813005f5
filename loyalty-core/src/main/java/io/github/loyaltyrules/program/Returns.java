package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.tier.TierEngine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records returns of part of a purchase: checks them against the purchase and what earlier returns
 * took, computes the claw-back per award (line shares of the returned units, and basket-level bonuses
 * the kept basket no longer earns), stores the record with the purchase's next return state before the
 * ledger posts the claw-backs, and tells the purchase's engine what was clawed back.
 */
final class Returns {

    private final ProgramContext context;
    private final KeyClaims claims;
    private final TierActivity tierActivity;
    private final Refunds refunds;
    private final ChallengeSteps challenges;

    Returns(ProgramContext context, KeyClaims claims, TierActivity tierActivity, ChallengeSteps challenges) {
        this.context = context;
        this.challenges = challenges;
        this.claims = claims;
        this.tierActivity = tierActivity;
        this.refunds = new Refunds(context);
    }

    /**
     * Computes a return from what earlier returns took and stores it first: the return's record and the
     * purchase's next return state in one commit, which fails if another return (on any server) stored
     * the state first; then it is computed again from the new state. Only then are the claw-backs posted
     * to the ledger and the tier engine, under keys derived from the return's key, so a failure between
     * the two is completed by a retry with the same key, and no unit is returned twice.
     */
    Receipt returnPurchase(MemberId member, IdempotencyKey original, Map<String, Long> units, Instant at,
            IdempotencyKey key, KeyClaims.Request fingerprint) {
        while (true) {
            ReceiptRecord earlier = claims.replayable(key, fingerprint);
            if (earlier != null) {
                Receipt receipt = postReturn(earlier, true);
                returned(null, earlier); // again: a crash may have come before the caps and budgets were given back
                return receipt;
            }
            ReceiptRecord bought = context.store.receipt(original).orElse(null);
            if (bought == null || bought.kind() != ReceiptRecord.Kind.PURCHASE || !bought.member().equals(member)) {
                throw new UnknownPostingException("member " + member + " made no purchase with key '" + original
                        + "'; a return names the key of the member's purchase");
            }
            ReturnState returned = context.store.returns(original).orElseGet(() -> ReturnState.none(original));
            long[] take = new long[bought.awards().size()];
            ReceiptRecord record = computeReturn(member, original, units, at, key, bought, returned, take);
            Map<String, Long> given = refunds.given(bought, returned, units, at);
            if (!given.isEmpty()) {
                record = record.withRefunds(given);
            }
            ReturnState next = returned.plus(units, take, record.tierReturns());
            if (context.store.commit(new ProgramCommit(null, record, next, null)) == CommitResult.APPLIED) {
                Receipt receipt = postReturn(record, false);
                returned(bought, record);
                return receipt;
            }
            // another return of this purchase, or a request with this key, was stored first: read again
        }
    }

    /** Checks a return against the purchase and what was returned, and computes its record; fills {@code take}. */
    ReceiptRecord computeReturn(MemberId member, IdempotencyKey original, Map<String, Long> units, Instant at,
            IdempotencyKey key, ReceiptRecord bought, ReturnState returned, long[] take) {
        if (units.isEmpty()) {
            throw new InvalidRequestException("a return must name at least one basket line of purchase '" + original
                    + "'");
        }
        if (at.isBefore(bought.at())) { // what the ledger would refuse is refused before anything is stored
            throw new InvalidReversalException("return at " + at + " precedes purchase '" + original + "' at "
                    + bought.at() + "; a return is dated at or after its purchase");
        }
        if (!context.versions.containsKey(bought.programVersion())) {
            throw new InvalidRequestException("purchase '" + original + "' was computed by program version "
                    + bought.programVersion() + ", which this program has not installed; a return is evaluated under"
                    + " the purchase's version, so install every version on every server that shares the store");
        }
        AccountStatus status = context.ledger.account(member).status();
        if (status == AccountStatus.CLOSED) {
            throw new AccountStatusException("account of member " + member + " is CLOSED; a return claws back from"
                    + " an open account");
        }
        Purchase purchase = (Purchase) bought.activity();
        Map<String, BasketLine> lines = new HashMap<>();
        for (BasketLine line : purchase.lines()) {
            lines.put(line.lineId(), line);
        }
        for (Map.Entry<String, Long> u : units.entrySet()) {
            BasketLine line = lines.get(Objects.requireNonNull(u.getKey(), "line id must not be null"));
            if (line == null) {
                throw new InvalidRequestException("purchase '" + original + "' has no line '" + u.getKey()
                        + "'; its lines are " + new java.util.TreeSet<>(lines.keySet()));
            }
            long n = Objects.requireNonNull(u.getValue(), "unit count must not be null");
            if (n <= 0) {
                throw new InvalidAmountException("units returned of line " + u.getKey() + " must be positive; got " + n);
            }
            long left = line.quantity() - returned.returnedUnits().getOrDefault(u.getKey(), 0L);
            if (n > left) {
                throw new InvalidReversalException("line " + u.getKey() + " of purchase '" + original + "' has " + left
                        + " of " + line.quantity() + " units left to return; cannot return " + n);
            }
        }
        return clawBack(context.versions.get(bought.programVersion()), tierActivity, key, units, at, bought, returned,
                take);
    }

    /**
     * The return's record under a version (the purchase's, or a replay's candidate) from the purchase's
     * record under it and what earlier returns took, without checks: the claw-back per award (line shares
     * of the returned units, and bonuses the kept basket no longer earns under {@code v}) and the
     * qualifying activity it takes back per metric of {@code tiers}' ladder; fills {@code take}. Draws
     * nothing (the kept basket is evaluated again with {@link io.github.loyaltyrules.rule.RuleEngine#reevaluate}).
     */
    ReceiptRecord clawBack(ProgramVersion v, TierActivity tiers, IdempotencyKey key, Map<String, Long> units,
            Instant at, ReceiptRecord bought, ReturnState returned, long[] take) {
        Purchase purchase = (Purchase) bought.activity();
        Map<String, BasketLine> lines = new HashMap<>();
        for (BasketLine line : purchase.lines()) {
            lines.put(line.lineId(), line);
        }
        List<Award> awards = bought.awards();
        List<Award> clawed = new ArrayList<>();
        for (int i = 0; i < awards.size(); i++) {
            Award award = awards.get(i);
            Map<String, Long> shares = award.lineShares().isEmpty()
                    ? byLineAmount(award.amount(), purchase) : award.lineShares();
            long left = award.amount() - returned.clawed(i);
            Map<String, Long> taken = new LinkedHashMap<>();
            long sum = 0;
            for (Map.Entry<String, Long> u : units.entrySet()) {
                long share = shares.getOrDefault(u.getKey(), 0L);
                long before = returned.returnedUnits().getOrDefault(u.getKey(), 0L);
                long part = Math.min(left - sum,
                        Shares.ofUnits(share, before, before + u.getValue(), lines.get(u.getKey()).quantity()));
                if (part > 0) {
                    taken.put(u.getKey(), part);
                    sum += part;
                }
            }
            take[i] = sum;
            if (sum > 0) {
                clawed.add(new Award(award.ruleId(), award.ruleName(), award.currency(), sum, taken,
                        award.explanation()));
            }
        }
        List<BasketLine> kept = new ArrayList<>();
        boolean allReturned = true;
        for (BasketLine line : purchase.lines()) {
            long keep = line.quantity() - returned.returnedUnits().getOrDefault(line.lineId(), 0L)
                    - units.getOrDefault(line.lineId(), 0L);
            if (keep > 0) {
                allReturned = false;
                kept.add(keep == line.quantity() ? line : keptPart(line, keep));
            }
        }
        if (!kept.isEmpty()) {
            clawed.addAll(lostBonuses(v, bought, returned, take, kept));
        }
        Map<String, Long> tierReturns = tiers == null ? Map.of()
                : tiers.unqualified(bought, returned, AwardTotals.totalsByCurrency(clawed), units, allReturned);
        return ReceiptRecord.ofReturn(key, bought.member(), bought.programVersion(), at, bought.key(), units, clawed,
                tierReturns);
    }

    /** Posts a stored return's claw-backs and takes back its qualifying activity; returns its receipt. */
    Receipt postReturn(ReceiptRecord record, boolean retry) {
        MemberId member = record.member();
        IdempotencyKey key = record.key();
        IdempotencyKey original = record.original();
        List<Posting> givenBack = refunds.post(record, retry); // first: what it gives back spares the claw-back debt
        List<Posting> postings = new ArrayList<>();
        for (Map.Entry<String, Long> t : AwardTotals.totalsByCurrency(record.awards()).entrySet()) {
            IdempotencyKey dk = ProgramContext.derived(key, t.getKey());
            Posting p = retry ? context.ledger.posting(dk).orElse(null) : null;
            postings.add(p != null ? p : context.ledger.reverse(member, ProgramContext.derived(original, t.getKey()),
                    Points.of(context.ledger.currency(t.getKey()), t.getValue()), record.at(), dk,
                    "return " + key + " of purchase " + original));
        }
        if (context.tierEngine != null) {
            TierActivity.takeBack(context.tierEngine, record);
        }
        postings.addAll(givenBack);
        challenges.returned(record, retry);
        return new Receipt(key, member, record.programVersion(), record.at(), record.awards(), postings, true);
    }

    /**
     * Tells the purchase's engine what a posted return clawed back, under the return's key, so that it
     * gives back the caps and budgets the returned part drew (once per return key, however often this
     * is called for it).
     */
    void returned(ReceiptRecord purchase, ReceiptRecord returnRecord) {
        ReceiptRecord bought = purchase != null ? purchase : context.store.receipt(returnRecord.original()).orElse(null);
        ProgramVersion v = bought == null ? null : context.versions.get(bought.programVersion());
        if (v != null) {
            returned(v, bought, returnRecord);
        }
    }

    /** Tells a version's engine (the purchase's, or a replay's candidate) what a return of the purchase clawed back. */
    void returned(ProgramVersion v, ReceiptRecord bought, ReceiptRecord returnRecord) {
        if (returnRecord.awards().isEmpty()) {
            return;
        }
        v.engine().returned(new RuleContext(bought.profile(), bought.activity(), bought.at().atZone(context.ledger.zone()),
                bought.key(), v.id()), returnRecord.key(), new Evaluation(returnRecord.awards()));
    }

    /** The kept units of a line, with their part of its tax, rounded down. */
    private static BasketLine keptPart(BasketLine line, long keep) {
        BasketLine kept = BasketLine.of(line.lineId(), line.sku(), line.category(), keep, line.unitPrice());
        return line.tax().isZero() ? kept : kept.withTax(part(line.tax(), keep, line.quantity()));
    }

    /** {@code m * k / n}, rounded down to the currency's minor unit. */
    private static Money part(Money m, long k, long n) {
        return Money.of(m.amount().multiply(java.math.BigDecimal.valueOf(k))
                .divide(java.math.BigDecimal.valueOf(n), m.amount().scale(), java.math.RoundingMode.FLOOR), m.currency());
    }

    /**
     * The purchase as kept after a return: the same store, channel, tenders, codes and counters (a return
     * of some lines leaves the nights of a stay as they were); each line discount
     * in proportion to the units of its line kept, and as order discount what the kept units had of it:
     * each kept line's share of the order discounts (as {@link Purchase#baseAmounts} shared them out) in
     * proportion to its units kept. Parts of a unit are rounded down, so a fully kept line keeps exactly
     * its discounts and its net amount.
     */
    static Purchase keptPurchase(Purchase purchase, List<BasketLine> keptLines) {
        if (purchase.discounts().isEmpty()) {
            return new Purchase(keptLines, purchase.store(), purchase.channel(), purchase.tenders(),
                    purchase.codes(), List.of(), purchase.counters());
        }
        Map<String, BasketLine> now = new HashMap<>();
        for (BasketLine line : keptLines) {
            now.put(line.lineId(), line);
        }
        java.util.Currency currency = keptLines.get(0).unitPrice().currency();
        Map<String, Money> lineOff = new HashMap<>();
        List<io.github.loyaltyrules.rule.Discount> discounts = new ArrayList<>();
        for (io.github.loyaltyrules.rule.Discount d : purchase.discounts()) {
            if (!d.orderLevel()) {
                lineOff.merge(d.lineId(), d.amount(), Money::plus);
            }
        }
        List<Money> net = purchase.baseAmounts(io.github.loyaltyrules.rule.EarningBase.NET);
        Money orderOff = Money.zero(currency);
        for (int i = 0; i < purchase.lines().size(); i++) {
            BasketLine was = purchase.lines().get(i);
            BasketLine kept = now.get(was.lineId());
            if (kept == null) {
                continue;
            }
            Money off = lineOff.getOrDefault(was.lineId(), Money.zero(currency));
            Money keptOff = part(off, kept.quantity(), was.quantity());
            if (!keptOff.isZero()) {
                discounts.add(io.github.loyaltyrules.rule.Discount.line(was.lineId(), keptOff));
            }
            Money share = was.amount().minus(off).minus(net.get(i)); // its share of the order discounts
            orderOff = orderOff.plus(part(share, kept.quantity(), was.quantity()));
        }
        if (!orderOff.isZero()) {
            discounts.add(io.github.loyaltyrules.rule.Discount.order(orderOff));
        }
        return new Purchase(keptLines, purchase.store(), purchase.channel(), purchase.tenders(), purchase.codes(),
                discounts, purchase.counters());
    }

    /**
     * Evaluates the kept basket again under the purchase's version and returns claw-back lines for what
     * the purchase keeps after line shares of each rule and currency the kept basket no longer earns at
     * all; adds them to {@code take}.
     */
    List<Award> lostBonuses(ProgramVersion v, ReceiptRecord bought, ReturnState returned, long[] take,
            List<BasketLine> keptLines) {
        List<Award> awards = bought.awards();
        if (v == null || awards.isEmpty()) {
            return List.of();
        }
        Purchase purchase = (Purchase) bought.activity();
        Purchase kept = keptPurchase(purchase, keptLines);
        Evaluation again = v.engine().reevaluate(new RuleContext(bought.profile(), kept,
                bought.at().atZone(context.ledger.zone()), bought.key(), v.id()));
        Map<String, Long> earns = new HashMap<>();
        for (Award a : again.awards()) {
            earns.merge(a.ruleId() + '\u0000' + a.currency(), a.amount(), Math::addExact);
        }
        Map<String, Long> keeps = new LinkedHashMap<>();
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            keeps.merge(a.ruleId() + '\u0000' + a.currency(), a.amount() - returned.clawed(i) - take[i], Long::sum);
        }
        List<Award> out = new ArrayList<>();
        for (Map.Entry<String, Long> k : keeps.entrySet()) {
            long extra = k.getValue();
            if (extra <= 0 || earns.containsKey(k.getKey())) {
                continue;
            }
            Award first = null;
            long need = extra;
            for (int i = 0; i < awards.size() && need > 0; i++) {
                Award a = awards.get(i);
                if (!k.getKey().equals(a.ruleId() + '\u0000' + a.currency())) {
                    continue;
                }
                first = first == null ? a : first;
                long t = Math.min(need, a.amount() - returned.clawed(i) - take[i]);
                take[i] += t;
                need -= t;
            }
            out.add(new Award(first.ruleId(), first.ruleName() + ": the kept basket no longer qualifies",
                    first.currency(), extra, Map.of(), new Explanation("kept basket " + kept.total() + " earns nothing"
                            + " under version " + v.id() + "; " + extra + " kept after line shares", "", "", "", "")));
        }
        return out;
    }

    /** Shares an award without line shares out by line amount, largest remainder first, exactly. */
    static Map<String, Long> byLineAmount(long amount, Purchase purchase) {
        java.math.BigDecimal total = purchase.total().amount();
        Map<String, Long> shares = new LinkedHashMap<>();
        if (total.signum() == 0) {
            shares.put(purchase.lines().get(0).lineId(), amount);
            return shares;
        }
        long given = 0;
        List<Object[]> remainders = new ArrayList<>();
        for (BasketLine line : purchase.lines()) {
            java.math.BigDecimal exact = line.amount().amount().multiply(java.math.BigDecimal.valueOf(amount));
            java.math.BigDecimal[] qr = exact.divideAndRemainder(total);
            long floor = qr[0].longValueExact();
            shares.put(line.lineId(), floor);
            given += floor;
            remainders.add(new Object[] {line.lineId(), qr[1]});
        }
        remainders.sort((a, b) -> ((java.math.BigDecimal) b[1]).compareTo((java.math.BigDecimal) a[1]));
        for (int i = 0; given < amount; i++, given++) {
            shares.merge((String) remainders.get(i % remainders.size())[0], 1L, Long::sum);
        }
        return shares;
    }
}
