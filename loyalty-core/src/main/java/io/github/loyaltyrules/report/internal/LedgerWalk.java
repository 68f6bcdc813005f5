package io.github.loyaltyrules.report.internal;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.EntryTotals;
import io.github.loyaltyrules.report.LiabilityReport;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reports of a store that has no better way: a walk over every member (a page at a time), their
 * entries (a page at a time, newest first) and their open lots, through the {@link LedgerStore}
 * methods. Its cost grows with the whole history; a durable store computes the same figures in its
 * query language instead. Not API.
 *
 * @since 0.1.0
 */
public final class LedgerWalk {

    private static final int PAGE = 512;

    private LedgerWalk() {
    }

    /**
     * The activity of a period; see {@link LedgerStore#activity}. Exact if the store keeps every
     * entry dated at or after {@code from}.
     *
     * @param store the store
     * @param currency the currency
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @return the report
     */
    public static ActivityReport activity(LedgerStore store, PointCurrency currency, Instant from, Instant to) {
        String code = currency.code();
        long[][] sums = new long[EntryType.values().length][5];
        long[] figures = new long[5]; // opening, closing, enrolled, active, holding
        forEachBook(store, book -> {
            MemberId member = book.account().member();
            if (book.account().enrolledAt().isBefore(to)) {
                figures[2]++;
            }
            Purse purse = book.purses().get(code);
            if (purse == null) {
                return;
            }
            // from the balance now, take back what is dated at or after each bound
            long fromOn = 0;
            long toOn = 0;
            boolean active = false;
            // the entries the book has seen: one written since it was read is left out, like its effect
            long before = book.nextEntry();
            while (true) {
                List<Entry> page = store.entries(member, before, PAGE);
                for (Entry e : page) {
                    if (!e.currency().equals(code) || e.at().isBefore(from)) {
                        continue;
                    }
                    fromOn = Math.addExact(fromOn, e.amount());
                    if (!e.at().isBefore(to)) {
                        toOn = Math.addExact(toOn, e.amount());
                        continue;
                    }
                    add(sums[e.type().ordinal()], e);
                    active |= e.postingType() != PostingType.EXPIRY;
                }
                if (page.size() < PAGE) {
                    break;
                }
                before = page.get(page.size() - 1).sequence();
            }
            long closing = purse.balance() - toOn;
            figures[0] = Math.addExact(figures[0], purse.balance() - fromOn);
            figures[1] = Math.addExact(figures[1], closing);
            figures[3] += active ? 1 : 0;
            figures[4] += closing > 0 ? 1 : 0;
        });
        Map<EntryType, EntryTotals> totals = new EnumMap<>(EntryType.class);
        for (EntryType type : EntryType.values()) {
            long[] s = sums[type.ordinal()];
            totals.put(type, new EntryTotals(type, s[0], s[1], s[2], s[3], s[4]));
        }
        return new ActivityReport(currency, from, to, totals, figures[0], figures[1], figures[2], figures[3],
                figures[4]);
    }

    private static void add(long[] sums, Entry e) {
        sums[0]++;
        if (e.amount() > 0) {
            sums[1] = Math.addExact(sums[1], e.amount());
        } else {
            sums[2] = Math.subtractExact(sums[2], e.amount());
        }
        sums[3] = Math.addExact(sums[3], e.heldDelta());
        sums[4] = Math.addExact(sums[4], e.debtDelta());
    }

    /**
     * The liability as the books stand; see {@link LedgerStore#liability}. A held purse's lots dated
     * after its hold began are counted as {@link LiabilityReport#expiryHeld()}.
     *
     * @param store the store
     * @param currency the currency
     * @param asOf the instant to classify the lots at
     * @param zone the zone of the expiry months
     * @return the report
     */
    public static LiabilityReport liability(LedgerStore store, PointCurrency currency, Instant asOf, ZoneId zone) {
        String code = currency.code();
        long[] figures = new long[7]; // outstanding, pending, overdue, never, holders, debt, held
        TreeMap<YearMonth, Long> months = new TreeMap<>();
        forEachBook(store, book -> {
            Purse purse = book.purses().get(code);
            if (purse == null) {
                return;
            }
            figures[5] = Math.addExact(figures[5], purse.debt());
            boolean holds = false;
            Instant heldSince = purse.expiryHeldSince();
            for (Lot lot : purse.lotsRead() ? purse.lots() : store.openLots(book.account().member(), code)) {
                long r = lot.remaining();
                if (r == 0) {
                    continue;
                }
                holds = true;
                figures[0] = Math.addExact(figures[0], r);
                if (lot.availableAt().isAfter(asOf)) {
                    figures[1] += r;
                }
                if (lot.expiresAt() == null) {
                    figures[3] += r;
                } else if (heldSince != null && lot.expiresAt().isAfter(heldSince)) {
                    figures[6] += r; // no date counts while the hold lasts
                } else if (!lot.expiresAt().isAfter(asOf)) {
                    figures[2] += r;
                } else {
                    months.merge(YearMonth.from(lot.expiresAt().atZone(zone)), r, Math::addExact);
                }
            }
            figures[4] += holds ? 1 : 0;
        });
        return new LiabilityReport(currency, asOf, zone, figures[0], figures[1], figures[2], figures[3], figures[6],
                months, figures[4], figures[5]);
    }

    /** Calls {@code action} with the book of every enrolled member, in id order. */
    private static void forEachBook(LedgerStore store, Consumer<MemberBook> action) {
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, PAGE);
            for (MemberId member : page) {
                store.book(member).ifPresent(action);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1);
        }
    }
}
