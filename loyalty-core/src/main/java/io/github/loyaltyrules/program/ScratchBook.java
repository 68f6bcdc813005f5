package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One member's scratch ledger in a what-if replay: the lots the period's awards would have made under
 * a set of currency terms (expiry, inactivity, consumption order), what the member's redemptions take
 * of them, what returns claw back, and what expires, with the ledger's rules (a lot expires at its
 * expiry instant; a purse lapses at its inactivity deadline; spends take soonest-to-expire first, ties
 * oldest first, or oldest first; a return claws back the lot of the purchase it returns, and what that
 * lot no longer holds becomes debt, which later awards settle before they make a lot). Holds only the
 * open lots; a hold period is ignored, since it changes what is available when, not what is outstanding.
 */
final class ScratchBook {

    private final ZoneId zone;
    private final Function<String, PointCurrency> terms;
    private final Map<String, Purse> purses = new HashMap<>();

    ScratchBook(ZoneId zone, Function<String, PointCurrency> terms) {
        this.zone = zone;
        this.terms = terms;
    }

    /**
     * Credits {@code amount} earned at {@code at} under the key of the purchase or event, after expiring
     * what had expired by then; debt is settled from it first, the rest makes a lot.
     */
    void earn(String currency, long amount, Instant at, IdempotencyKey key) {
        if (amount <= 0) {
            return;
        }
        Purse p = purses.computeIfAbsent(currency, c -> new Purse(terms.apply(c)));
        p.expire(at, zone);
        p.issued = add(p.issued, amount, currency);
        long settled = Math.min(p.debt, amount);
        p.debt -= settled;
        if (amount > settled) {
            Instant expiresAt = p.currency == null ? null : p.currency.expiry().lotExpiry(at, zone).orElse(null);
            p.lots.add(new Lot(key, amount - settled, expiresAt));
        }
        p.touch(PostingType.EARN, at);
    }

    /** Takes up to {@code amount} for a redemption at {@code at}, after expiring what had expired by then. */
    void redeem(String currency, long amount, Instant at, PostingType type) {
        Purse p = purses.get(currency);
        if (p == null || amount <= 0) {
            return;
        }
        p.expire(at, zone);
        long left = amount;
        while (left > 0 && !p.lots.isEmpty()) {
            int i = p.next();
            Lot lot = p.lots.get(i);
            long take = Math.min(left, lot.left);
            lot.left -= take;
            left -= take;
            p.redeemed += take;
            if (lot.left == 0) {
                p.lots.remove(i);
            }
        }
        p.touch(type, at);
    }

    /**
     * Claws back {@code amount} of what the purchase of {@code original} earned, at {@code at}, after
     * expiring what had expired by then: from its lot as far as it holds, the rest as debt.
     */
    void clawBack(String currency, long amount, Instant at, IdempotencyKey original) {
        if (amount <= 0) {
            return;
        }
        Purse p = purses.computeIfAbsent(currency, c -> new Purse(terms.apply(c)));
        p.expire(at, zone);
        long left = amount;
        for (int i = p.lots.size() - 1; i >= 0 && left > 0; i--) {
            Lot lot = p.lots.get(i);
            if (lot.key.equals(original)) {
                long claw = Math.min(left, lot.left);
                lot.left -= claw;
                left -= claw;
                if (lot.left == 0) {
                    p.lots.remove(i);
                }
            }
        }
        p.returned = add(p.returned, amount, currency);
        p.debt += left; // at most what was returned, so within a long
        p.touch(PostingType.REVERSAL, at);
    }

    /** The figures per currency as of {@code end}, after expiring what had expired by then. */
    Map<String, ReplayLiability> close(Instant end) {
        Map<String, ReplayLiability> out = new TreeMap<>();
        for (Map.Entry<String, Purse> e : purses.entrySet()) {
            Purse p = e.getValue();
            p.expire(end, zone);
            out.put(e.getKey(), new ReplayLiability(p.issued, p.redeemed, p.expired, p.returned, p.debt));
        }
        return out;
    }

    private static long add(long a, long b, String currency) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new AmountOverflowException("the replay's points issued or returned in " + currency
                    + " add up to more than " + Long.MAX_VALUE + " minor units; replay a shorter period");
        }
    }

    /** An open lot: the key of the purchase or event that made it, what it holds, its expiry (null: never). */
    private static final class Lot {
        final IdempotencyKey key;
        final Instant expiry;
        long left;

        Lot(IdempotencyKey key, long left, Instant expiry) {
            this.key = key;
            this.left = left;
            this.expiry = expiry;
        }
    }

    /** One currency's open lots, in creation order, and its figures. */
    private static final class Purse {
        final PointCurrency currency;
        final List<Lot> lots = new ArrayList<>();
        Instant lastActivity;
        long issued;
        long redeemed;
        long expired;
        long returned;
        long debt;

        Purse(PointCurrency currency) {
            this.currency = currency;
        }

        /** Expires the lots whose expiry is not after {@code at}, or all of them past the inactivity deadline. */
        void expire(Instant at, ZoneId zone) {
            if (currency == null) {
                return;
            }
            Instant deadline = lastActivity == null ? null
                    : currency.expiry().inactivityDeadline(lastActivity, zone).orElse(null);
            boolean lapsed = deadline != null && !deadline.isAfter(at);
            for (int i = lots.size() - 1; i >= 0; i--) {
                Instant x = lots.get(i).expiry;
                if (lapsed || (x != null && !x.isAfter(at))) {
                    expired += lots.get(i).left;
                    lots.remove(i);
                }
            }
        }

        /** The index of the lot a spend takes next. */
        int next() {
            if (currency != null && currency.consumptionOrder() == ConsumptionOrder.OLDEST_FIRST) {
                return 0;
            }
            int best = 0;
            for (int i = 1; i < lots.size(); i++) {
                Instant x = lots.get(i).expiry;
                Instant b = lots.get(best).expiry;
                if (x != null && (b == null || x.isBefore(b))) {
                    best = i;
                }
            }
            return best;
        }

        void touch(PostingType type, Instant at) {
            if (currency != null && currency.activity().contains(type)
                    && (lastActivity == null || at.isAfter(lastActivity))) {
                lastActivity = at;
            }
        }
    }
}
