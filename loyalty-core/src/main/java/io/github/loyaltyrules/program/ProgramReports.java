package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The program's report of a period ({@link LoyaltyProgram#activity}): one walk over the period's
 * records in time order, a page at a time from the store, adding them up per store.
 */
final class ProgramReports {

    private static final int PAGE = 500;

    private final ProgramContext context;

    ProgramReports(ProgramContext context) {
        this.context = context;
    }

    /** One store's running sums. */
    private static final class Store {
        long purchases;
        final Set<MemberId> members = new HashSet<>();
        final SortedMap<String, BigDecimal> spend = new TreeMap<>();
        final SortedMap<String, Long> earned = new TreeMap<>();
        long returns;
        final SortedMap<String, Long> returned = new TreeMap<>();
    }

    ProgramActivity activity(Instant from, Instant to) {
        long enrolled = enrolled(from, to); // first: the ledger checks the bounds
        Set<MemberId> active = new HashSet<>();
        Set<MemberId> participating = new HashSet<>();
        long[] counts = new long[4]; // purchases, events, returns, rewards
        SortedMap<String, BigDecimal> spend = new TreeMap<>();
        SortedMap<String, Long> earned = new TreeMap<>();
        Map<String, Store> stores = new TreeMap<>();
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> page = context.store.recordsByTime(from, to, after, PAGE);
            for (ReceiptRecord r : page) {
                active.add(r.member());
                switch (r.kind()) {
                    case PURCHASE -> {
                        counts[0]++;
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
                    case EVENT -> {
                        counts[1]++;
                        add(earned, r.awards());
                    }
                    case RETURN -> {
                        counts[2]++;
                        // the return counts at the store of the purchase it returns
                        String store = context.store.receipt(r.original()).map(o -> ((Purchase) o.activity()).store())
                                .orElse("");
                        Store s = stores.computeIfAbsent(store, k -> new Store());
                        s.returns++;
                        add(s.returned, r.awards());
                    }
                    case REWARD -> counts[3]++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        List<StoreActivity> perStore = new ArrayList<>(stores.size());
        for (Map.Entry<String, Store> e : stores.entrySet()) {
            Store s = e.getValue();
            perStore.add(new StoreActivity(e.getKey(), s.purchases, s.members.size(), s.spend, s.earned, s.returns,
                    s.returned));
        }
        return new ProgramActivity(from, to, enrolled, active.size(), participating.size(), counts[0],
                counts[1], counts[2], counts[3], spend, earned, perStore);
    }

    /** Members enrolled before {@code to}, as the ledger's store counts them for its own report. */
    private long enrolled(Instant from, Instant to) {
        PointCurrency any = context.ledger.currencies().values().iterator().next();
        return context.ledger.activity(any, from, to).enrolledMembers();
    }

    private static void add(SortedMap<String, Long> sums, List<Award> awards) {
        for (Award a : awards) {
            sums.merge(a.currency(), a.amount(), (x, y) -> {
                long sum = x + y;
                if (((x ^ sum) & (y ^ sum)) < 0) {
                    throw new AmountOverflowException("points awarded in " + a.currency() + " add up to more than "
                            + Long.MAX_VALUE + " minor units; report a shorter period");
                }
                return sum;
            });
        }
    }
}
