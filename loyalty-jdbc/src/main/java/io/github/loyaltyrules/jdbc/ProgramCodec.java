package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text form of the program store's rows: length-prefixed strings ({@code 5:hello}, {@code ~} for
 * null) and numbers ending in {@code ;}, after a format number. Exact: decimals keep their scale, instants
 * their nanoseconds. Compact: a record holds the request, the award lines and (for a purchase) the
 * member as the rules saw them; no ledger postings, and the member id once.
 */
final class ProgramCodec {

    private static final long FORMAT = 1;
    /**
     * The format of a purchase record whose purchase has tenders, codes, discounts, tax or measured lines:
     * format 1 and, after each line, its measure, unit and tax, and after the lines the tenders, codes and
     * discounts. Purchases without them are still written in format 1, as before.
     */
    private static final long FORMAT_PAID = 2;
    /**
     * The format of a purchase record whose purchase carries tier counters ({@link Purchase#counters()}) or
     * whose member held badges: format 2 and, after the discounts, the counters, and after the member's perks,
     * the badges. Other purchases are still written in format 1 or 2, as before.
     */
    private static final long FORMAT_EXTENDED = 3;

    private ProgramCodec() {
    }

    private static final class Out extends TextFields.Writer<Out> {
        Out() {
            super(256);
        }

        @Override
        Out self() {
            return this;
        }

        Out decimal(BigDecimal d) {
            return d == null ? str(null) : str(d.unscaledValue().toString()).num(d.scale());
        }

        Out strings(Collection<String> c) {
            num(c.size());
            for (String s : c) {
                str(s);
            }
            return this;
        }

        Out texts(Map<String, String> m) {
            num(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
                str(e.getKey()).str(e.getValue());
            }
            return this;
        }

        Out longs(Map<String, Long> m) {
            num(m.size());
            for (Map.Entry<String, Long> e : m.entrySet()) {
                str(e.getKey()).num(e.getValue());
            }
            return this;
        }
    }

    private static final class In extends TextFields.Reader {
        final long format;

        In(String s) {
            super(s);
            format = num();
            if (format != FORMAT && format != FORMAT_PAID && format != FORMAT_EXTENDED) {
                throw new IllegalStateException("stored program row has format " + format + "; this version reads "
                        + FORMAT + " to " + FORMAT_EXTENDED);
            }
        }

        BigDecimal decimal() {
            String unscaled = str();
            return unscaled == null ? null : new BigDecimal(new BigInteger(unscaled), count());
        }

        Set<String> strings() {
            int n = count();
            Set<String> out = new HashSet<>();
            for (int i = 0; i < n; i++) {
                out.add(str());
            }
            return out;
        }

        Map<String, String> texts() {
            int n = count();
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(str(), str());
            }
            return out;
        }

        Map<String, Long> longs() {
            int n = count();
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(str(), num());
            }
            return out;
        }

        Instant instant() {
            return Instant.ofEpochSecond(num(), num());
        }
    }

    // ------------------------------------------------------------------ member records

    static String member(MemberRecord m) {
        Out o = new Out().num(FORMAT).strings(m.tags()).texts(m.attributes())
                .str(m.birthday() == null ? null : m.birthday().toString()).num(m.purchases());
        o.num(m.rewardsRedeemed().size());
        for (Map.Entry<String, Integer> e : m.rewardsRedeemed().entrySet()) {
            o.str(e.getKey()).num(e.getValue());
        }
        return o.sb.toString();
    }

    static MemberRecord member(MemberId member, long version, String text) {
        In in = new In(text);
        Set<String> tags = in.strings();
        Map<String, String> attributes = in.texts();
        String birthday = in.str();
        long purchases = in.num();
        int n = in.count();
        Map<String, Integer> rewards = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            rewards.put(in.str(), in.count());
        }
        return new MemberRecord(member, version, tags, attributes, birthday == null ? null : LocalDate.parse(birthday),
                purchases, rewards);
    }

    // ------------------------------------------------------------------ return states

    static String returns(ReturnState r) {
        Out o = new Out().num(FORMAT).longs(r.returnedUnits()).num(r.clawed().size());
        for (long c : r.clawed()) {
            o.num(c);
        }
        return o.longs(r.qualifiedReturned()).sb.toString();
    }

    static ReturnState returns(IdempotencyKey purchase, long version, String text) {
        In in = new In(text);
        Map<String, Long> units = in.longs();
        int n = in.count();
        List<Long> clawed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            clawed.add(in.num());
        }
        return new ReturnState(purchase, version, units, clawed, in.longs());
    }

    // ------------------------------------------------------------------ records

    static String record(ReceiptRecord r) {
        boolean extended = r.kind() == ReceiptRecord.Kind.PURCHASE
                && (!((Purchase) r.activity()).counters().isEmpty() || !r.profile().badges().isEmpty());
        boolean paid = extended || r.kind() == ReceiptRecord.Kind.PURCHASE && paid((Purchase) r.activity());
        Out o = new Out().num(extended ? FORMAT_EXTENDED : paid ? FORMAT_PAID : FORMAT).str(r.programVersion())
                .num(r.at().getEpochSecond())
                .num(r.at().getNano());
        switch (r.kind()) {
            case PURCHASE -> {
                Purchase p = (Purchase) r.activity();
                o.str(p.store()).str(p.channel()).num(p.lines().size());
                for (BasketLine l : p.lines()) {
                    o.str(l.lineId()).str(l.sku()).str(l.category()).num(l.quantity())
                            .decimal(l.unitPrice().amount()).str(l.unitPrice().currency().getCurrencyCode());
                    if (paid) {
                        o.decimal(l.measure()).str(l.unit()).decimal(l.tax().amount());
                    }
                }
                if (paid) {
                    o.num(p.tenders().size());
                    for (Tender t : p.tenders()) {
                        o.str(t.method()).decimal(t.amount().amount());
                    }
                    o.strings(p.codes()).num(p.discounts().size());
                    for (Discount d : p.discounts()) {
                        o.str(d.lineId()).decimal(d.amount().amount());
                    }
                    if (extended) {
                        o.longs(p.counters());
                    }
                }
                MemberProfile m = r.profile();
                o.str(m.tier()).strings(m.tags()).texts(m.attributes())
                        .str(m.birthday() == null ? null : m.birthday().toString()).num(m.purchasesSoFar())
                        .decimal(m.tierMultiplier()).strings(m.perks());
                if (extended) {
                    o.strings(m.badges());
                }
            }
            case EVENT -> {
                MemberEvent e = (MemberEvent) r.activity();
                o.str(e.type()).texts(e.attributes());
            }
            case RETURN -> o.str(r.original().value()).longs(r.units()).longs(r.tierReturns());
            case REWARD -> o.str(r.rewardId());
            default -> throw new IllegalStateException("unknown record kind " + r.kind());
        }
        o.num(r.awards().size());
        for (Award a : r.awards()) {
            Explanation x = a.explanation();
            o.str(a.ruleId()).str(a.ruleName()).str(a.currency()).num(a.amount()).longs(a.lineShares())
                    .str(x.base()).str(x.rate()).str(x.multiplier()).str(x.rounding()).str(x.cap());
        }
        if (!r.refunds().isEmpty()) { // a trailing field, so rows written before refunds read as they are
            o.longs(r.refunds());
        } else if (r.kind() == ReceiptRecord.Kind.REWARD && !r.units().isEmpty()) { // a quantity above 1, likewise
            o.longs(r.units());
        }
        return o.sb.toString();
    }

    /** Whether a purchase needs {@link #FORMAT_PAID}: it has tenders, codes, discounts, tax or measured lines. */
    private static boolean paid(Purchase p) {
        if (!p.tenders().isEmpty() || !p.codes().isEmpty() || !p.discounts().isEmpty()) {
            return true;
        }
        for (BasketLine l : p.lines()) {
            if (l.isMeasured() || !l.tax().isZero()) {
                return true;
            }
        }
        return false;
    }

    static ReceiptRecord record(ReceiptRecord.Kind kind, IdempotencyKey key, MemberId member, String text) {
        In in = new In(text);
        String version = in.str();
        Instant at = in.instant();
        Purchase purchase = null;
        MemberProfile profile = null;
        MemberEvent event = null;
        IdempotencyKey original = null;
        Map<String, Long> units = Map.of();
        Map<String, Long> tierReturns = Map.of();
        String rewardId = null;
        switch (kind) {
            case PURCHASE -> {
                String store = in.str();
                String channel = in.str();
                int n = in.count();
                List<BasketLine> lines = new ArrayList<>(n);
                boolean paid = in.format == FORMAT_PAID || in.format == FORMAT_EXTENDED;
                for (int i = 0; i < n; i++) {
                    String id = in.str();
                    String sku = in.str();
                    String category = in.str();
                    long quantity = in.num();
                    BigDecimal price = in.decimal();
                    Currency currency = Currency.getInstance(in.str());
                    lines.add(paid ? new BasketLine(id, sku, category, quantity, Money.of(price, currency), in.decimal(),
                            in.str(), Money.of(in.decimal(), currency))
                            : new BasketLine(id, sku, category, quantity, Money.of(price, currency)));
                }
                if (paid) {
                    Currency currency = lines.get(0).unitPrice().currency();
                    int t = in.count();
                    List<Tender> tenders = new ArrayList<>(t);
                    for (int i = 0; i < t; i++) {
                        tenders.add(Tender.of(in.str(), Money.of(in.decimal(), currency)));
                    }
                    Set<String> codes = in.strings();
                    int d = in.count();
                    List<Discount> discounts = new ArrayList<>(d);
                    for (int i = 0; i < d; i++) {
                        discounts.add(new Discount(in.str(), Money.of(in.decimal(), currency)));
                    }
                    purchase = new Purchase(lines, store, channel, tenders, codes, discounts,
                            in.format == FORMAT_EXTENDED ? in.longs() : Map.of());
                } else {
                    purchase = new Purchase(lines, store, channel);
                }
                String tier = in.str();
                Set<String> tags = in.strings();
                Map<String, String> attributes = in.texts();
                String birthday = in.str();
                long purchases = in.num();
                BigDecimal multiplier = in.decimal();
                Set<String> perks = in.strings();
                profile = new MemberProfile(member, tier, tags, attributes,
                        birthday == null ? null : LocalDate.parse(birthday), purchases, multiplier, perks,
                        in.format == FORMAT_EXTENDED ? in.strings() : Set.of());
            }
            case EVENT -> event = new MemberEvent(in.str(), in.texts());
            case RETURN -> {
                original = new IdempotencyKey(in.str());
                units = in.longs();
                tierReturns = in.longs();
            }
            case REWARD -> rewardId = in.str();
            default -> throw new IllegalStateException("unknown record kind " + kind);
        }
        int n = in.count();
        List<Award> awards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String ruleId = in.str();
            String ruleName = in.str();
            String currency = in.str();
            long amount = in.num();
            Map<String, Long> shares = in.longs();
            awards.add(new Award(ruleId, ruleName, currency, amount, shares,
                    new Explanation(in.str(), in.str(), in.str(), in.str(), in.str())));
        }
        Map<String, Long> refunds = Map.of();
        if (in.pos < in.s.length() && kind == ReceiptRecord.Kind.REWARD) {
            units = in.longs();
        } else if (in.pos < in.s.length()) {
            refunds = in.longs();
        }
        return new ReceiptRecord(kind, key, member, version, at, purchase != null ? purchase : event, original, units,
                rewardId, profile, awards, tierReturns, refunds);
    }
}
