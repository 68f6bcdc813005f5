package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.report.StoreActivity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The running sums of {@link ProgramStore#activity}, added up one record at a time by a store that
 * walks its records: counts per kind, the distinct active and participating members, spend per money
 * currency, points awarded per point currency, and the same per store (a return counting at the
 * store of the purchase it returns, read through {@code originals}).
 */
final class ActivityTally {

    /** One store's running sums. */
    private static final class Store {
        long purchases;
        final Set<MemberId> members = new HashSet<>();
        final SortedMap<String, BigDecimal> spend = new TreeMap<>();
        final SortedMap<String, Long> earned = new TreeMap<>();
        long returns;
        final SortedMap<String, Long> returned = new TreeMap<>();
    }

    private final Function<IdempotencyKey, Optional<ReceiptRecord>> originals;
    private final Set<MemberId> active = new HashSet<>();
    private final Set<MemberId> participating = new HashSet<>();
    private final long[] counts = new long[ReceiptRecord.Kind.values().length];
    private final SortedMap<String, BigDecimal> spend = new TreeMap<>();
    private final SortedMap<String, Long> earned = new TreeMap<>();
    private final Map<String, Store> stores = new TreeMap<>();

    /**
     * @param originals finds a return's original purchase by its key; a return whose purchase it does
     *        not find counts at the store {@code ""}
     */
    ActivityTally(Function<IdempotencyKey, Optional<ReceiptRecord>> originals) {
        this.originals = originals;
    }

    /** Adds one record of the period. */
    void add(ReceiptRecord r) {
        active.add(r.member());
        counts[r.kind().ordinal()]++;
        switch (r.kind()) {
            case PURCHASE -> {
                participating.add(r.member());
                Purchase p = (Purchase) r.activity();
                Store s = stores.computeIfAbsent(p.store(), k -> new Store());
                s.purchases++;
                s.members.add(r.member());
                String money = p.total().currency().getCurrencyCode();
                spend.merge(money, p.total().amount(), BigDecimal::add);
                s.spend.merge(money, p.total().amount(), BigDecimal::add);
                add(earned, r.awards());
                add(s.earned, r.awards());
            }
            case EVENT -> add(earned, r.awards());
            case RETURN -> {
                String store = originals.apply(r.original())
                        .filter(o -> o.kind() == ReceiptRecord.Kind.PURCHASE)
                        .map(o -> ((Purchase) o.activity()).store()).orElse("");
                Store s = stores.computeIfAbsent(store, k -> new Store());
                s.returns++;
                add(s.returned, r.awards());
            }
            case REWARD -> {
                // counted above; a redemption awards nothing
            }
        }
    }

    /** The report of the records added, with no members enrolled (the ledger counts those). */
    ProgramActivity report(Instant from, Instant to) {
        List<StoreActivity> perStore = new ArrayList<>(stores.size());
        for (Map.Entry<String, Store> e : stores.entrySet()) {
            Store s = e.getValue();
            perStore.add(new StoreActivity(e.getKey(), s.purchases, s.members.size(), s.spend, s.earned, s.returns,
                    s.returned));
        }
        return new ProgramActivity(from, to, 0, active.size(), participating.size(),
                counts[ReceiptRecord.Kind.PURCHASE.ordinal()], counts[ReceiptRecord.Kind.EVENT.ordinal()],
                counts[ReceiptRecord.Kind.RETURN.ordinal()], counts[ReceiptRecord.Kind.REWARD.ordinal()], spend, earned,
                perStore);
    }

    private static void add(SortedMap<String, Long> sums, List<Award> awards) {
        for (Award a : awards) {
            sums.merge(a.currency(), a.amount(), (x, y) -> plus(a.currency(), x, y));
        }
    }

    /**
     * Adds points of one currency, refusing a sum beyond {@code long}.
     *
     * @throws AmountOverflowException if the sum overflows
     */
    static long plus(String currency, long x, long y) {
        long sum = x + y;
        if (((x ^ sum) & (y ^ sum)) < 0) {
            throw overflow(currency);
        }
        return sum;
    }

    /** The exception of points of a period that add up to more than a {@code long}. */
    static AmountOverflowException overflow(String currency) {
        return new AmountOverflowException("points awarded in " + currency + " add up to more than "
                + Long.MAX_VALUE + " minor units; report a shorter period");
    }

    /** Checks a report period as {@link ProgramStore#activity} requires it. */
    static void period(Instant from, Instant to) {
        java.util.Objects.requireNonNull(from, "from must not be null");
        java.util.Objects.requireNonNull(to, "to must not be null");
        if (!from.isBefore(to)) {
            throw new io.github.loyaltyrules.ledger.InvalidRequestException(
                    "a report period must end after it starts; got from " + from + " to " + to);
        }
    }
}
