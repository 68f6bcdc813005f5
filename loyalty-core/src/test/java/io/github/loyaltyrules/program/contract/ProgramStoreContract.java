package io.github.loyaltyrules.program.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProgramStore} must do, on its own (versions, keyed inserts, atomic commits, exact
 * round trips) and under {@link LoyaltyProgram} with two "servers" (two programs, each with its own
 * ledger and store objects over the same data): a purchase on one is returned on the other exactly
 * once, a reward's limit holds across them, and a failure after the store write is completed by a retry.
 */
public abstract class ProgramStoreContract {

    protected static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    protected static final Instant T0 = Instant.parse("2026-04-07T09:30:00.123456Z");
    protected static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    protected static final MemberId ANN = MemberId.of("ann");
    protected static final MemberId BOB = MemberId.of("bob");

    /** One server's view of the shared data: its own ledger and program store objects. */
    public record Server(Ledger ledger, ProgramStore store) {
    }

    /** Shared data that servers are opened on. */
    public interface Database {
        /** Opens another server on the same data (the in-memory store gives the same objects). */
        Server server();
    }

    /** Returns a new, empty database whose ledger has the currency {@link #PTS} and the zone {@link #ZONE}. */
    protected abstract Database newDatabase();

    /** 1 PTS per whole euro of each line (line shares), 40 PTS on baskets of 20.00 or more (shared by amount). */
    public static final RuleEngine ENGINE = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of(new Award("welcome", "Welcome", "PTS", 5, Map.of(), Explanation.fixed())));
        }
        Map<String, Long> shares = new LinkedHashMap<>();
        for (BasketLine line : p.lines()) {
            shares.put(line.lineId(), line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        List<Award> awards = new ArrayList<>();
        long sum = shares.values().stream().mapToLong(Long::longValue).sum();
        if (sum > 0) {
            awards.add(new Award("base", "Base points", "PTS", sum, shares,
                    new Explanation("basket " + p.total(), "1 per euro", "", "floor", "")));
        }
        if (p.total().amount().compareTo(new BigDecimal("20.00")) >= 0) {
            awards.add(new Award("big-basket", "40 pts on 20.00 or more", "PTS", 40, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    };

    public static final ProgramVersion V1 = ProgramVersion.of("v1", ENGINE,
            List.of(Reward.of("cup", "Free coffee", PTS.points(15)).limitPerMember(1)));

    protected static Purchase basket() {
        return Purchase.of("store-1", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS", "beans", 1, Money.of("12.99", "EUR"))));
    }

    protected static LoyaltyProgram program(Server s) {
        return LoyaltyProgram.of(s.ledger(), V1, TierLookup.NONE, s.store());
    }

    private static long balance(LoyaltyProgram p, MemberId m) {
        return p.ledger().balance(m, PTS).total();
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    // ------------------------------------------------------------------ the store on its own

    @Test
    void aMemberVersionIsStoredByOnlyOneWriter() {
        ProgramStore store = newDatabase().server().store();
        MemberRecord v1 = MemberRecord.empty(ANN).withProfile(Set.of("staff"), Map.of("city", "Utrecht"),
                LocalDate.of(1990, 2, 3));
        MemberRecord other = MemberRecord.empty(ANN).plusPurchase();

        assertThat(store.member(ANN)).isEmpty();
        assertThat(store.commit(new ProgramCommit(v1, null, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.commit(new ProgramCommit(other, null, null, null))).isEqualTo(CommitResult.STALE);
        assertThat(store.member(ANN)).contains(v1);
        MemberRecord v2 = v1.plusPurchase().plusRedemption("cup", 1);
        assertThat(v2.version()).isEqualTo(3);
        assertThat(store.commit(new ProgramCommit(v2, null, null, null))).isEqualTo(CommitResult.STALE);
        MemberRecord next = v1.plusPurchase();
        assertThat(store.commit(new ProgramCommit(next, null, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.member(ANN)).contains(next);
    }

    @Test
    void aKeyIsInsertedOnceAndACommitIsAllOrNothing() {
        ProgramStore store = newDatabase().server().store();
        ReceiptRecord first = purchaseRecord("k");
        ReceiptRecord second = ReceiptRecord.event(key("k"), BOB, "v1", T0, new MemberEvent("review", Map.of()),
                List.of());
        MemberRecord m1 = MemberRecord.empty(ANN).plusPurchase();

        assertThat(store.commit(new ProgramCommit(m1, first, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.commit(new ProgramCommit(m1.plusPurchase(), second, null, null)))
                .isEqualTo(CommitResult.DUPLICATE_KEY);
        assertThat(store.receipt(key("k"))).contains(first);
        assertThat(store.member(ANN)).contains(m1);

        ReturnState r1 = ReturnState.none(key("k")).plus(Map.of("1", 1L), new long[] {3, 0}, Map.of("POINTS:PTS", 3L));
        ReceiptRecord ret = returnRecord("r1");
        assertThat(store.commit(new ProgramCommit(null, ret, r1, null))).isEqualTo(CommitResult.APPLIED);
        ReceiptRecord ret2 = returnRecord("r2");
        assertThat(store.commit(new ProgramCommit(null, ret2, r1, null))).isEqualTo(CommitResult.STALE);
        assertThat(store.receipt(key("r2"))).isEmpty();
        assertThat(store.returns(key("k"))).contains(r1);
        assertThat(store.returns(key("r1"))).isEmpty();
    }

    @Test
    void recordsOfEveryKindComeBackEqualAndARewardRecordCanBeRemoved() {
        ProgramStore store = newDatabase().server().store();
        ReceiptRecord p = purchaseRecord("p|1:~;x");
        ReceiptRecord e = ReceiptRecord.event(key("e"), ANN, "v1", T0.plusNanos(1),
                new MemberEvent("review", Map.of("stars", "5", "text", "a;b:c ~ é")), List.of(
                        new Award("welcome", "Welcome", "PTS", 5, Map.of(), Explanation.fixed())));
        ReceiptRecord r = returnRecord("r");
        ReceiptRecord w = ReceiptRecord.reward(key("w"), ANN, "v1", T0, "cup");
        for (ReceiptRecord rec : List.of(p, e, r, w)) {
            assertThat(store.commit(new ProgramCommit(null, rec, null, null))).isEqualTo(CommitResult.APPLIED);
            assertThat(store.receipt(rec.key())).contains(rec);
        }
        MemberRecord m = MemberRecord.empty(ANN).plusRedemption("cup", 1);
        assertThat(store.commit(new ProgramCommit(m, null, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.commit(new ProgramCommit(m.plusRedemption("cup", -1), null, null, key("w"))))
                .isEqualTo(CommitResult.APPLIED);
        assertThat(store.receipt(key("w"))).isEmpty();
        assertThat(store.member(ANN).orElseThrow().redeemed("cup")).isZero();
    }

    @Test
    void aKeyIsBoundToOneUseUntilWithdrawn() {
        ProgramStore store = newDatabase().server().store();
        assertThat(store.claimKey(key("k"), "a return")).isEmpty();
        assertThat(store.claimKey(key("k"), "a return")).contains("a return");
        assertThat(store.claimKey(key("k"), "a redemption")).contains("a return");
        store.withdrawKey(key("k"), "a redemption");
        assertThat(store.claimKey(key("k"), "a redemption")).contains("a return");
        store.withdrawKey(key("k"), "a return");
        assertThat(store.claimKey(key("k"), "a redemption")).isEmpty();
    }

    @Test
    void badCommitsAreRefusedBeforeTheStoreIsAsked() {
        ProgramStore store = newDatabase().server().store();
        assertThatThrownBy(() -> store.commit(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProgramCommit(null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must change something");
        assertThatThrownBy(() -> new ProgramCommit(MemberRecord.empty(ANN), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 0");
        assertThat(store.member(ANN)).isEmpty();
    }

    @Test
    void recordsByTimeWalksEveryMembersRecordsInExactTimeOrderAPageAtATime() {
        ProgramStore store = newDatabase().server().store();
        // fractions of a second sort after the whole second as ISO text; one second holds more than a page
        Instant second = Instant.parse("2026-05-01T12:00:00Z");
        long[] offsetsMillis = {0, 999, 1, 500, 0, 1000, 1001, 1999, -1, 2000, 250, 750, 3_600_000, -86_400_000};
        List<ReceiptRecord> all = new ArrayList<>();
        for (int i = 0; i < offsetsMillis.length; i++) {
            MemberId m = i % 3 == 0 ? BOB : ANN;
            Instant at = second.plusMillis(offsetsMillis[i]).plusNanos(i % 2 == 0 ? 0 : 123_000);
            ReceiptRecord r = ReceiptRecord.event(key("e" + (char) ('a' + (i * 5) % offsetsMillis.length)), m, "v1", at,
                    new MemberEvent("review", Map.of()), List.of());
            assertThat(store.commit(new ProgramCommit(null, r, null, null))).isEqualTo(CommitResult.APPLIED);
            all.add(r);
        }
        all.sort(ProgramStore.timeOrder());
        Instant from = second.minusMillis(1);
        Instant to = second.plusMillis(2000);
        List<ReceiptRecord> inPeriod = all.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
        assertThat(inPeriod).hasSize(11);
        for (int limit : new int[] {1, 2, 3, 7, 100}) {
            List<ReceiptRecord> walked = new ArrayList<>();
            for (ReceiptRecord after = null; ; ) {
                List<ReceiptRecord> page = store.recordsByTime(from, to, after, limit);
                assertThat(page.size()).isLessThanOrEqualTo(limit);
                walked.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
            assertThat(walked).as("page size " + limit).containsExactlyElementsOf(inPeriod);
        }
        assertThat(store.recordsByTime(Instant.MIN, Instant.MAX, null, 100)).containsExactlyElementsOf(all);
        assertThat(store.recordsByTime(to, from, null, 5)).isEmpty();
        assertThat(store.recordsByTime(from, to, inPeriod.get(10), 5)).isEmpty();
        assertThatThrownBy(() -> store.recordsByTime(from, to, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    /**
     * A view of a store that sums a period by the SPI's default (the walk over {@link
     * ProgramStore#recordsByTime} pages), whatever the store does itself.
     */
    public static ProgramStore walking(ProgramStore store) {
        return new ProgramStore() {
            @Override
            public java.util.Optional<MemberRecord> member(MemberId member) {
                return store.member(member);
            }

            @Override
            public java.util.Optional<ReceiptRecord> receipt(IdempotencyKey key) {
                return store.receipt(key);
            }

            @Override
            public java.util.Optional<ReturnState> returns(IdempotencyKey purchase) {
                return store.returns(purchase);
            }

            @Override
            public java.util.Optional<String> claimKey(IdempotencyKey key, String use) {
                return store.claimKey(key, use);
            }

            @Override
            public void withdrawKey(IdempotencyKey key, String use) {
                store.withdrawKey(key, use);
            }

            @Override
            public CommitResult commit(ProgramCommit commit) {
                return store.commit(commit);
            }

            @Override
            public List<ReceiptRecord> recordsByTime(Instant from, Instant to, ReceiptRecord after, int limit) {
                return store.recordsByTime(from, to, after, limit);
            }
        };
    }

    private static Purchase basketAt(String store, String price, String currency) {
        return Purchase.of(store, "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1, Money.of(price, currency))));
    }

    private static ReceiptRecord sale(String k, MemberId m, Instant at, Purchase p, Award... awards) {
        MemberProfile profile = new MemberProfile(m, "Gold", Set.of("vip"), Map.of("city", "Delft"), null, 0,
                BigDecimal.ONE, Set.of());
        return ReceiptRecord.purchase(key(k), "v1", at, p, profile, List.of(awards));
    }

    private static Award award(String currency, long amount) {
        return new Award("r", "Rule", currency, amount, Map.of(), Explanation.fixed());
    }

    @Test
    void activitySumsExactlyTheRecordsOfThePeriodAsTheWalkDoesAndABadPeriodIsRefused() {
        ProgramStore store = newDatabase().server().store();
        // bounds and records a nanosecond apart, below the microsecond a database timestamp keeps
        Instant from = Instant.parse("2026-06-01T00:00:00.000000500Z");
        Instant to = Instant.parse("2026-06-30T23:59:59.999999700Z");
        MemberId cy = MemberId.of("cy");
        List<ReceiptRecord> records = List.of(
                sale("s-before", ANN, from.minusNanos(1), basketAt("north", "99.00", "EUR"), award("PTS", 99)),
                sale("s1", ANN, from, basketAt("north", "10.50", "EUR"), award("PTS", 10), award("MILES", 3),
                        award("PTS", 2)),
                sale("s2", BOB, from.plusNanos(1), basketAt("north", "1200", "JPY"), award("PTS", 12)),
                sale("s3", BOB, from.plusSeconds(60), basketAt("south", "2.125", "BHD")),
                sale("s4", ANN, from.plusSeconds(61), basketAt("north", "0.50", "EUR"), award("PTS", 1)),
                ReceiptRecord.event(key("e1"), cy, "v1", from.plusSeconds(70), new MemberEvent("review",
                        Map.of("text", "great")), List.of(award("PTS", 5), award("MILES", 1))),
                ReceiptRecord.ofReturn(key("r1"), ANN, "v1", from.plusSeconds(80), key("s1"), Map.of("1", 1L),
                        List.of(award("PTS", 4)), Map.of()),
                // returns of purchases outside the period, or not stored, count at their store, or at ""
                ReceiptRecord.ofReturn(key("r2"), ANN, "v1", from.plusSeconds(90), key("s-before"), Map.of("1", 1L),
                        List.of(award("PTS", 99)), Map.of()),
                ReceiptRecord.ofReturn(key("r3"), cy, "v1", from.plusSeconds(91), key("gone"), Map.of("1", 1L),
                        List.of(), Map.of()),
                ReceiptRecord.reward(key("w1"), ANN, "v1", from.plusSeconds(95), "cup"),
                ReceiptRecord.reward(key("w-removed"), BOB, "v1", from.plusSeconds(96), "cup"),
                ReceiptRecord.event(key("e-last"), cy, "v1", to.minusNanos(1), new MemberEvent("visit", Map.of()),
                        List.of(award("PTS", 7))),
                ReceiptRecord.event(key("e-at-to"), MemberId.of("dee"), "v1", to, new MemberEvent("visit", Map.of()),
                        List.of(award("PTS", 1000))));
        for (ReceiptRecord r : records) {
            assertThat(store.commit(new ProgramCommit(null, r, null, null))).isEqualTo(CommitResult.APPLIED);
        }
        assertThat(store.commit(new ProgramCommit(null, null, null, key("w-removed")))).isEqualTo(CommitResult.APPLIED);

        io.github.loyaltyrules.report.ProgramActivity a = store.activity(from, to);

        assertThat(a).isEqualTo(walking(store).activity(from, to));
        assertThat(a.enrolledMembers()).isZero();
        assertThat(a.activeMembers()).isEqualTo(3);
        assertThat(a.participatingMembers()).isEqualTo(2);
        assertThat(List.of(a.purchases(), a.events(), a.returns(), a.rewards())).containsExactly(4L, 2L, 3L, 1L);
        assertThat(a.spend()).containsExactly(Map.entry("BHD", new BigDecimal("2.125")),
                Map.entry("EUR", new BigDecimal("11.00")), Map.entry("JPY", new BigDecimal("1200")));
        assertThat(a.earned()).containsExactly(Map.entry("MILES", 4L), Map.entry("PTS", 12L + 12 + 1 + 5 + 7));
        assertThat(a.stores()).containsExactly(
                new io.github.loyaltyrules.report.StoreActivity("", 0, 0, new java.util.TreeMap<>(),
                        new java.util.TreeMap<>(), 1, new java.util.TreeMap<>()),
                new io.github.loyaltyrules.report.StoreActivity("north", 3, 2, new java.util.TreeMap<>(Map.of(
                        "EUR", new BigDecimal("11.00"), "JPY", new BigDecimal("1200"))),
                        new java.util.TreeMap<>(Map.of("PTS", 25L, "MILES", 3L)), 2,
                        new java.util.TreeMap<>(Map.of("PTS", 103L))),
                new io.github.loyaltyrules.report.StoreActivity("south", 1, 1, new java.util.TreeMap<>(Map.of(
                        "BHD", new BigDecimal("2.125"))), new java.util.TreeMap<>(), 0, new java.util.TreeMap<>()));
        // a period of one nanosecond holds the record at its start, and the record after it is in the next
        assertThat(store.activity(from, from.plusNanos(1)).purchases()).isEqualTo(1);
        assertThat(store.activity(from.plusNanos(1), from.plusNanos(2)).participatingMembers()).isEqualTo(1);
        assertThat(store.activity(to, to.plusNanos(1)).earned()).containsExactly(Map.entry("PTS", 1000L));

        // erasure and retention keep the sums: no figure depends on the member's id or personal data
        assertThat(store.pseudonymise(ANN, MemberId.of("anon-1"))).isTrue();
        assertThat(store.dropPersonalData(to.plusSeconds(1))).isPositive();
        assertThat(store.activity(from, to)).isEqualTo(a).isEqualTo(walking(store).activity(from, to));

        List<ReceiptRecord> before = store.recordsByTime(Instant.MIN, Instant.MAX, null, 100);
        for (ProgramStore s : List.of(store, walking(store))) {
            assertThatThrownBy(() -> s.activity(to, from))
                    .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class)
                    .hasMessageContaining("end after it starts");
            assertThatThrownBy(() -> s.activity(from, from))
                    .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class);
            assertThatThrownBy(() -> s.activity(null, to)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> s.activity(from, null)).isInstanceOf(NullPointerException.class);
        }
        assertThat(store.recordsByTime(Instant.MIN, Instant.MAX, null, 100)).isEqualTo(before);
        assertThat(store.activity(from, to)).isEqualTo(a);
    }

    @Test
    void aPeriodWhosePointsAddUpBeyondALongIsRefusedAndChangesNothing() {
        ProgramStore store = newDatabase().server().store();
        Instant at = Instant.parse("2026-07-01T10:00:00Z");
        long half = Long.MAX_VALUE / 2 + 1;
        store.commit(new ProgramCommit(null, sale("big", ANN, at.minusSeconds(60), basketAt("north", "1.00", "EUR"),
                award("PTS", 1)), null, null));
        for (int i = 0; i < 2; i++) {
            store.commit(new ProgramCommit(null, ReceiptRecord.event(key("e" + i), BOB, "v1", at.plusSeconds(i),
                    new MemberEvent("visit", Map.of()), List.of(award("PTS", half))), null, null));
            store.commit(new ProgramCommit(null, ReceiptRecord.ofReturn(key("r" + i), ANN, "v1", at.plusSeconds(10 + i),
                    key("big"), Map.of("1", 1L), List.of(award("MILES", half)), Map.of()), null, null));
        }
        List<ReceiptRecord> before = store.recordsByTime(Instant.MIN, Instant.MAX, null, 100);
        for (ProgramStore s : List.of(store, walking(store))) {
            assertThatThrownBy(() -> s.activity(at, at.plusSeconds(2)))
                    .isInstanceOf(io.github.loyaltyrules.ledger.AmountOverflowException.class)
                    .hasMessageContaining("PTS").hasMessageContaining("shorter period");
            assertThatThrownBy(() -> s.activity(at.plusSeconds(5), at.plusSeconds(20)))
                    .isInstanceOf(io.github.loyaltyrules.ledger.AmountOverflowException.class)
                    .hasMessageContaining("MILES");
            assertThat(s.activity(at, at.plusSeconds(1)).earned()).containsExactly(Map.entry("PTS", half));
            assertThat(s.activity(at.plusSeconds(5), at.plusSeconds(11)).stores()).singleElement()
                    .satisfies(st -> assertThat(st.returned()).containsExactly(Map.entry("MILES", half)));
        }
        assertThat(store.recordsByTime(Instant.MIN, Instant.MAX, null, 100)).isEqualTo(before);
    }

    private static ReceiptRecord purchaseRecord(String k) {
        MemberProfile profile = new MemberProfile(ANN, "Gold", Set.of("staff", "vip"), Map.of("city", "Den Haag"),
                LocalDate.of(1990, 2, 3), 7, new BigDecimal("1.25"), Set.of("lounge"));
        return ReceiptRecord.purchase(key(k), "v1", T0, basket(), profile, List.of(
                new Award("base", "Base points", "PTS", 22, Map.of("1", 10L, "2", 12L),
                        new Explanation("basket 23.19 EUR", "1 per euro", "x1.25", "floor", "cap 100")),
                new Award("big-basket", "40 pts", "PTS", 40, Map.of(), Explanation.fixed())));
    }

    private static ReceiptRecord returnRecord(String k) {
        return ReceiptRecord.ofReturn(key(k), ANN, "v1", T0.plusSeconds(60), key("k"), Map.of("1", 1L, "2", 1L),
                List.of(new Award("base", "Base points", "PTS", 3, Map.of("1", 3L), Explanation.fixed())),
                Map.of("POINTS:PTS", 3L, "SPEND:EUR", 340L));
    }

    // ------------------------------------------------------------------ two servers under the facade

    @Test
    void aPurchaseOnOneServerIsReturnedOnAnotherExactlyOnce() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        LoyaltyProgram b = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));
        Receipt bought = a.purchase(ANN, basket(), T0, key("o-1"));
        assertThat(balance(a, ANN)).isEqualTo(62);

        Receipt returned = b.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.plusSeconds(60), key("r-1"));
        assertThat(returned.total("PTS")).isEqualTo(12 + 40);
        assertThat(balance(b, ANN)).isEqualTo(10);
        assertThat(a.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.plusSeconds(60), key("r-1")))
                .isEqualTo(returned);
        assertThat(a.receipt(key("r-1"))).contains(returned);
        assertThat(b.purchase(ANN, basket(), T0, key("o-1"))).isEqualTo(bought);
        assertThat(b.receipt(key("o-1"))).contains(bought);
        assertThatThrownBy(() -> a.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.plusSeconds(90), key("r-2")))
                .isInstanceOf(InvalidReversalException.class);
        assertThat(balance(a, ANN)).isEqualTo(10);
        Receipt rest = a.returnPurchase(ANN, key("o-1"), Map.of("1", 3L), T0.plusSeconds(120), key("r-3"));
        assertThat(rest.total("PTS")).isEqualTo(10);
        assertThat(balance(b, ANN)).isZero();
    }

    @Test
    void aReturnTheLedgerWouldRefuseIsRefusedBeforeAnythingIsStored() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));
        a.purchase(ANN, basket(), T0, key("o-1"));
        assertThatThrownBy(() -> a.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.minusSeconds(1), key("r-1")))
                .isInstanceOf(InvalidReversalException.class).hasMessageContaining("precedes purchase 'o-1'");
        ProgramStore store = db.server().store();
        assertThat(store.receipt(key("r-1"))).isEmpty();
        assertThat(store.returns(key("o-1"))).isEmpty();
        assertThat(balance(a, ANN)).isEqualTo(62);
        Receipt r = a.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0, key("r-1"));
        assertThat(r.total("PTS")).isEqualTo(52);
    }

    @Test
    void aReturnNeedsThePurchasesVersionInstalledOnTheServerThatTakesIt() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        LoyaltyProgram b = program(db.server());
        ProgramVersion v2 = ProgramVersion.of("v2", ENGINE, List.of());
        a.install(v2);
        a.enrol(ANN, T0.minusSeconds(3600));
        a.purchase(ANN, basket(), T0, key("o-1"));
        assertThatThrownBy(() -> b.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0, key("r-1")))
                .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class)
                .hasMessageContaining("version v2, which this program has not installed");
        assertThat(db.server().store().returns(key("o-1"))).isEmpty();
        b.install(v2);
        assertThat(b.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0, key("r-1")).total("PTS")).isEqualTo(52);
    }

    @Test
    void aRewardLimitHoldsAcrossServersAndARejectedRedemptionIsNotCounted() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        LoyaltyProgram b = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));
        assertThatThrownBy(() -> b.redeemReward(ANN, "cup", T0, key("w-0")))
                .isInstanceOf(io.github.loyaltyrules.ledger.InsufficientPointsException.class);
        a.purchase(ANN, basket(), T0, key("o-1"));
        a.redeemReward(ANN, "cup", T0.plusSeconds(1), key("w-1"));
        assertThatThrownBy(() -> b.redeemReward(ANN, "cup", T0.plusSeconds(2), key("w-2")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("limit is 1");
        assertThat(b.redeemReward(ANN, "cup", T0.plusSeconds(1), key("w-1")).key()).isEqualTo(key("w-1"));
        assertThat(balance(b, ANN)).isEqualTo(62 - 15);
    }

    @Test
    void aKeyUsedOnOneServerCannotBeReusedOnAnother() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        LoyaltyProgram b = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));
        a.purchase(ANN, basket(), T0, key("k"));
        assertThatThrownBy(() -> b.redeemReward(ANN, "cup", T0, key("k")))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("first used for");
        assertThatThrownBy(() -> b.purchase(ANN, basket(), T0.plusSeconds(1), key("k")))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> b.event(ANN, new MemberEvent("review", Map.of()), T0, key("k")))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(balance(b, ANN)).isEqualTo(62);
    }

    @Test
    void profilesAndPurchaseCountsAreSharedByServers() {
        Database db = newDatabase();
        LoyaltyProgram a = program(db.server());
        LoyaltyProgram b = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));
        a.updateProfile(ANN, Set.of("staff"), Map.of("city", "Utrecht"), LocalDate.of(1990, 2, 3));
        a.purchase(ANN, basket(), T0, key("o-1"));
        b.purchase(ANN, basket(), T0.plusSeconds(5), key("o-2"));
        MemberRecord m = db.server().store().member(ANN).orElseThrow();
        assertThat(m.tags()).containsExactly("staff");
        assertThat(m.purchases()).isEqualTo(2);
        ReceiptRecord second = db.server().store().receipt(key("o-2")).orElseThrow();
        assertThat(second.profile().purchasesSoFar()).isEqualTo(1);
        assertThat(second.profile().attributes()).containsEntry("city", "Utrecht");
    }

    /** A store whose next commit is applied and then reported as failed, as a connection lost after COMMIT. */
    private static final class FailAfterCommit implements ProgramStore {
        final ProgramStore delegate;
        final AtomicBoolean armed = new AtomicBoolean();

        FailAfterCommit(ProgramStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<MemberRecord> member(MemberId member) {
            return delegate.member(member);
        }

        @Override
        public java.util.Optional<ReceiptRecord> receipt(IdempotencyKey key) {
            return delegate.receipt(key);
        }

        @Override
        public java.util.Optional<ReturnState> returns(IdempotencyKey purchase) {
            return delegate.returns(purchase);
        }

        @Override
        public java.util.Optional<String> claimKey(IdempotencyKey key, String use) {
            return delegate.claimKey(key, use);
        }

        @Override
        public void withdrawKey(IdempotencyKey key, String use) {
            delegate.withdrawKey(key, use);
        }

        @Override
        public CommitResult commit(ProgramCommit commit) {
            CommitResult r = delegate.commit(commit);
            if (armed.getAndSet(false)) {
                throw new IllegalStateException("connection lost after the commit");
            }
            return r;
        }
    }

    @Test
    void aFailureBetweenTheStoreWriteAndTheLedgerIsCompletedByARetryOnAnyServer() {
        Database db = newDatabase();
        Server sa = db.server();
        FailAfterCommit failing = new FailAfterCommit(sa.store());
        LoyaltyProgram a = LoyaltyProgram.of(sa.ledger(), V1, TierLookup.NONE, failing);
        LoyaltyProgram b = program(db.server());
        a.enrol(ANN, T0.minusSeconds(3600));

        failing.armed.set(true);
        assertThatThrownBy(() -> a.purchase(ANN, basket(), T0, key("o-1"))).hasMessageContaining("connection lost");
        assertThat(balance(a, ANN)).isZero();
        Receipt bought = b.purchase(ANN, basket(), T0, key("o-1"));
        assertThat(bought.total("PTS")).isEqualTo(62);
        assertThat(balance(a, ANN)).isEqualTo(62);
        assertThat(a.purchase(ANN, basket(), T0, key("o-1"))).isEqualTo(bought);

        failing.armed.set(true);
        assertThatThrownBy(() -> a.returnPurchase(ANN, key("o-1"), Map.of("1", 1L), T0.plusSeconds(60), key("r-1")))
                .hasMessageContaining("connection lost");
        assertThat(balance(a, ANN)).isEqualTo(62);
        Receipt ret = b.returnPurchase(ANN, key("o-1"), Map.of("1", 1L), T0.plusSeconds(60), key("r-1"));
        assertThat(ret.total("PTS")).isEqualTo(3 + 40); // the kept 19.79 loses the basket bonus
        assertThat(a.returnPurchase(ANN, key("o-1"), Map.of("1", 1L), T0.plusSeconds(60), key("r-1"))).isEqualTo(ret);
        assertThat(balance(a, ANN)).isEqualTo(19);

        failing.armed.set(true);
        assertThatThrownBy(() -> a.redeemReward(ANN, "cup", T0.plusSeconds(90), key("w-1")))
                .hasMessageContaining("connection lost");
        assertThat(balance(a, ANN)).isEqualTo(19);
        b.redeemReward(ANN, "cup", T0.plusSeconds(90), key("w-1"));
        assertThat(balance(a, ANN)).isEqualTo(4);
        assertThat(db.server().store().member(ANN).orElseThrow().redeemed("cup")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ points spent on an order, given back

    @Test
    void aRedemptionIsTiedToOnePurchaseUntilUntiedFromIt() {
        ProgramStore store = newDatabase().server().store();
        assertThat(store.redemptionsFor(key("o-1"))).isEmpty();
        assertThat(store.tieRedemption(key("pay-2"), key("o-1"))).isEmpty();
        assertThat(store.tieRedemption(key("pay-1"), key("o-1"))).isEmpty();
        assertThat(store.tieRedemption(key("pay-1"), key("o-1"))).contains(key("o-1"));
        assertThat(store.tieRedemption(key("pay-1"), key("o-2"))).contains(key("o-1"));
        assertThat(store.redemptionsFor(key("o-1"))).containsExactly(key("pay-1"), key("pay-2"));
        store.untieRedemption(key("pay-1"), key("o-2")); // not tied to o-2: nothing changes
        assertThat(store.redemptionsFor(key("o-1"))).containsExactly(key("pay-1"), key("pay-2"));
        store.untieRedemption(key("pay-1"), key("o-1"));
        assertThat(store.redemptionsFor(key("o-1"))).containsExactly(key("pay-2"));
        assertThat(store.tieRedemption(key("pay-1"), key("o-2"))).isEmpty();
        assertThat(store.redemptionsFor(key("o-2"))).containsExactly(key("pay-1"));

        ReceiptRecord given = returnRecord("r-refund").withRefunds(Map.of("pay-2", 280L, "pay-1", 7L));
        assertThat(store.commit(new ProgramCommit(null, given, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.receipt(key("r-refund"))).contains(given);
        assertThat(store.receipt(key("r-refund")).orElseThrow().refunds()).containsExactly(
                Map.entry("pay-1", 7L), Map.entry("pay-2", 280L));
        ReceiptRecord three = ReceiptRecord.reward(key("w-3"), ANN, "v1", T0, "cup", 3);
        assertThat(store.commit(new ProgramCommit(null, three, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.receipt(key("w-3"))).contains(three);
        assertThat(store.receipt(key("w-3")).orElseThrow().quantity()).isEqualTo(3);
    }

    @Test
    void partialReturnsOnTwoServersGiveBackWhatWasSpentProRataOnceEach() {
        Database db = newDatabase();
        ProgramVersion v = V1.withRedemptionRules(
                io.github.loyaltyrules.program.RedemptionRule.of(PTS).withRefund(
                        io.github.loyaltyrules.program.RefundPolicy.PRO_RATA));
        Server sa = db.server();
        Server sb = db.server();
        LoyaltyProgram a = LoyaltyProgram.of(sa.ledger(), v, TierLookup.NONE, sa.store());
        LoyaltyProgram b = LoyaltyProgram.of(sb.ledger(), v, TierLookup.NONE, sb.store());
        a.enrol(ANN, T0.minusSeconds(60));
        sa.ledger().earn(ANN, PTS.points(1000), T0.minusSeconds(30), key("gift"), "welcome");
        // 3 x 3.40 + 12.99 = 23.19 EUR, of which 500 points paid
        a.redeemFor(ANN, PTS.points(500), key("o-1"), T0, key("pay-1"), "pays for order o-1");
        Receipt bought = a.purchase(ANN, basket(), T0, key("o-1"));
        assertThat(bought.total("PTS")).isEqualTo(62);
        assertThat(balance(a, ANN)).isEqualTo(1000 - 500 + 62);

        // the beans (12.99): floor(500 * 12.99 / 23.19) = 280 back; 12 earned and the 40 bonus clawed back
        // (the receipt's postings: the claw-back, then the reversal of the redemption, each by its amount)
        Receipt r1 = b.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.plusSeconds(60), key("ret-1"));
        assertThat(r1.postings()).extracting(p -> p.amount()).containsExactly(52L, 280L);
        assertThat(balance(b, ANN)).isEqualTo(562 - 52 + 280);
        // the same return again, on either server: nothing more
        assertThat(a.returnPurchase(ANN, key("o-1"), Map.of("2", 1L), T0.plusSeconds(60), key("ret-1")).postings())
                .isEqualTo(r1.postings());
        assertThat(balance(a, ANN)).isEqualTo(790);
        // one latte: floor(500 * 16.39 / 23.19) = 353 in all, 73 more
        Receipt r2 = a.returnPurchase(ANN, key("o-1"), Map.of("1", 1L), T0.plusSeconds(120), key("ret-2"));
        assertThat(r2.postings()).extracting(p -> p.amount()).containsExactly(3L, 73L);
        // the rest: exactly what was spent in all, 147 more
        Receipt r3 = b.returnPurchase(ANN, key("o-1"), Map.of("1", 2L), T0.plusSeconds(180), key("ret-3"));
        assertThat(r3.postings()).extracting(p -> p.amount()).containsExactly(7L, 147L);
        assertThat(280 + 73 + 147).isEqualTo(500);
        assertThat(balance(b, ANN)).isEqualTo(1000);
        assertThat(b.receipt(key("ret-2")).orElseThrow().postings()).isEqualTo(r2.postings());
    }
}
