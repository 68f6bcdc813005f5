package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.spi.PendingDowngrade;
import io.github.loyaltyrules.tier.spi.TierAssignment;
import io.github.loyaltyrules.tier.spi.TierState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes what a program holds about one member as the JSON document that
 * {@link LoyaltyProgram#export(MemberId)} documents: account, profile, balances, lots, reservations,
 * statement and postings, vouchers, tier state and history, the records of purchases, events, returns
 * and rewards, and the rule engines' counters of the member.
 */
final class MemberExport {

    /** The format name and version the document starts with. */
    static final String FORMAT = "loyalty-member-export/2";

    private final ProgramContext context;
    private final Vouchers vouchers;

    MemberExport(ProgramContext context) {
        this.context = context;
        this.vouchers = new Vouchers(context);
    }

    String export(MemberId member) {
        Account account = context.ledger.account(member);
        Instant now = context.ledger.clock().instant();
        JsonWriter w = new JsonWriter().beginObject();
        w.name("format").value(FORMAT);
        w.name("member").value(member.value());
        w.name("exportedAt").value(now);
        w.name("programVersion").value(context.version.get().id());
        w.name("account").beginObject()
                .name("status").value(account.status().name())
                .name("enrolledAt").value(account.enrolledAt())
                .name("statusSince").value(account.statusSince())
                .name("statusReason").value(account.statusReason())
                .endObject();
        profile(w, context.memberRecord(member));
        Collection<PointCurrency> currencies = context.ledger.currencies().values();
        w.name("balances").beginArray();
        for (PointCurrency c : currencies) {
            Balance b = context.ledger.balance(member, c, now);
            w.beginObject().name("currency").value(c.code()).name("decimalPlaces").value(c.decimalPlaces())
                    .name("total").value(b.total()).name("available").value(b.available())
                    .name("pending").value(b.pending()).name("reserved").value(b.reserved())
                    .name("expired").value(b.expired()).name("debt").value(b.debt()).endObject();
        }
        w.endArray();
        w.name("lots").beginArray();
        for (PointCurrency c : currencies) {
            for (Lot l : context.ledger.lots(member, c)) {
                w.beginObject().name("currency").value(l.currency()).name("lot").value(l.id().value())
                        .name("original").value(l.original()).name("remaining").value(l.remaining())
                        .name("earnedAt").value(l.earnedAt()).name("availableAt").value(l.availableAt())
                        .name("expiresAt").value(l.expiresAt()).name("source").value(l.source()).endObject();
            }
        }
        w.endArray();
        reservations(w, member, now);
        List<Entry> statement = context.ledger.statement(member);
        w.name("statement").beginArray();
        for (Entry e : statement) {
            w.beginObject().name("sequence").value(e.sequence()).name("posting").value(e.posting())
                    .name("postingType").value(e.postingType().name()).name("type").value(e.type().name())
                    .name("currency").value(e.currency()).name("amount").value(e.amount())
                    .name("heldDelta").value(e.heldDelta()).name("debtDelta").value(e.debtDelta())
                    .name("at").value(e.at()).name("reason").value(e.reason());
            movements(w.name("lots"), e.lots());
            w.endObject();
        }
        w.endArray();
        List<Posting> postings = postings(statement);
        w.name("postings").beginArray();
        for (Posting p : postings) {
            w.beginObject().name("key").value(p.key()).name("type").value(p.type().name())
                    .name("member").value(p.member()).name("counterparty").value(p.counterparty())
                    .name("currency").value(p.currency()).name("amount").value(p.amount()).name("at").value(p.at())
                    .name("reason").value(p.reason()).name("target").value(p.target()).endObject();
        }
        w.endArray();
        w.name("vouchers").beginArray();
        for (Posting p : postings) {
            if (p.member().equals(member)) {
                for (Voucher v : vouchers.issuedBy(p)) {
                    w.beginObject().name("code").value(v.code()).name("value").value(v.value().amount().toPlainString())
                            .name("moneyCurrency").value(v.value().currency().getCurrencyCode())
                            .name("currency").value(v.cost().currency().code()).name("cost").value(v.cost().minorUnits())
                            .name("issuedAt").value(v.issuedAt()).name("expiresAt").value(v.expiresAt())
                            .name("posting").value(v.posting()).endObject();
                }
            }
        }
        w.endArray();
        tier(w, member, now);
        w.name("receipts").beginArray();
        for (ReceiptRecord r : context.store.records(member)) {
            boolean purchase = r.kind() == ReceiptRecord.Kind.PURCHASE;
            receipt(w, r, purchase ? context.store.returns(r.key()).orElse(null) : null,
                    purchase ? context.store.redemptionsFor(r.key()) : List.of());
        }
        w.endArray();
        challenges(w, member);
        badges(w, member);
        ruleCounters(w, member);
        return w.endObject().json();
    }

    private void reservations(JsonWriter w, MemberId member, Instant now) {
        w.name("reservations").beginArray();
        for (Reservation r : context.ledger.reservations(member)) {
            w.beginObject().name("key").value(r.key()).name("currency").value(r.currency())
                    .name("amount").value(r.amount()).name("createdAt").value(r.createdAt())
                    .name("deadline").value(r.deadline()).name("status").value(r.status().name())
                    .name("statusNow").value(r.statusAt(now).name()).name("closedAt").value(r.closedAt());
            movements(w.name("lots"), r.allocations());
            w.endObject();
        }
        w.endArray();
    }

    /** The postings of the statement's entries, once each, in the order of their first entry; as far as the ledger keeps them. */
    private List<Posting> postings(List<Entry> statement) {
        Map<IdempotencyKey, Posting> out = new LinkedHashMap<>();
        for (Entry e : statement) {
            if (!out.containsKey(e.posting())) {
                context.ledger.posting(e.posting()).ifPresent(p -> out.put(p.key(), p));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void movements(JsonWriter w, List<LotMovement> movements) {
        w.beginArray();
        for (LotMovement m : movements) {
            w.beginObject().name("lot").value(m.lot().value()).name("delta").value(m.delta())
                    .name("heldDelta").value(m.heldDelta()).endObject();
        }
        w.endArray();
    }

    /** What the rule engines of the program's versions count under the member (e.g. per-member caps), by counter name. */
    private void ruleCounters(JsonWriter w, MemberId member) {
        Set<RuleEngine> engines = Collections.newSetFromMap(new IdentityHashMap<>());
        engines.add(context.version.get().engine());
        context.versions.values().forEach(v -> engines.add(v.engine()));
        Map<String, Long> counters = new TreeMap<>();
        for (RuleEngine engine : engines) {
            counters.putAll(engine.memberCounters(member));
        }
        w.name("ruleCounters").beginObject();
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            w.name(c.getKey()).value((long) c.getValue());
        }
        w.endObject();
    }

    private static void profile(JsonWriter w, MemberRecord m) {
        w.name("profile").beginObject();
        strings(w.name("tags"), m.tags());
        texts(w.name("attributes"), m.attributes());
        w.name("birthday").value(m.birthday());
        w.name("purchases").value(m.purchases());
        w.name("rewardsRedeemed").beginObject();
        Map<String, Integer> inPeriods = new TreeMap<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(m.rewardsRedeemed()).entrySet()) {
            if (e.getKey().indexOf(MemberRecord.PERIOD_SEPARATOR) >= 0) {
                inPeriods.put(e.getKey(), e.getValue());
            } else {
                w.name(e.getKey()).value((long) e.getValue());
            }
        }
        w.endObject();
        if (!inPeriods.isEmpty()) { // per-period counts of rewards with per-period limits, as "id period"
            w.name("rewardsRedeemedInPeriods").beginObject();
            for (Map.Entry<String, Integer> e : inPeriods.entrySet()) {
                w.name(e.getKey().replace(MemberRecord.PERIOD_SEPARATOR, ' ')).value((long) e.getValue());
            }
            w.endObject();
        }
        w.endObject();
    }

    private void tier(JsonWriter w, MemberId member, Instant now) {
        w.name("tier").beginObject();
        if (context.tierEngine != null) {
            w.name("current").value(context.tierEngine.tierAt(member, now).name());
            w.name("history").beginArray();
            for (TierChange c : context.tierEngine.history(member)) {
                w.beginObject().name("from").value(c.from()).name("to").value(c.to()).name("at").value(c.at())
                        .name("cause").value(c.cause().name()).name("reason").value(c.reason()).endObject();
            }
            w.endArray();
            TierState state = context.tierEngine.state(member).orElse(null);
            if (state != null) {
                tierState(w, state);
                w.name("qualifying").beginObject();
                for (Map.Entry<Metric, BigDecimal> v : context.tierEngine.progress(member, now).values().entrySet()) {
                    w.name(v.getKey().toString()).value(v.getValue().toPlainString());
                }
                w.endObject();
            }
        } else {
            w.name("current").value(context.tiers.tierOf(member, now).orElse(null));
            w.name("history").beginArray().endArray();
        }
        w.endObject();
    }

    /** The tier engine's stored state of the member, beside the history written already. */
    private static void tierState(JsonWriter w, TierState state) {
        w.name("enrolled").value(state.enrolled()).name("earned").value(state.earned())
                .name("floor").value(state.floor()).name("shown").value(state.shown());
        PendingDowngrade pending = state.pending();
        if (pending == null) {
            w.name("pendingDowngrade").nullValue();
        } else {
            w.name("pendingDowngrade").beginObject().name("effective").value(pending.effective())
                    .name("target").value(pending.target()).name("reason").value(pending.reason()).endObject();
        }
        w.name("activities").beginArray();
        for (io.github.loyaltyrules.tier.spi.TierActivity a : state.activities()) {
            w.beginObject().name("metric").value(a.metric()).name("amount").value(a.amount()).name("at").value(a.at())
                    .name("attributedAt").value(a.attributedAt()).name("effectiveAt").value(a.effectiveAt())
                    .name("key").value(a.key()).name("original").value(a.original()).endObject();
        }
        w.endArray();
        w.name("statusMatches").beginArray();
        for (TierAssignment a : state.assignments()) {
            w.beginObject().name("tier").value(a.tier()).name("from").value(a.from()).name("until").value(a.until())
                    .name("reason").value(a.reason()).name("key").value(a.key()).endObject();
        }
        w.endArray();
    }

    private static void receipt(JsonWriter w, ReceiptRecord r, ReturnState returned, List<IdempotencyKey> tied) {
        w.beginObject().name("key").value(r.key()).name("kind").value(r.kind().name()).name("at").value(r.at())
                .name("programVersion").value(r.programVersion());
        if (r.activity() instanceof Purchase p) {
            w.name("purchase").beginObject().name("store").value(p.store()).name("channel").value(p.channel())
                    .name("lines").beginArray();
            for (BasketLine l : p.lines()) {
                w.beginObject().name("id").value(l.lineId()).name("sku").value(l.sku())
                        .name("category").value(l.category()).name("quantity").value(l.quantity())
                        .name("unitPrice").value(l.unitPrice().amount().toPlainString())
                        .name("moneyCurrency").value(l.unitPrice().currency().getCurrencyCode());
                if (l.isMeasured()) {
                    w.name("measure").value(l.measure().toPlainString()).name("unit").value(l.unit());
                }
                if (!l.tax().isZero()) {
                    w.name("tax").value(l.tax().amount().toPlainString());
                }
                w.endObject();
            }
            w.endArray();
            if (!p.tenders().isEmpty()) { // only for a purchase with them: other documents are as they were
                w.name("tenders").beginArray();
                for (io.github.loyaltyrules.rule.Tender t : p.tenders()) {
                    w.beginObject().name("method").value(t.method()).name("amount")
                            .value(t.amount().amount().toPlainString()).endObject();
                }
                w.endArray();
            }
            if (!p.codes().isEmpty()) {
                w.name("codes").beginArray();
                for (String c : p.codes()) {
                    w.value(c);
                }
                w.endArray();
            }
            if (!p.discounts().isEmpty()) {
                w.name("discounts").beginArray();
                for (io.github.loyaltyrules.rule.Discount d : p.discounts()) {
                    w.beginObject().name("line").value(d.lineId()).name("amount")
                            .value(d.amount().amount().toPlainString()).endObject();
                }
                w.endArray();
            }
            if (!p.counters().isEmpty()) {
                w.name("counters").beginObject();
                for (Map.Entry<String, Long> c : p.counters().entrySet()) {
                    w.name(c.getKey()).value(c.getValue().longValue());
                }
                w.endObject();
            }
            w.endObject();
        }
        if (r.activity() instanceof MemberEvent e) {
            w.name("event").beginObject().name("type").value(e.type());
            texts(w.name("attributes"), e.attributes());
            w.endObject();
        }
        if (r.original() != null) {
            w.name("original").value(r.original());
            w.name("units").beginObject();
            for (Map.Entry<String, Long> u : new TreeMap<>(r.units()).entrySet()) {
                w.name(u.getKey()).value((long) u.getValue());
            }
            w.endObject();
        }
        if (!r.tierReturns().isEmpty()) {
            w.name("tierReturns").beginObject();
            for (Map.Entry<String, Long> u : new TreeMap<>(r.tierReturns()).entrySet()) {
                w.name(u.getKey()).value((long) u.getValue());
            }
            w.endObject();
        }
        if (returned != null) { // what returns have taken from this purchase so far, per line
            w.name("returned").beginObject();
            for (Map.Entry<String, Long> u : new TreeMap<>(returned.returnedUnits()).entrySet()) {
                w.name(u.getKey()).value((long) u.getValue());
            }
            w.endObject();
        }
        if (!tied.isEmpty()) { // redemptions that paid for this purchase (redeemFor, redeemRewardFor)
            w.name("paidWithPoints").beginArray();
            for (IdempotencyKey k : tied) {
                w.value(k);
            }
            w.endArray();
        }
        if (!r.refunds().isEmpty()) { // what this return gave back of the points spent on the purchase
            w.name("givenBack").beginObject();
            for (Map.Entry<String, Long> g : r.refunds().entrySet()) {
                w.name(g.getKey()).value((long) g.getValue());
            }
            w.endObject();
        }
        if (r.rewardId() != null) {
            w.name("reward").value(r.rewardId());
            if (r.quantity() != 1) {
                w.name("quantity").value(r.quantity());
            }
        }
        if (r.profile() != null) {
            MemberProfile m = r.profile();
            w.name("profileAsSeen").beginObject().name("tier").value(m.tier());
            strings(w.name("tags"), m.tags());
            texts(w.name("attributes"), m.attributes());
            w.name("birthday").value(m.birthday()).name("purchasesBefore").value(m.purchasesSoFar())
                    .name("tierMultiplier").value(m.tierMultiplier().toPlainString());
            strings(w.name("perks"), m.perks());
            w.endObject();
        }
        w.name("awards").beginArray();
        for (Award a : r.awards()) {
            w.beginObject().name("rule").value(a.ruleId()).name("name").value(a.ruleName())
                    .name("currency").value(a.currency()).name("amount").value(a.amount()).endObject();
        }
        w.endArray().endObject();
    }

    private static void strings(JsonWriter w, Collection<String> values) {
        w.beginArray();
        for (String s : new TreeSet<>(values)) {
            w.value(s);
        }
        w.endArray();
    }

    private static void texts(JsonWriter w, Map<String, String> values) {
        w.beginObject();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
    }

    /** The member's badges, in the order earned. */
    private void badges(JsonWriter w, MemberId member) {
        w.name("badges").beginArray();
        for (io.github.loyaltyrules.engagement.Badge b : context.challengeStore.badges(member)) {
            w.beginObject().name("badge").value(b.id()).name("challenge").value(b.challenge()).name("at").value(b.at())
                    .name("purchase").value(b.purchase().value()).endObject();
        }
        w.endArray();
    }

    /** The member's challenge progress per challenge and window, with its completions. */
    private void challenges(JsonWriter w, MemberId member) {
        w.name("challenges").beginArray();
        for (io.github.loyaltyrules.engagement.spi.ProgressRecord p : context.challengeStore.progressOf(member)) {
            w.beginObject().name("challenge").value(p.challenge()).name("window").value(p.window())
                    .name("value").value(p.value()).name("stores").beginArray();
            for (String s : p.stores().keySet()) {
                w.value(s);
            }
            w.endArray().name("completions").beginArray();
            for (io.github.loyaltyrules.engagement.spi.Completion c : p.completions()) {
                w.beginObject().name("number").value(c.number()).name("count").value(c.count()).name("at").value(c.at())
                        .name("reward").value(c.reward().value()).name("revokedBy")
                        .value(c.revocation() == null ? null : c.revocation().value()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
    }
}
