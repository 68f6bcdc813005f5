package io.github.loyaltyrules.report.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.report.ReportTable;
import io.github.loyaltyrules.report.StoreActivity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Over random program histories (purchases at several stores in two money currencies, events,
 * returns of earlier purchases, reward redemptions that may be refused, members enrolled on different
 * days), the program's report of a random period ({@link LoyaltyProgram#activity}) equals the figures
 * added up independently here from the receipts the calls returned, and the points it says were
 * awarded equal the earn entries of the ledger's statements in the period. Subclasses supply the
 * stores.
 */
public abstract class ProgramReportProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] STORES = {"amsterdam", "berlin", "cologne"};

    /** 1 PTS per whole unit of money per line, 40 on baskets of 20 or more; 5 for an event. */
    private static final RuleEngine ENGINE = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of(new Award("event", "Event", "PTS", 5, Map.of(), Explanation.fixed())));
        }
        List<Award> awards = new ArrayList<>();
        long sum = 0;
        Map<String, Long> shares = new TreeMap<>();
        for (BasketLine line : p.lines()) {
            long pts = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), pts);
            sum += pts;
        }
        if (sum > 0) {
            awards.add(new Award("base", "Base", "PTS", sum, shares, Explanation.fixed()));
        }
        if (p.total().amount().compareTo(BigDecimal.valueOf(20)) >= 0) {
            awards.add(new Award("big", "Big basket", "PTS", 40, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    };

    /** A ledger and a program store over the same, empty data. */
    public record Stores(LedgerStore ledger, ProgramStore program) {
    }

    /**
     * Returns new, empty stores.
     *
     * @return the stores
     * @throws Exception if they cannot be made
     */
    protected abstract Stores newStores() throws Exception;

    /** What an operation does. */
    public enum Kind { PURCHASE, EVENT, RETURN, REWARD }

    /** One operation: kind, member, store, price in cents, quantity, time in minutes after {@link #BASE}, pick. */
    public record Op(Kind kind, int member, int store, int cents, int quantity, int minute, int pick) {
    }

    /** One logged call that the program accepted. */
    private record Done(Kind kind, MemberId member, Instant at, String store, Money spend, long points) {
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    public void theProgramReportEqualsTheSumsOfTheReceipts(@ForAll("histories") List<Op> ops,
            @ForAll("days") int fromDay, @ForAll("days") int days) throws Exception {
        Stores stores = newStores();
        Ledger ledger = Ledger.builder().zone(ZONE).currency(PTS).store(stores.ledger()).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ENGINE,
                List.of(Reward.of("cup", "Free coffee", PTS.points(30)))), TierLookup.NONE, stores.program());
        List<MemberId> members = new ArrayList<>();
        List<Instant> enrolled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(MemberId.of("m" + i));
            enrolled.add(BASE.plus(Duration.ofDays(i * 9L)).minusSeconds(1));
            program.enrol(members.get(i), enrolled.get(i));
        }
        List<Op> history = new ArrayList<>(ops);
        history.sort(Comparator.comparingInt(Op::minute));
        List<Done> done = new ArrayList<>();
        List<Receipt> purchases = new ArrayList<>();
        List<String> purchaseStores = new ArrayList<>();
        int n = 0;
        for (Op op : history) {
            n++;
            // times within a second apart, so that a second holds several records out of text order
            Instant at = BASE.plus(Duration.ofMinutes(op.minute())).plusMillis(op.pick() % 1000);
            MemberId m = members.get(op.member());
            if (at.isBefore(enrolled.get(op.member()))) {
                continue;
            }
            IdempotencyKey key = IdempotencyKey.of("op-" + n);
            try {
                switch (op.kind()) {
                    case PURCHASE -> {
                        String currency = op.store() == 1 ? "USD" : "EUR";
                        String store = STORES[op.store()];
                        Purchase p = Purchase.of(store, "pos", List.of(
                                BasketLine.of("1", "ITEM", "misc", op.quantity(),
                                        Money.of(BigDecimal.valueOf(op.cents(), 2).toPlainString(), currency)),
                                BasketLine.of("2", "BAG", "misc", 1, Money.of("0.10", currency))));
                        Receipt r = program.purchase(m, p, at, key);
                        purchases.add(r);
                        purchaseStores.add(store);
                        done.add(new Done(Kind.PURCHASE, m, at, store, p.total(), sum(r.awards())));
                    }
                    case EVENT -> {
                        Receipt r = program.event(m, new MemberEvent("review", Map.of()), at, key);
                        done.add(new Done(Kind.EVENT, m, at, null, null, sum(r.awards())));
                    }
                    case RETURN -> {
                        if (purchases.isEmpty()) {
                            continue;
                        }
                        int i = op.pick() % purchases.size();
                        Receipt original = purchases.get(i);
                        Receipt r = program.returnPurchase(original.member(), original.key(), Map.of("1", 1L), at, key);
                        done.add(new Done(Kind.RETURN, original.member(), at, purchaseStores.get(i), null, sum(r.awards())));
                    }
                    case REWARD -> {
                        program.redeemReward(m, "cup", at, key);
                        done.add(new Done(Kind.REWARD, m, at, null, null, 0));
                    }
                }
            } catch (LoyaltyException refused) {
                // not enough points, nothing left to return: nothing was recorded
            }
        }
        Instant from = BASE.plus(Duration.ofDays(fromDay)).minusMillis(fromDay % 1000);
        Instant to = from.plus(Duration.ofDays(days + 1)).plusMillis(days % 1000);

        ProgramActivity report = program.activity(from, to);
        assertThat(report).isEqualTo(expected(done, enrolled, from, to));
        long earnedInLedger = 0;
        for (MemberId m : members) {
            for (Entry e : ledger.statement(m)) {
                if (e.type() == EntryType.EARN && !e.at().isBefore(from) && e.at().isBefore(to)) {
                    earnedInLedger += e.amount();
                }
            }
        }
        assertThat(report.earned().getOrDefault("PTS", 0L)).isEqualTo(earnedInLedger)
                .isEqualTo(ledger.activity(PTS, from, to).earned());
        assertThat(ReportTable.stores(report, List.of(PTS)).rows()).hasSize(report.stores().size());
        assertThat(ReportTable.program(List.of(report), ZONE).csv()).contains(Long.toString(report.purchases()));
    }

    /** The report as added up from the log of accepted calls. */
    private static ProgramActivity expected(List<Done> done, List<Instant> enrolled, Instant from, Instant to) {
        Set<MemberId> active = new HashSet<>();
        Set<MemberId> participating = new HashSet<>();
        long[] counts = new long[4];
        SortedMap<String, BigDecimal> spend = new TreeMap<>();
        SortedMap<String, Long> earned = new TreeMap<>();
        TreeMap<String, List<Done>> byStore = new TreeMap<>();
        for (Done d : done) {
            if (d.at().isBefore(from) || !d.at().isBefore(to)) {
                continue;
            }
            active.add(d.member());
            counts[d.kind().ordinal()]++;
            if (d.kind() == Kind.PURCHASE) {
                participating.add(d.member());
                spend.merge(d.spend().currency().getCurrencyCode(), d.spend().amount(), BigDecimal::add);
            }
            if (d.kind() == Kind.PURCHASE || d.kind() == Kind.EVENT) {
                if (d.points() > 0) {
                    earned.merge("PTS", d.points(), Long::sum);
                }
            }
            if (d.store() != null) {
                byStore.computeIfAbsent(d.store(), s -> new ArrayList<>()).add(d);
            }
        }
        List<StoreActivity> stores = new ArrayList<>();
        for (Map.Entry<String, List<Done>> e : byStore.entrySet()) {
            long purchases = 0;
            long returns = 0;
            Set<MemberId> buyers = new HashSet<>();
            SortedMap<String, BigDecimal> storeSpend = new TreeMap<>();
            SortedMap<String, Long> storeEarned = new TreeMap<>();
            SortedMap<String, Long> returned = new TreeMap<>();
            for (Done d : e.getValue()) {
                if (d.kind() == Kind.PURCHASE) {
                    purchases++;
                    buyers.add(d.member());
                    storeSpend.merge(d.spend().currency().getCurrencyCode(), d.spend().amount(), BigDecimal::add);
                    if (d.points() > 0) {
                        storeEarned.merge("PTS", d.points(), Long::sum);
                    }
                } else {
                    returns++;
                    if (d.points() > 0) {
                        returned.merge("PTS", d.points(), Long::sum);
                    }
                }
            }
            stores.add(new StoreActivity(e.getKey(), purchases, buyers.size(), storeSpend, storeEarned, returns,
                    returned));
        }
        long enrolledBefore = enrolled.stream().filter(at -> at.isBefore(to)).count();
        return new ProgramActivity(from, to, enrolledBefore, active.size(), participating.size(), counts[0], counts[1],
                counts[2], counts[3], spend, earned, stores);
    }

    private static long sum(List<Award> awards) {
        return awards.stream().mapToLong(Award::amount).sum();
    }

    @Provide
    public Arbitrary<Integer> days() {
        return Arbitraries.integers().between(0, 70).withDistribution(RandomDistribution.uniform());
    }

    @Provide
    public Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.PURCHASE, Kind.PURCHASE, Kind.PURCHASE, Kind.EVENT, Kind.RETURN, Kind.REWARD),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 3000), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 60 * 24 * 60).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 5000)).as(Op::new);
        return op.list().ofMaxSize(60);
    }
}
