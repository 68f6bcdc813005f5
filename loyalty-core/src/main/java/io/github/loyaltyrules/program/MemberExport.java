package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierChange;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes what a program holds about one member as the JSON document that
 * {@link LoyaltyProgram#export(MemberId)} documents: account, profile, balances, lots, statement, tier and history, and the records of purchases, events, returns and rewards.
 */
final class MemberExport {

    /** The format name and version the document starts with. */
    static final String FORMAT = "loyalty-member-export/1";

    private final ProgramContext context;

    MemberExport(ProgramContext context) {
        this.context = context;
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
        w.name("statement").beginArray();
        for (Entry e : context.ledger.statement(member)) {
            w.beginObject().name("sequence").value(e.sequence()).name("posting").value(e.posting())
                    .name("postingType").value(e.postingType().name()).name("type").value(e.type().name())
                    .name("currency").value(e.currency()).name("amount").value(e.amount())
                    .name("heldDelta").value(e.heldDelta()).name("debtDelta").value(e.debtDelta())
                    .name("at").value(e.at()).name("reason").value(e.reason()).endObject();
        }
        w.endArray();
        tier(w, member, now);
        w.name("receipts").beginArray();
        for (ReceiptRecord r : context.store.records(member)) {
            receipt(w, r);
        }
        w.endArray();
        return w.endObject().json();
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
        } else {
            w.name("current").value(context.tiers.tierOf(member, now).orElse(null));
            w.name("history").beginArray().endArray();
        }
        w.endObject();
    }

    private static void receipt(JsonWriter w, ReceiptRecord r) {
        w.beginObject().name("key").value(r.key()).name("kind").value(r.kind().name()).name("at").value(r.at())
                .name("programVersion").value(r.programVersion());
        if (r.activity() instanceof Purchase p) {
            w.name("purchase").beginObject().name("store").value(p.store()).name("channel").value(p.channel())
                    .name("lines").beginArray();
            for (BasketLine l : p.lines()) {
                w.beginObject().name("id").value(l.lineId()).name("sku").value(l.sku())
                        .name("category").value(l.category()).name("quantity").value(l.quantity())
                        .name("unitPrice").value(l.unitPrice().amount().toPlainString())
                        .name("moneyCurrency").value(l.unitPrice().currency().getCurrencyCode()).endObject();
            }
            w.endArray().endObject();
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
        if (r.rewardId() != null) {
            w.name("reward").value(r.rewardId());
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
}
