package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Points spent on a purchase, given back when part of it is returned: ties redemptions to purchases
 * (the tie is stored before the ledger posts the redemption, and withdrawn if the ledger refuses it),
 * computes what a return gives back by the purchase version's {@link RefundPolicy} per currency (stored
 * in the return's record, in the same commit as the purchase's next return state, so that it is
 * computed once), and posts it as a partial reversal of each redemption.
 *
 * <p>Arithmetic is exact and cumulative: after returns of value {@code r} of a purchase of value
 * {@code v}, {@code floor(spent * r / v)} has been given back in all, so a later return of the rest
 * gives back the rest, and a full return exactly what was spent.
 */
final class Refunds {

    private final ProgramContext context;

    Refunds(ProgramContext context) {
        this.context = context;
    }

    /**
     * Ties a redemption to a purchase of the member's and runs it: the tie is stored first (so a crash
     * before the posting leaves it for the retry), and withdrawn if the redemption is refused before
     * anything is posted. A retry under the same key and purchase runs it again (the ledger replays a
     * posted one); the same key with another purchase, or a key already posted untied, is a conflict.
     */
    Posting tied(MemberId member, IdempotencyKey purchase, IdempotencyKey key, Supplier<Posting> redemption) {
        ReceiptRecord bought = context.store.receipt(purchase).orElse(null);
        if (bought != null && (bought.kind() != ReceiptRecord.Kind.PURCHASE || !bought.member().equals(member))) {
            throw new UnknownPostingException("member " + member + " made no purchase with key '" + purchase
                    + "'; a redemption is tied to a purchase of the member's");
        }
        Optional<IdempotencyKey> first = context.store.tieRedemption(key, purchase);
        if (first.isPresent() && !first.get().equals(purchase)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for a redemption"
                    + " tied to another purchase; reuse a key only to retry the same request");
        }
        boolean tiedNow = first.isEmpty();
        if (tiedNow && context.ledger.posting(key).isPresent()) {
            context.store.untieRedemption(key, purchase);
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for a redemption"
                    + " tied to no purchase; reuse a key only to retry the same request");
        }
        try {
            return redemption.get();
        } catch (RuntimeException refused) {
            if (tiedNow) {
                try {
                    if (context.ledger.posting(key).isEmpty()) {
                        context.store.untieRedemption(key, purchase);
                    }
                } catch (RuntimeException alsoFailed) {
                    refused.addSuppressed(alsoFailed); // the tie stays for the retry, which reuses it
                }
            }
            throw refused;
        }
    }

    /**
     * Computes what a return gives back of each redemption tied to the purchase, from what earlier
     * returns returned ({@code before}) and this return's units: by the purchase version's refund
     * policy for the redemption's currency. Only redemptions the ledger posted for the purchase's
     * member, at or before the return, give anything back. Empty (and no store read) when the
     * purchase's version declares no refund policy.
     */
    Map<String, Long> given(ReceiptRecord bought, ReturnState before, Map<String, Long> units, Instant at) {
        ProgramVersion v = context.versions.get(bought.programVersion());
        if (v == null || v.redemptionRules().values().stream().allMatch(r -> r.refund() == RefundPolicy.NONE)) {
            return Map.of();
        }
        List<IdempotencyKey> tied = context.store.redemptionsFor(bought.key());
        if (tied.isEmpty()) {
            return Map.of();
        }
        Purchase purchase = (Purchase) bought.activity();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal was = BigDecimal.ZERO;
        BigDecimal now = BigDecimal.ZERO;
        long totalUnits = 0;
        long unitsWas = 0;
        long unitsNow = 0;
        for (BasketLine line : purchase.lines()) {
            long r0 = before.returnedUnits().getOrDefault(line.lineId(), 0L);
            long r1 = r0 + units.getOrDefault(line.lineId(), 0L);
            BigDecimal price = line.unitPrice().amount();
            total = total.add(price.multiply(BigDecimal.valueOf(line.quantity())));
            was = was.add(price.multiply(BigDecimal.valueOf(r0)));
            now = now.add(price.multiply(BigDecimal.valueOf(r1)));
            totalUnits += line.quantity();
            unitsWas += r0;
            unitsNow += r1;
        }
        if (total.signum() == 0) { // every line free: by units
            total = BigDecimal.valueOf(totalUnits);
            was = BigDecimal.valueOf(unitsWas);
            now = BigDecimal.valueOf(unitsNow);
        }
        boolean allBack = unitsNow == totalUnits;
        Map<String, Long> out = new TreeMap<>();
        for (IdempotencyKey k : tied) {
            Posting spent = context.ledger.posting(k).orElse(null);
            if (spent == null || spent.type() != PostingType.REDEEM || !spent.member().equals(bought.member())
                    || spent.at().isAfter(at)) {
                continue;
            }
            RedemptionRule rule = v.redemptionRules().get(spent.currency());
            long back = switch (rule == null ? RefundPolicy.NONE : rule.refund()) {
                case NONE -> 0;
                case PRO_RATA -> share(spent.amount(), now, total) - share(spent.amount(), was, total);
                case ON_FULL_RETURN -> allBack ? spent.amount() : 0;
            };
            if (back > 0) {
                out.put(k.value(), back);
            }
        }
        return out;
    }

    /** {@code floor(amount * part / whole)}, exactly; at most {@code amount} as {@code part <= whole}. */
    static long share(long amount, BigDecimal part, BigDecimal whole) {
        BigInteger scaled = part.multiply(BigDecimal.valueOf(amount)).divideToIntegralValue(whole).toBigInteger();
        return scaled.longValueExact();
    }

    /**
     * Posts what a stored return gives back, each as a partial reversal of its redemption under a key
     * derived from the return's ({@code key#refund-i}), so a retry posts nothing twice; returns the
     * postings in the record's order.
     */
    List<Posting> post(ReceiptRecord record, boolean retry) {
        List<Posting> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> e : record.refunds().entrySet()) {
            IdempotencyKey dk = ProgramContext.derived(record.key(), "refund-" + i++);
            Posting p = retry ? context.ledger.posting(dk).orElse(null) : null;
            if (p == null) {
                IdempotencyKey redemption = new IdempotencyKey(e.getKey());
                Posting spent = context.ledger.posting(redemption).orElseThrow(() -> new UnknownPostingException(
                        "redemption '" + redemption + "' tied to purchase '" + record.original() + "' is not in the"
                                + " ledger"));
                p = context.ledger.reverse(record.member(), redemption,
                        Points.of(context.ledger.currency(spent.currency()), e.getValue()), record.at(), dk,
                        "return " + record.key() + " gives back points spent on purchase " + record.original());
            }
            out.add(p);
        }
        return out;
    }
}
