package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.EntryTotals;
import io.github.loyaltyrules.report.LiabilityReport;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reports computed the slow, obvious way, independently of the stores' code: from each member's
 * whole statement ({@link Ledger#statement}) and lots ({@link Ledger#lots}), summing from zero.
 * Needs a ledger that still keeps every entry.
 */
public final class ReportOracle {

    private ReportOracle() {
    }

    /** Every enrolled member, in id order. */
    public static List<MemberId> members(Ledger ledger) {
        List<MemberId> all = new ArrayList<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = ledger.members(after, 100);
            all.addAll(page);
            if (page.size() < 100) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** The activity of {@code [from, to)}, from the statements. */
    public static ActivityReport activity(Ledger ledger, PointCurrency currency, Instant from, Instant to) {
        Map<EntryType, EntryTotals> totals = new EnumMap<>(EntryType.class);
        for (EntryType type : EntryType.values()) {
            totals.put(type, EntryTotals.zero(type));
        }
        long opening = 0;
        long closing = 0;
        long enrolled = 0;
        long active = 0;
        long holding = 0;
        for (MemberId m : members(ledger)) {
            if (ledger.account(m).enrolledAt().isBefore(to)) {
                enrolled++;
            }
            long before = 0;
            long until = 0;
            boolean isActive = false;
            for (Entry e : ledger.statement(m)) {
                if (!e.currency().equals(currency.code())) {
                    continue;
                }
                if (e.at().isBefore(from)) {
                    before += e.amount();
                }
                if (e.at().isBefore(to)) {
                    until += e.amount();
                }
                if (!e.at().isBefore(from) && e.at().isBefore(to)) {
                    EntryTotals t = totals.get(e.type());
                    totals.put(e.type(), new EntryTotals(e.type(), t.entries() + 1,
                            t.credited() + Math.max(0, e.amount()), t.debited() + Math.max(0, -e.amount()),
                            t.heldDelta() + e.heldDelta(), t.debtDelta() + e.debtDelta()));
                    isActive |= e.postingType() != PostingType.EXPIRY;
                }
            }
            opening += before;
            closing += until;
            active += isActive ? 1 : 0;
            holding += until > 0 ? 1 : 0;
        }
        return new ActivityReport(currency, from, to, totals, opening, closing, enrolled, active, holding);
    }

    /** The liability now by the ledger's clock, from the lots. */
    public static LiabilityReport liability(Ledger ledger, PointCurrency currency) {
        Instant now = ledger.clock().instant();
        long outstanding = 0;
        long pending = 0;
        long overdue = 0;
        long never = 0;
        long expiryHeld = 0;
        long holders = 0;
        long debt = 0;
        TreeMap<YearMonth, Long> months = new TreeMap<>();
        for (MemberId m : members(ledger)) {
            debt += ledger.balance(m, currency).debt();
            long held = 0;
            // a held purse's lots dated after the hold began expire on no date while it lasts
            Instant heldSince = ledger.expiryHeldSince(m, currency).orElse(null);
            for (Lot lot : ledger.lots(m, currency)) {
                long r = lot.remaining();
                held += r;
                if (r > 0 && lot.availableAt().isAfter(now)) {
                    pending += r;
                }
                if (r == 0) {
                    continue;
                }
                if (lot.expiresAt() == null) {
                    never += r;
                } else if (heldSince != null && heldSince.isBefore(lot.expiresAt())) {
                    expiryHeld += r;
                } else if (!lot.expiresAt().isAfter(now)) {
                    overdue += r;
                } else {
                    months.merge(YearMonth.from(lot.expiresAt().atZone(ledger.zone())), r, Long::sum);
                }
            }
            outstanding += held;
            holders += held > 0 ? 1 : 0;
        }
        return new LiabilityReport(currency, now, ledger.zone(), outstanding, pending, overdue, never, expiryHeld,
                months, holders, debt);
    }
}
