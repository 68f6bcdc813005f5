package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.jdbc.ProgramModel.MAward;
import io.github.loyaltyrules.jdbc.ProgramModel.MLine;
import io.github.loyaltyrules.jdbc.ProgramModel.MPurchase;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierDowngraded;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierEvent;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierUpgraded;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.stateful.Action;
import net.jqwik.api.stateful.ActionSequence;

/**
 * Random interleavings of enrol, purchase, event, return, reward redemption, reserve, capture and
 * release, retries and reused keys, install of another program version and tier assessment, made
 * through {@link LoyaltyProgram} and checked after every step against {@link ProgramModel}: each
 * member's balance and lots, purchase and reward counts, every cap and budget counter, every receipt,
 * the member's tier and the tier events delivered. A refused request must throw what the model
 * expects and change nothing, and its key must stay free for another request; a retry with a key
 * must return the first result and change nothing (issue 16).
 *
 * <p>The same property runs with everything in memory, with everything in one H2 database (ledger,
 * program, quotas and tier stores), and on PostgreSQL when {@code LOYALTY_PG_URL} names a server.
 * Business times move forward from the last morning of 2025, so that most runs see day boundaries
 * (the daily cap) and the close of the tier year; the ledger's clock follows them.
 */
class ProgramStatefulProperties {

    static final ZoneId ZONE = ProgramModel.ZONE;
    static final Instant START = LocalDateTime.of(2025, 12, 31, 9, 0, 17).atZone(ZONE).toInstant();
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final List<String> MEMBERS = List.of("m0", "m1", "m2", "m3");
    static final List<String> REWARDS = List.of("voucher", "gift", "no-such-reward");

    @Property(tries = 100)
    void inMemoryProgramAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        actions.withInvariant(World::check).run(new World(Backend.MEMORY));
    }

    @Property(tries = 30)
    void h2ProgramAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        actions.withInvariant(World::check).run(new World(Backend.H2));
    }

    @Property(tries = 30)
    @AddLifecycleHook(PostgresOnly.class)
    void postgresProgramAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        actions.withInvariant(World::check).run(new World(Backend.POSTGRES));
    }

    /** Skips a property where no PostgreSQL server is configured. */
    static class PostgresOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Databases.postgresAvailable() ? SkipResult.doNotSkip() : SkipResult.skip("no PostgreSQL configured");
        }
    }

    /** Where the ledger, the program, the quotas and the tiers keep their state. */
    enum Backend {
        MEMORY, H2, POSTGRES;

        Stores open() {
            switch (this) {
                case MEMORY:
                    return new Stores(LedgerStore.inMemory(), InMemoryProgramStore.create(), Quotas.inMemory(),
                            TierStore.inMemory());
                case H2:
                    return Stores.jdbc(Databases.freshH2());
                default:
                    return Stores.jdbc(Databases.freshPostgres());
            }
        }
    }

    record Stores(LedgerStore ledger, ProgramStore program, Quotas quotas, TierStore tiers) {
        static Stores jdbc(DataSource ds) {
            return new Stores(JdbcLedgerStore.of(ds), JdbcProgramStore.of(ds), JdbcQuotas.of(ds), JdbcTierStore.of(ds));
        }
    }

    /** A version's rules: PTS per whole euro under a daily cap, a budgeted basket bonus, a capped review. */
    static RuleSet rules(String version, Quotas quotas) {
        return RuleSet.builder(PTS).quotas(quotas)
                .campaign(Campaign.of("launch", "Launch", Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z")).withBudget("PTS", ProgramModel.BUDGET))
                .rule("base", r -> r.name("Base points").capPerMember("PTS", ProgramModel.BASE_CAP, CapPeriod.DAY)
                        .award(Actions.perUnitSpent(PTS.points(ProgramModel.rate(version)), Money.of("1.00", "EUR"))))
                .rule("bonus", r -> r.name("Launch bonus").campaign("launch")
                        .when(Conditions.basketAtLeast(Money.of(BigDecimal.valueOf(ProgramModel.bonusFrom(version), 2)
                                .toPlainString(), "EUR")))
                        .award(Actions.fixed(PTS.points(ProgramModel.BONUS))))
                .rule("review", r -> r.name("Review").when(Conditions.eventType("review"))
                        .capPerMember("PTS", ProgramModel.REVIEW_CAP, CapPeriod.MONTH)
                        .award(Actions.fixed(PTS.points(ProgramModel.REVIEW))))
                .build();
    }

    static final List<Reward> CATALOGUE = List.of(
            Reward.of("voucher", "Coffee voucher", PTS.points(10)).limitPerMember(2),
            Reward.of("gift", "Silver gift", PTS.points(15)).forTiers(Set.of("Silver")).limitPerMember(1));

    static final Metric POINTS = Metric.points(PTS);
    static final TierLadder LADDER = TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
            .metrics(POINTS).retention(false).returnRule(ReturnRule.IMMEDIATE)
            .tier(Tier.of("Base"))
            .tier(Tier.of("Silver").withThreshold(POINTS, ProgramModel.SILVER))
            .build();

    @Provide
    Arbitrary<ActionSequence<World>> sequences() {
        // mostly the two members enrolled from the start; m2 and m3 once enrolled, or refused as unknown
        Arbitrary<Integer> member = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(4, 1), Tuple.of(2, 2), Tuple.of(1, 3));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(10, 900)).as(Line::new);
        Arbitrary<List<Line>> basket = line.list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.sequences(Arbitraries.frequencyOf(
                Tuple.of(2, member.map(Enrol::new)),
                Tuple.of(8, Combinators.combine(member, basket, pick).as(Buy::new)),
                Tuple.of(3, Combinators.combine(member, Arbitraries.of(true, false), pick).as(Event::new)),
                Tuple.of(5, Combinators.combine(pick, Arbitraries.integers().between(0, 11), pick).as(Return::new)),
                Tuple.of(4, Combinators.combine(member, Arbitraries.integers().between(0, REWARDS.size() - 1), pick)
                        .as(Redeem::new)),
                Tuple.of(3, Combinators.combine(member, Arbitraries.longs().between(1, 30),
                        Arbitraries.integers().between(1, 24), pick).as(Reserve::new)),
                Tuple.of(3, Combinators.combine(pick, Arbitraries.of(true, false), Arbitraries.integers().between(0, 5),
                        pick).as(CloseReservation::new)),
                Tuple.of(1, Arbitraries.just(new Install())),
                Tuple.of(2, Arbitraries.just(new Assess())),
                Tuple.of(3, Arbitraries.integers().between(1, 16).map(Advance::new)),
                Tuple.of(3, pick.map(Retry::new)),
                Tuple.of(1, Combinators.combine(pick, member, Arbitraries.of(true, false)).as(Conflict::new))))
                .ofSize(30);
    }

    /** A basket line as generated: units and unit price in cents. */
    record Line(int units, int cents) {
    }

    /** A clock the test moves forward with business time. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A successful request, to be retried with its key. */
    record Replay(String what, Supplier<?> call, Object first) {
    }

    /** The program under test on one backend, the model, and what the test remembers between steps. */
    static final class World {
        final Backend backend;
        final TestClock clock = new TestClock(START);
        final Stores stores;
        final Ledger ledger;
        final RuleSet v1Rules;
        final RuleSet v2Rules;
        final ProgramVersion v1;
        final ProgramVersion v2;
        final TierEngine tiers;
        final LoyaltyProgram program;
        final ProgramModel model = new ProgramModel(START);
        final List<TierEvent> heard = new ArrayList<>();
        /** First receipts of purchases, events and returns, by key. */
        final Map<String, Receipt> receipts = new LinkedHashMap<>();
        final List<String> purchaseKeys = new ArrayList<>();
        final List<String> eventKeys = new ArrayList<>();
        final List<String> rewardKeys = new ArrayList<>();
        final List<String> reservationKeys = new ArrayList<>();
        /** Keys of requests that succeeded, of any kind. */
        final List<String> usedKeys = new ArrayList<>();
        /** Keys of refused requests, free to be used again. */
        final List<String> freeKeys = new ArrayList<>();
        final List<Replay> replays = new ArrayList<>();
        int keys;

        World(Backend backend) {
            this.backend = backend;
            this.stores = backend.open();
            ledger = Ledger.builder().zone(ZONE).clock(clock).currency(PTS).store(stores.ledger()).build();
            v1Rules = rules("v1", stores.quotas());
            v2Rules = rules("v2", stores.quotas());
            v1 = ProgramVersion.of("v1", v1Rules, CATALOGUE);
            v2 = ProgramVersion.of("v2", v2Rules, CATALOGUE);
            tiers = TierEngine.of(LADDER, heard::add, stores.tiers());
            program = LoyaltyProgram.of(ledger, v1, tiers, stores.program());
            Instant enrolled = START.minus(Duration.ofDays(1));
            for (String m : MEMBERS.subList(0, 2)) {
                program.enrol(MemberId.of(m), enrolled);
                model.enrol(m, enrolled);
            }
        }

        @Override
        public String toString() {
            return "World[" + backend + "]";
        }

        /** Moves business time on by a minute and returns it: every request has a time of its own. */
        Instant tick() {
            return advance(Duration.ofMinutes(1));
        }

        Instant advance(Duration by) {
            clock.now = clock.now.plus(by);
            model.now = clock.now;
            return clock.now;
        }

        Instant now() {
            return clock.now;
        }

        /** A fresh key, or now and then the key of a refused request, which must be free again. */
        IdempotencyKey key(int pick) {
            if (!freeKeys.isEmpty() && pick % 3 == 0) {
                return IdempotencyKey.of(freeKeys.remove(pick % freeKeys.size()));
            }
            return IdempotencyKey.of("k" + (++keys));
        }

        /**
         * Runs a request on the model and on the program: both refuse it (the program with the model's
         * exception, changing nothing and leaving the key free), or both do it and {@code agree} compares
         * the results. Returns the program's result, or null if it was refused.
         */
        <M, T> T attempt(String what, IdempotencyKey key, Supplier<M> onModel, Supplier<T> onProgram,
                BiConsumer<M, T> agree) {
            M expected;
            try {
                expected = onModel.get();
            } catch (ProgramModel.Rejected r) {
                Map<String, Object> before = snapshot();
                Throwable thrown = catchThrowable(onProgram::get);
                assertThat(thrown).as(what + " must be refused as the model says").isInstanceOf(r.expected);
                assertThat(thrown.getMessage()).isNotBlank();
                assertThat(snapshot()).as("a refused " + what + " changes nothing").isEqualTo(before);
                if (key != null) {
                    freeKeys.add(key.value());
                }
                return null;
            }
            T result = onProgram.get();
            agree.accept(expected, result);
            if (key != null) {
                usedKeys.add(key.value());
                replays.add(new Replay(what, onProgram, result));
            }
            return result;
        }

        /** Everything observable about every member, to show that a refused request or a retry changed nothing. */
        Map<String, Object> snapshot() {
            Map<String, Object> all = new TreeMap<>();
            for (String m : MEMBERS) {
                MemberId id = MemberId.of(m);
                if (model.members.containsKey(m)) {
                    all.put(m + ".balance", ledger.balance(id, PTS));
                    all.put(m + ".lots", ledger.lots(id, PTS));
                    all.put(m + ".statement", ledger.statement(id));
                }
                // what the record holds; its version may move on (a refused redemption is counted, then withdrawn)
                MemberRecord r = program.store().member(id).orElse(MemberRecord.empty(id));
                all.put(m + ".record", List.of(r.tags(), r.attributes(), String.valueOf(r.birthday()), r.purchases(),
                        r.rewardsRedeemed()));
                all.put(m + ".tiers", tiers.history(id));
            }
            for (String counter : model.quotas.keySet()) {
                all.put(counter, stores.quotas().used(counter));
            }
            all.put(ProgramModel.BUDGET_COUNTER, stores.quotas().used(ProgramModel.BUDGET_COUNTER));
            return all;
        }

        /** After every step: the program agrees with the model on everything the model keeps. */
        void check() {
            List<String> events = new ArrayList<>();
            for (TierEvent e : heard) {
                events.add(describe(e));
            }
            assertThat(events).as("tier events of the step").isEqualTo(model.tierEvents);
            heard.clear();
            model.tierEvents.clear();
            for (String m : MEMBERS) {
                MemberId id = MemberId.of(m);
                if (!model.members.containsKey(m)) {
                    assertThat(program.store().member(id).map(MemberRecord::purchases).orElse(0L)).isZero();
                    continue;
                }
                ProgramModel.MMember mm = model.members.get(m);
                Balance b = ledger.balance(id, PTS);
                assertThat(b.total()).as("total of " + m).isEqualTo(model.total(m));
                assertThat(b.available()).as("available of " + m).isEqualTo(model.available(m));
                assertThat(b.reserved()).as("reserved of " + m).isEqualTo(model.reserved(m));
                assertThat(b.debt()).as("debt of " + m).isEqualTo(mm.debt);
                assertThat(b.pending()).isZero();
                List<Long> lots = new ArrayList<>();
                for (Lot lot : ledger.lots(id, PTS)) {
                    lots.add(lot.remaining());
                }
                List<Long> modelLots = new ArrayList<>();
                for (ProgramModel.MLot lot : mm.lots) {
                    modelLots.add(lot.remaining);
                }
                assertThat(lots).as("lots of " + m).isEqualTo(modelLots);
                MemberRecord record = program.store().member(id).orElse(MemberRecord.empty(id));
                assertThat(record.purchases()).as("purchases of " + m).isEqualTo(mm.purchases);
                assertThat(record.rewardsRedeemed()).as("rewards of " + m).isEqualTo(mm.rewards);
                assertThat(tiers.tierAt(id, now()).name()).as("tier of " + m).isEqualTo(model.tier(m, now()));
                assertThat(tiers.progress(id, now()).values().get(POINTS).longValueExact())
                        .as("qualifying points of " + m + " this year").isEqualTo(model.qualifying(m, now()));
            }
            for (Map.Entry<String, Long> q : model.quotas.entrySet()) {
                assertThat(stores.quotas().used(q.getKey())).as(q.getKey()).isEqualTo(q.getValue());
            }
            long budgetLeft = ProgramModel.BUDGET - model.quotas.getOrDefault(ProgramModel.BUDGET_COUNTER, 0L);
            assertThat(v1Rules.budgetRemaining("launch", "PTS")).isEqualTo(budgetLeft);
            assertThat(v2Rules.budgetRemaining("launch", "PTS")).isEqualTo(budgetLeft);
            for (Map.Entry<String, Receipt> r : receipts.entrySet()) {
                assertThat(program.receipt(IdempotencyKey.of(r.getKey()))).as("receipt " + r.getKey())
                        .contains(r.getValue());
            }
            for (String key : rewardKeys) {
                assertThat(program.store().receipt(IdempotencyKey.of(key)).map(ReceiptRecord::kind))
                        .contains(ReceiptRecord.Kind.REWARD);
            }
            for (String key : freeKeys) {
                assertThat(program.store().receipt(IdempotencyKey.of(key))).as("refused " + key).isEmpty();
                assertThat(ledger.posting(IdempotencyKey.of(key))).as("refused " + key).isEmpty();
            }
        }

        /** Checks a receipt: its key, member, version, time, award lines, and the one posting of their total. */
        void checkReceipt(Receipt receipt, IdempotencyKey key, String member, String version, Instant at,
                List<MAward> expected, boolean clawBack) {
            assertThat(receipt.key()).isEqualTo(key);
            assertThat(receipt.member()).isEqualTo(MemberId.of(member));
            assertThat(receipt.programVersion()).isEqualTo(version);
            assertThat(receipt.at()).isEqualTo(at);
            assertThat(receipt.clawBack()).isEqualTo(clawBack);
            List<MAward> awards = new ArrayList<>();
            for (Award a : receipt.awards()) {
                assertThat(a.currency()).isEqualTo("PTS");
                awards.add(new MAward(a.ruleId(), a.amount(), new LinkedHashMap<>(a.lineShares())));
            }
            assertThat(awards).as("award lines of " + key).isEqualTo(expected);
            long total = ProgramModel.sum(expected);
            if (total == 0) {
                assertThat(receipt.postings()).isEmpty();
            } else {
                assertThat(receipt.postings()).hasSize(1);
                Posting p = receipt.postings().get(0);
                assertThat(p.type()).isEqualTo(clawBack ? PostingType.REVERSAL : PostingType.EARN);
                assertThat(p.amount()).isEqualTo(total);
                assertThat(p.member()).isEqualTo(MemberId.of(member));
            }
        }
    }

    static String describe(TierEvent e) {
        if (e instanceof TierUpgraded u) {
            return describe("up", u.change());
        }
        if (e instanceof TierDowngraded d) {
            return describe("down", d.change());
        }
        return e.toString();
    }

    private static String describe(String kind, TierChange c) {
        return kind + " " + c.member().value() + " " + c.from() + "->" + c.to() + " at " + c.at() + " " + c.cause();
    }

    static List<MLine> lines(List<Line> generated) {
        List<MLine> out = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            out.add(new MLine(String.valueOf(i + 1), generated.get(i).units(), generated.get(i).cents()));
        }
        return out;
    }

    static Purchase basket(List<MLine> lines) {
        List<BasketLine> out = new ArrayList<>();
        for (MLine l : lines) {
            out.add(BasketLine.of(l.id(), "SKU" + l.id(), "goods", l.quantity(),
                    Money.of(BigDecimal.valueOf(l.cents(), 2).toPlainString(), "EUR")));
        }
        return Purchase.of("store-1", "pos", out);
    }

    record Enrol(int member) implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            w.attempt("enrolment", null, () -> {
                w.model.enrol(m, at);
                return null;
            }, () -> w.program.enrol(MemberId.of(m), at), (x, account) -> assertThat(account.member().value())
                    .isEqualTo(m));
            return w;
        }
    }

    record Buy(int member, List<Line> items, int pick) implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            IdempotencyKey key = w.key(pick);
            List<MLine> lines = lines(items);
            Receipt r = w.attempt("purchase", key, () -> w.model.purchase(m, key.value(), lines, at),
                    () -> w.program.purchase(MemberId.of(m), basket(lines), at, key),
                    (p, receipt) -> w.checkReceipt(receipt, key, m, p.version, at, p.awards, false));
            if (r != null) {
                w.receipts.put(key.value(), r);
                w.purchaseKeys.add(key.value());
            }
            return w;
        }
    }

    record Event(int member, boolean review, int pick) implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            IdempotencyKey key = w.key(pick);
            String version = w.model.version;
            MemberEvent event = new MemberEvent(review ? "review" : "survey", Map.of());
            Receipt r = w.attempt("event", key, () -> w.model.event(m, review, at),
                    () -> w.program.event(MemberId.of(m), event, at, key),
                    (awards, receipt) -> w.checkReceipt(receipt, key, m, version, at, awards, false));
            if (r != null) {
                w.receipts.put(key.value(), r);
                w.eventKeys.add(key.value());
            }
            return w;
        }
    }

    /**
     * A return of an earlier purchase: mostly of units still kept, else a request to refuse: more
     * units than are left (6), a line the purchase does not have (7), zero units (8), by another
     * member (9), of an event or of no purchase (10), of nothing (11).
     */
    record Return(int pick, int mode, int seed) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.purchaseKeys.isEmpty();
        }

        @Override
        public World run(World w) {
            Instant at = w.tick();
            String original = w.purchaseKeys.get(pick % w.purchaseKeys.size());
            MPurchase p = w.model.purchases.get(original);
            String who = p.member;
            Map<String, Long> units = new TreeMap<>();
            List<MLine> open = new ArrayList<>();
            for (MLine l : p.lines) {
                if (p.left(l) > 0) {
                    open.add(l);
                }
            }
            switch (mode) {
                case 6: {
                    MLine l = p.lines.get(seed % p.lines.size());
                    units.put(l.id(), p.left(l) + 1);
                    break;
                }
                case 7:
                    units.put("9", 1L);
                    break;
                case 8:
                    units.put(p.lines.get(0).id(), 0L);
                    break;
                case 9:
                    who = MEMBERS.get((MEMBERS.indexOf(p.member) + 1 + seed % (MEMBERS.size() - 1)) % MEMBERS.size());
                    units.put(p.lines.get(0).id(), 1L);
                    break;
                case 10:
                    original = w.eventKeys.isEmpty() || seed % 2 == 0 ? "no-such-purchase"
                            : w.eventKeys.get(seed % w.eventKeys.size());
                    units.put("1", 1L);
                    break;
                case 11:
                    break;
                default:
                    if (open.isEmpty()) {
                        units.put(p.lines.get(0).id(), 1L); // all returned already: refused
                        break;
                    }
                    MLine first = open.get(seed % open.size());
                    units.put(first.id(), 1 + (seed / 7) % p.left(first));
                    if (open.size() > 1 && seed % 2 == 0) {
                        MLine second = open.get((seed + 1) % open.size());
                        units.put(second.id(), 1 + (seed / 11) % p.left(second));
                    }
            }
            String member = who;
            String target = original;
            IdempotencyKey key = w.key(seed);
            Receipt r = w.attempt("return", key, () -> w.model.returnPurchase(member, target, units, at),
                    () -> w.program.returnPurchase(MemberId.of(member), IdempotencyKey.of(target), units, at, key),
                    (clawed, receipt) -> w.checkReceipt(receipt, key, member, w.model.purchases.get(target).version,
                            at, clawed, true));
            if (r != null) {
                w.receipts.put(key.value(), r);
            }
            return w;
        }
    }

    record Redeem(int member, int reward, int pick) implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            String id = REWARDS.get(reward);
            IdempotencyKey key = w.key(pick);
            Posting p = w.attempt("redemption of " + id, key, () -> {
                w.model.redeemReward(m, id, at);
                return null;
            }, () -> w.program.redeemReward(MemberId.of(m), id, at, key), (x, posting) -> {
                assertThat(posting.type()).isEqualTo(PostingType.REDEEM);
                assertThat(posting.amount()).isEqualTo(id.equals("voucher") ? 10 : 15);
                assertThat(posting.member()).isEqualTo(MemberId.of(m));
            });
            if (p != null) {
                w.rewardKeys.add(key.value());
            }
            return w;
        }
    }

    record Reserve(int member, long amount, int ttlHours, int pick) implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            IdempotencyKey key = w.key(pick);
            Duration ttl = Duration.ofHours(ttlHours);
            Posting p = w.attempt("reservation", key, () -> {
                w.model.reserve(m, amount, ttl, at, key.value());
                return null;
            }, () -> w.program.reserve(MemberId.of(m), PTS.points(amount), ttl, at, key, "checkout"),
                    (x, posting) -> assertThat(posting.type()).isEqualTo(PostingType.RESERVE));
            if (p != null) {
                w.reservationKeys.add(key.value());
            }
            return w;
        }
    }

    /** Captures or releases a reservation; now and then (other = 0) as another member, which is refused. */
    record CloseReservation(int pick, boolean capture, int other, int keyPick) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.reservationKeys.isEmpty();
        }

        @Override
        public World run(World w) {
            Instant at = w.tick();
            String reservation = w.reservationKeys.get(pick % w.reservationKeys.size());
            String owner = w.model.reservations.get(reservation).member;
            String m = other == 0 ? MEMBERS.get((MEMBERS.indexOf(owner) + 1) % MEMBERS.size()) : owner;
            IdempotencyKey key = w.key(keyPick);
            IdempotencyKey target = IdempotencyKey.of(reservation);
            w.attempt(capture ? "capture" : "release", key, () -> {
                w.model.close(capture, m, reservation, at);
                return null;
            }, () -> capture ? w.program.capture(MemberId.of(m), target, at, key)
                    : w.program.release(MemberId.of(m), target, at, key),
                    (x, posting) -> assertThat(posting.type())
                            .isEqualTo(capture ? PostingType.CAPTURE : PostingType.RELEASE));
            return w;
        }
    }

    /**
     * Installs the other version: v2 pays twice the base rate and its bonus needs a basket of 10.00 EUR;
     * returns are evaluated under the purchase's version.
     */
    record Install() implements Action<World> {
        @Override
        public World run(World w) {
            w.tick();
            ProgramVersion next = w.model.version.equals("v1") ? w.v2 : w.v1;
            assertThat(w.program.install(next).id()).isEqualTo(w.model.version);
            w.model.version = next.id();
            assertThat(w.program.version()).isEqualTo(next);
            return w;
        }
    }

    record Assess() implements Action<World> {
        @Override
        public World run(World w) {
            Instant at = w.tick();
            w.model.assess(at);
            List<TierEvent> events = w.tiers.assessTiers(at);
            assertThat(events).isEqualTo(w.heard);
            return w;
        }
    }

    record Advance(int hours) implements Action<World> {
        @Override
        public World run(World w) {
            w.advance(Duration.ofHours(hours));
            return w;
        }
    }

    /** Retries an earlier successful request with its key: the first result, and nothing changes. */
    record Retry(int pick) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.replays.isEmpty();
        }

        @Override
        public World run(World w) {
            Replay replay = w.replays.get(pick % w.replays.size());
            Map<String, Object> before = w.snapshot();
            assertThat(replay.call().get()).as("retried " + replay.what()).isEqualTo(replay.first());
            assertThat(w.snapshot()).as("a retried " + replay.what() + " changes nothing").isEqualTo(before);
            return w;
        }
    }

    /** Reuses the key of an earlier successful request for another purchase or a redemption: refused. */
    record Conflict(int pick, int member, boolean purchase) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.usedKeys.isEmpty() && w.model.members.containsKey(MEMBERS.get(member));
        }

        @Override
        public World run(World w) {
            Instant at = w.tick();
            String m = MEMBERS.get(member);
            IdempotencyKey key = IdempotencyKey.of(w.usedKeys.get(pick % w.usedKeys.size()));
            Purchase basket = basket(List.of(new MLine("1", 1, 700)));
            w.attempt("reuse of key " + key, null, () -> {
                throw ProgramModel.conflict();
            }, () -> purchase ? w.program.purchase(MemberId.of(m), basket, at, key)
                    : w.program.redeemReward(MemberId.of(m), "voucher", at, key), (x, y) -> { });
            return w;
        }
    }
}
