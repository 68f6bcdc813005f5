package io.github.loyaltyrules.program.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Pseudonyms;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the privacy calls do on every store. Erasing a member: the member's rows all move to a pseudonym without
 * personal data, every other member's rows stay byte for byte (but the counterparty of a transfer
 * with the member), every report and balance adds up as before, nothing is found under the old id,
 * and a second erase changes nothing. Exporting a member: a JSON document that parses back to every
 * figure the program holds. Retention: old records lose their personal data, and nothing else changes.
 * Each store type gives its stores and a snapshot of every row it holds, per table.
 */
public abstract class PrivacyContract {

    protected static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    protected static final Instant T0 = Instant.parse("2026-03-02T10:15:00Z");
    protected static final Instant NOW = T0.plus(Duration.ofDays(50));
    protected static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(30)));
    protected static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    protected static final MemberId ANN = MemberId.of("ann-7f3e");
    protected static final MemberId BOB = MemberId.of("bob-2c9a");
    /** Personal data of Ann's, planted in every place the program keeps some; none may survive. */
    protected static final List<String> ANNS_DATA = List.of(ANN.value(), "ann.smith@example.org", "+31611223344",
            "1987-06-15", "Ann Smith", "vegan", "Keizersgracht 12");
    protected static final byte[] KEY = "a secret of thirty-two bytes....".getBytes(StandardCharsets.US_ASCII);

    /** 1 PTS and 1 TQP per whole euro of each line; an event earns 5 PTS. */
    static final RuleEngine ENGINE = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of(new Award("event", "Event bonus", "PTS", 5, Map.of(), Explanation.fixed())));
        }
        Map<String, Long> shares = new TreeMap<>();
        long sum = 0;
        for (BasketLine line : p.lines()) {
            long n = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), n);
            sum += n;
        }
        return new Evaluation(List.of(
                new Award("base", "1 per euro", "PTS", sum, shares, Explanation.fixed()),
                new Award("tier", "Tier points", "TQP", sum, shares, Explanation.fixed())));
    };
    static final ProgramVersion V1 = ProgramVersion.of("v1", ENGINE,
            List.of(Reward.of("cup", "Free coffee", PTS.points(5))));

    /** The stores of one empty database, with the counters of the engine's per-member caps. */
    public record Stores(LedgerStore ledger, TierStore tiers, ProgramStore program, Quotas quotas,
            io.github.loyaltyrules.engagement.spi.ChallengeStore challenges) {
        /** The stores, with the caps counted in memory. */
        public Stores(LedgerStore ledger, TierStore tiers, ProgramStore program) {
            this(ledger, tiers, program, Quotas.inMemory());
        }

        /** The stores, with challenge progress kept in memory. */
        public Stores(LedgerStore ledger, TierStore tiers, ProgramStore program, Quotas quotas) {
            this(ledger, tiers, program, quotas, io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore.create());
        }
    }

    /** A challenge the history counts towards (every purchase) and never completes: progress rows, no points. */
    static final io.github.loyaltyrules.engagement.Challenge HUNDRED_VISITS = io.github.loyaltyrules.engagement.Challenge
            .of("hundred-visits", "Shop 100 times this year", io.github.loyaltyrules.engagement.ChallengeGoal.purchases(100),
                    io.github.loyaltyrules.engagement.ChallengeWindow.YEAR, "PTS", 5);

    /** A challenge the first purchase completes, awarding a badge: badge rows, 1 point. */
    static final io.github.loyaltyrules.engagement.Challenge FIRST_VISIT = io.github.loyaltyrules.engagement.Challenge
            .of("first-visit", "Welcome", io.github.loyaltyrules.engagement.ChallengeGoal.purchases(1),
                    io.github.loyaltyrules.engagement.ChallengeWindow.LIFETIME, "PTS", 1).withBadge("welcomed");

    /**
     * {@link #ENGINE} with a per-member cap of 1,000 PTS a month on purchases, counted in {@code quotas}
     * under {@code cap/base/PTS/<member>/<month>} (as loyalty-rules names them), moved to the pseudonym
     * when the member is erased and exported as the member's counters.
     */
    static RuleEngine capped(Quotas quotas) {
        return new RuleEngine() {
            @Override
            public Evaluation evaluate(io.github.loyaltyrules.rule.RuleContext context) {
                Evaluation e = ENGINE.evaluate(context);
                if (context.activity() instanceof Purchase) {
                    String counter = prefix(context.member().id()) + java.time.YearMonth.from(context.at());
                    long base = e.awards().get(0).amount();
                    quotas.draw(context.key().value(), counter, base, 1000);
                    quotas.settle(context.key().value(), Set.of(counter));
                }
                return e;
            }

            @Override
            public void erased(MemberId member, MemberId pseudonym) {
                for (String counter : quotas.counters(prefix(member))) {
                    quotas.rename(counter, prefix(pseudonym) + counter.substring(prefix(member).length()));
                }
            }

            @Override
            public Map<String, Long> memberCounters(MemberId member) {
                Map<String, Long> out = new TreeMap<>();
                quotas.counters(prefix(member)).forEach(c -> out.put(c, quotas.used(c)));
                return out;
            }

            private String prefix(MemberId m) {
                return "cap/base/PTS/" + m.value() + "/";
            }
        };
    }

    /** Returns the stores of a new, empty database. */
    protected abstract Stores newStores();

    /** Returns every row the stores hold, as text, per table (the text shows every column's value). */
    protected abstract Map<String, List<String>> snapshot(Stores stores);

    // ------------------------------------------------------------------ the scenario

    protected static LoyaltyProgram program(Stores s) {
        return program(s, null);
    }

    /** The program over the stores, dropping personal data from records older than {@code retention} (null: never). */
    protected static LoyaltyProgram program(Stores s, Duration retention) {
        return program(s, retention, capped(s.quotas()));
    }

    /** The program over the stores, its version's rules being {@code engine} (null retention: never). */
    static LoyaltyProgram program(Stores s, Duration retention, RuleEngine engine) {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(NOW, ZONE)).currency(PTS).currency(TQP)
                .store(s.ledger()).build();
        TierLadder ladder = TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
                .metrics(Metric.points(TQP)).tier(Tier.of("Green")).tier(Tier.of("Gold").withThreshold(Metric.points(TQP), 40))
                .build();
        ProgramVersion v1 = ProgramVersion.of("v1", engine, List.copyOf(V1.rewards().values()))
                .withRedemptionRules(RedemptionRule.of(PTS).withRefund(RefundPolicy.PRO_RATA)).withChallenges(HUNDRED_VISITS, FIRST_VISIT);
        LoyaltyProgram.Builder b = LoyaltyProgram.builder(ledger, v1)
                .tierEngine(TierEngine.of(ladder, TierListener.NONE, s.tiers())).store(s.program())
                .challengeStore(s.challenges())
                .pseudonyms(Pseudonyms.keyed(KEY));
        return (retention == null ? b : b.personalDataRetention(retention)).build();
    }

    static Purchase basket(String... prices) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            lines.add(BasketLine.of(String.valueOf(i + 1), "SKU-" + i, "coffee", 1, Money.of(prices[i], "EUR")));
        }
        return Purchase.of("store-1", "pos", lines);
    }

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    /** Ann and Bob with a bit of everything: profiles, purchases, events, a return, rewards, holds, transfers, a status match, a suspension, an expiry hold, an expiry sweep. */
    protected static void history(LoyaltyProgram program) {
        Ledger ledger = program.ledger();
        for (MemberId m : List.of(ANN, BOB)) {
            program.enrol(m, T0.minusSeconds(3600));
        }
        program.updateProfile(ANN, Set.of("staff", "vegan"), Map.of("email", "ann.smith@example.org",
                "phone", "+31611223344", "name", "Ann Smith", "street", "Keizersgracht 12"), LocalDate.of(1987, 6, 15));
        program.updateProfile(BOB, Set.of("student"), Map.of("email", "bob@example.org"), LocalDate.of(2001, 1, 2));
        program.purchase(ANN, basket("12.50", "30.00"), T0, key("a-1"));
        program.purchase(BOB, basket("20.00"), T0, key("b-1"));
        program.event(ANN, new MemberEvent("review", Map.of("text", "Ann Smith loved the flat white")), T0.plusSeconds(60),
                key("a-review"));
        program.event(BOB, new MemberEvent("review", Map.of("text", "fine")), T0.plusSeconds(60), key("b-review"));
        program.redeemFor(ANN, PTS.points(10), key("a-1"), T0.plusSeconds(30), key("a-1-pay"), "pays for a-1");
        program.returnPurchase(ANN, key("a-1"), Map.of("1", 1L), T0.plusSeconds(120), key("a-1-return"));
        program.redeemReward(ANN, "cup", T0.plusSeconds(180), key("a-cup"));
        program.redeem(ANN, PTS.points(3), T0.plusSeconds(240), key("a-redeem"), "goodwill for Ann Smith's complaint");
        program.reserve(ANN, PTS.points(4), Duration.ofHours(1), T0.plusSeconds(300), key("a-hold-1"), "checkout");
        program.capture(ANN, key("a-hold-1"), T0.plusSeconds(360), key("a-hold-1-capture"));
        program.reserve(ANN, PTS.points(2), Duration.ofHours(1), T0.plusSeconds(420), key("a-hold-2"), "checkout");
        program.release(ANN, key("a-hold-2"), T0.plusSeconds(480), key("a-hold-2-release"));
        ledger.transfer(ANN, BOB, PTS.points(2), T0.plusSeconds(540), key("a-to-b"), "gift");
        ledger.transfer(BOB, ANN, PTS.points(1), T0.plusSeconds(600), key("b-to-a"), "gift back");
        program.tierEngine().orElseThrow().assign(ANN, "Gold", T0.plusSeconds(660), T0.plus(Duration.ofDays(90)),
                "status match from Ann Smith's airline card", key("a-match"));
        ledger.suspend(ANN, T0.plusSeconds(720), "paused at Ann Smith's request");
        ledger.reactivate(ANN, T0.plusSeconds(780), "Ann Smith is back");
        // tier points do not expire: the hold and its lift change no figure, and leave a hold in the history
        ledger.holdExpiry(ANN, TQP, T0.plusSeconds(800));
        ledger.liftExpiryHold(ANN, TQP, T0.plusSeconds(900), ExpiryPolicy.afterTerm(Period.ofDays(30)));
        ledger.expire(T0.plus(Duration.ofDays(31)));
        program.purchase(ANN, basket("8.00"), T0.plus(Duration.ofDays(35)), key("a-2"));
        program.purchase(BOB, basket("9.00"), T0.plus(Duration.ofDays(35)), key("b-2"));
    }

    /** Every figure the ledger reports for the program's currencies. */
    protected static List<Object> figures(Ledger ledger) {
        List<Object> out = new ArrayList<>();
        for (PointCurrency c : List.of(PTS, TQP)) {
            out.add(ledger.liability(c));
            out.add(ledger.activity(c, T0.minus(Duration.ofDays(10)), NOW.plusSeconds(1)));
        }
        return out;
    }

    /** A member's balances and entry amounts, without their id. */
    protected static List<Object> holdings(Ledger ledger, MemberId m) {
        List<Object> out = new ArrayList<>();
        for (PointCurrency c : List.of(PTS, TQP)) {
            Balance b = ledger.balance(m, c, NOW);
            out.add(List.of(b.total(), b.available(), b.pending(), b.reserved(), b.expired(), b.debt()));
            out.add(ledger.lots(m, c).stream().map(l -> List.of(l.id(), l.original(), l.remaining(), l.earnedAt(),
                    String.valueOf(l.expiresAt()))).toList());
        }
        for (Entry e : ledger.statement(m)) {
            out.add(List.of(e.sequence(), e.type(), e.currency(), e.amount(), e.heldDelta(), e.debtDelta(), e.at()));
        }
        return out;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void erasingMovesEveryRowOfTheMemberToAPseudonymAndKeepsEveryFigure() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        Ledger ledger = program.ledger();
        Map<String, List<String>> before = snapshot(stores);
        assertThat(String.join("\n", flatten(before))).as("the history plants every value")
                .contains(ANNS_DATA);
        for (Map.Entry<String, List<String>> table : before.entrySet()) {
            assertThat(table.getValue()).as("the history fills %s", table.getKey()).isNotEmpty();
        }
        List<Object> figures = figures(ledger);
        List<Object> anns = holdings(ledger, ANN);
        List<Object> bobs = holdings(ledger, BOB);

        MemberId pseudonym = program.erase(ANN);

        assertThat(pseudonym.value()).startsWith(Pseudonyms.PREFIX).isNotEqualTo(ANN.value())
                .isEqualTo(Pseudonyms.keyed(KEY).of(ANN, 0).value());
        Map<String, List<String>> after = snapshot(stores);
        for (String row : flatten(after)) {
            for (String planted : ANNS_DATA) {
                assertThat(row).as("a row after the erasure").doesNotContain(planted);
            }
        }
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String table : before.keySet()) {
            List<String> was = before.get(table);
            List<String> is = after.get(table);
            assertThat(is).as("rows of %s", table).hasSameSizeAs(was);
            assertThat(is).as("other members' rows of %s, byte for byte", table)
                    .containsAll(was.stream().filter(r -> !r.contains(ANN.value())).toList());
            assertThat(was).as("rows of %s not moved were there before", table)
                    .containsAll(is.stream().filter(r -> !r.contains(pseudonym.value())).toList());
            assertThat(is.stream().filter(r -> r.contains(pseudonym.value())).count()).as("moved rows of %s", table)
                    .isEqualTo(was.stream().filter(r -> r.contains(ANN.value())).count());
        }
        assertThat(figures(ledger)).as("liability and activity reports").isEqualTo(figures);
        assertThat(holdings(ledger, pseudonym)).as("the pseudonym's balances, lots and entries").isEqualTo(anns);
        assertThat(holdings(ledger, BOB)).isEqualTo(bobs);

        assertThatThrownBy(() -> ledger.account(ANN)).isInstanceOf(UnknownMemberException.class);
        assertThat(ledger.members(null, 100)).containsExactlyInAnyOrder(pseudonym, BOB);
        assertThat(program.store().member(ANN)).isEmpty();
        assertThat(program.store().records(ANN)).isEmpty();
        assertThat(program.tierEngine().orElseThrow().history(ANN)).isEmpty();
        assertThat(program.tierEngine().orElseThrow().members(null, 100)).containsExactlyInAnyOrder(pseudonym, BOB);
        MemberRecord moved = program.store().member(pseudonym).orElseThrow();
        assertThat(moved.tags()).isEmpty();
        assertThat(moved.attributes()).isEmpty();
        assertThat(moved.birthday()).isNull();
        assertThat(moved.purchases()).isEqualTo(2);
        assertThat(moved.redeemed("cup")).isEqualTo(1);
        ReceiptRecord purchase = program.store().receipt(key("a-1")).orElseThrow();
        assertThat(purchase.member()).isEqualTo(pseudonym);
        assertThat(purchase.profile().id()).isEqualTo(pseudonym);
        assertThat(purchase.holdsPersonalData()).isFalse();
        assertThat(program.receipt(key("a-1")).orElseThrow().total("PTS")).isEqualTo(42);
        assertThat(program.store().records(BOB)).allMatch(ReceiptRecord::holdsPersonalData);
        assertThat(program.tierEngine().orElseThrow().tierOf(pseudonym, NOW)).contains("Gold");
        assertThat(program.export(pseudonym)).doesNotContain(ANNS_DATA);
    }

    @Test
    void erasingAgainChangesNothingAndGivesTheSamePseudonym() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        MemberId first = program.erase(ANN);
        Map<String, List<String>> erased = snapshot(stores);

        assertThat(program.erase(ANN)).isEqualTo(first);
        assertThat(program(stores).erase(ANN)).as("another server with the same key").isEqualTo(first);
        assertThat(snapshot(stores)).isEqualTo(erased);
    }

    @Test
    void erasingAnUnknownMemberIsRefusedAndChangesNothing() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        Map<String, List<String>> before = snapshot(stores);

        assertThatThrownBy(() -> program.erase(MemberId.of("carol"))).isInstanceOf(UnknownMemberException.class)
                .hasMessageContaining("carol");
        LoyaltyProgram otherKey = LoyaltyProgram.builder(program.ledger(), V1).store(stores.program())
                .pseudonyms(Pseudonyms.keyed("another key, also long enough..".getBytes(StandardCharsets.US_ASCII)))
                .build();
        MemberId pseudonym = program.erase(ANN);
        Map<String, List<String>> erased = snapshot(stores);
        assertThatThrownBy(() -> otherKey.erase(ANN)).as("an erased id under another key")
                .isInstanceOf(UnknownMemberException.class);
        assertThat(program.erase(pseudonym)).as("a pseudonym is not erased again").isEqualTo(pseudonym);
        assertThat(snapshot(stores)).isEqualTo(erased);
        assertThat(before).isNotEqualTo(erased);
    }

    @Test
    void aProgramWithoutPseudonymsRefusesToEraseAndChangesNothing() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        Map<String, List<String>> before = snapshot(stores);
        LoyaltyProgram without = LoyaltyProgram.builder(program.ledger(), V1).store(stores.program()).build();

        assertThatThrownBy(() -> without.erase(ANN)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("pseudonym key");
        assertThat(snapshot(stores)).isEqualTo(before);
    }

    @Test
    void anIdEnrolledAgainAfterItsErasureIsANewMemberAndIsErasedToTheNextPseudonym() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        MemberId first = program.erase(ANN);
        List<Object> erased = holdings(program.ledger(), first);

        program.enrol(ANN, NOW);
        program.updateProfile(ANN, Set.of(), Map.of("email", "ann.smith@example.org"), null);
        program.purchase(ANN, basket("5.00"), NOW, key("a-again"));
        assertThat(program.ledger().balance(ANN, PTS, NOW).total()).as("5 and the new member's first visit's 1")
                .isEqualTo(6);
        assertThat(program.badges(ANN)).as("a new member earns the badge afresh").hasSize(1);
        MemberId second = program.erase(ANN);

        assertThat(second).isNotEqualTo(first).isEqualTo(Pseudonyms.keyed(KEY).of(ANN, 1));
        assertThat(program.erase(ANN)).isEqualTo(second);
        assertThat(holdings(program.ledger(), first)).as("the first history is not merged").isEqualTo(erased);
        assertThat(program.ledger().balance(second, PTS, NOW).total()).isEqualTo(6);
        assertThat(String.join("\n", flatten(snapshot(stores)))).doesNotContain(ANN.value(), "ann.smith@example.org");
    }

    @Test
    void anEraseCutShortIsCompletedByTheNextCall() {
        Stores stores = newStores();
        FailingOnce failing = new FailingOnce(stores.program());
        Stores flaky = new Stores(stores.ledger(), stores.tiers(), failing, stores.quotas(), stores.challenges());
        LoyaltyProgram program = program(flaky);
        history(program);

        assertThatThrownBy(() -> program.erase(ANN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store down");
        assertThat(program.store().member(ANN)).as("the program store was not reached").isPresent();

        MemberId pseudonym = program.erase(ANN);
        assertThat(pseudonym).isEqualTo(Pseudonyms.keyed(KEY).of(ANN, 0));
        assertThat(program.store().member(ANN)).isEmpty();
        assertThat(String.join("\n", flatten(snapshot(stores)))).doesNotContain(ANNS_DATA);
    }

    // ------------------------------------------------------------------ export

    @Test
    @SuppressWarnings("unchecked")
    void theExportParsesBackToEveryFigureTheProgramHoldsAboutTheMember() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores);
        history(program);
        Map<String, String> attributes = Map.of("email", "ann.smith@example.org", "note",
                "says \"hi\" \\ back\nnext line\ttab \u0001 Zo\u00eb \u2713");
        program.updateProfile(ANN, Set.of("staff", "vegan"), attributes, LocalDate.of(1987, 6, 15));
        Ledger ledger = program.ledger();
        TierEngine tiers = program.tierEngine().orElseThrow();
        // a version that converts points to vouchers and whose engine counts by member; a lapsed and an open hold
        Map<String, Long> counters = Map.of("cap/visit/PTS/" + ANN.value() + "/2026-03-01", 2L);
        RuleEngine counting = new RuleEngine() {
            @Override
            public Evaluation evaluate(io.github.loyaltyrules.rule.RuleContext context) {
                return ENGINE.evaluate(context);
            }

            @Override
            public Map<String, Long> memberCounters(MemberId member) {
                return member.equals(ANN) ? counters : Map.of();
            }
        };
        program.install(ProgramVersion.of("v2", counting, List.copyOf(V1.rewards().values())).withVoucherConversions(
                io.github.loyaltyrules.program.VoucherConversion.of(PTS.points(5), Money.of("2.50", "EUR"))
                        .validFor(Period.ofMonths(3))));
        program.reserve(ANN, PTS.points(1), Duration.ofHours(1), NOW.minusSeconds(7200), key("a-hold-3"), "checkout");
        program.reserve(ANN, PTS.points(1), Duration.ofHours(1), NOW.minusSeconds(60), key("a-hold-4"), "checkout");
        Instant runAt = NOW.minusSeconds(30);
        program.convertToVouchers(runAt, v -> { }, (done, total) -> { });
        List<io.github.loyaltyrules.program.Voucher> vouchers = program.vouchers(ANN, runAt.atZone(ZONE).toLocalDate());
        assertThat(vouchers).as("Ann's points make vouchers").isNotEmpty();
        // redemptions whose keys look like a run's but are not: no vouchers
        ledger.adjustCredit(ANN, PTS.points(3), runAt, key("top-up"), "top-up");
        String stem = "vouchers/PTS/" + runAt.atZone(ZONE).toLocalDate() + "/";
        for (String lookAlike : List.of(stem + "NOT-HEX-NOT-HEX-NOT-HEX-NOT-HEX-", stem + "ABC",
                "vouchers/PTS/2020-01-01/0123456789ABCDEF0123456789ABCDEF")) {
            ledger.redeem(ANN, PTS.points(1), runAt, key(lookAlike), "look-alike");
        }

        Map<String, Object> doc = (Map<String, Object>) Json.parse(program.export(ANN));

        assertThat(doc).containsEntry("format", "loyalty-member-export/2").containsEntry("member", ANN.value())
                .containsEntry("exportedAt", NOW.toString()).containsEntry("programVersion", "v2");
        var account = ledger.account(ANN);
        assertThat(doc.get("account")).isEqualTo(Map.of("status", "ACTIVE", "enrolledAt",
                account.enrolledAt().toString(), "statusSince", account.statusSince().toString(), "statusReason",
                "Ann Smith is back"));
        assertThat(doc.get("profile")).isEqualTo(Map.of("tags", List.of("staff", "vegan"), "attributes", attributes,
                "birthday", "1987-06-15", "purchases", 2L, "rewardsRedeemed", Map.of("cup", 1L)));
        List<Object> balances = new ArrayList<>();
        List<Object> lots = new ArrayList<>();
        for (PointCurrency c : List.of(PTS, TQP)) {
            Balance b = ledger.balance(ANN, c, NOW);
            balances.add(Map.of("currency", c.code(), "decimalPlaces", 0L, "total", b.total(), "available",
                    b.available(), "pending", b.pending(), "reserved", b.reserved(), "expired", b.expired(), "debt",
                    b.debt()));
            for (var l : ledger.lots(ANN, c)) {
                Map<String, Object> lot = new java.util.HashMap<>(Map.of("currency", c.code(), "lot", l.id().value(),
                        "original", l.original(), "remaining", l.remaining(), "earnedAt", l.earnedAt().toString(),
                        "availableAt", l.availableAt().toString(), "source", l.source().value()));
                lot.put("expiresAt", l.expiresAt() == null ? null : l.expiresAt().toString());
                lots.add(lot);
            }
        }
        assertThat(doc.get("balances")).isEqualTo(balances);
        assertThat(lots).isNotEmpty();
        assertThat(doc.get("lots")).isEqualTo(lots);
        List<Object> statement = new ArrayList<>();
        for (Entry e : ledger.statement(ANN)) {
            statement.add(object("sequence", e.sequence(), "posting", e.posting().value(), "postingType",
                    e.postingType().name(), "type", e.type().name(), "currency", e.currency(), "amount", e.amount(),
                    "heldDelta", e.heldDelta(), "debtDelta", e.debtDelta(), "at", e.at().toString(), "reason",
                    e.reason(), "lots", movements(e.lots())));
        }
        assertThat(doc.get("statement")).isEqualTo(statement);
        List<Object> reservations = new ArrayList<>();
        for (var r : ledger.reservations(ANN)) {
            reservations.add(object("key", r.key().value(), "currency", r.currency(), "amount", r.amount(),
                    "createdAt", r.createdAt().toString(), "deadline", r.deadline().toString(), "status",
                    r.status().name(), "statusNow", r.statusAt(NOW).name(), "closedAt", text(r.closedAt()), "lots",
                    movements(r.allocations())));
        }
        assertThat(reservations.stream().map(r -> (Object) ((Map<?, ?>) r).get("statusNow")).toList())
                .containsExactly("CAPTURED", "RELEASED", "LAPSED", "OPEN");
        assertThat(doc.get("reservations")).isEqualTo(reservations);
        List<Object> postings = new ArrayList<>();
        for (IdempotencyKey k : new LinkedHashSet<>(ledger.statement(ANN).stream().map(Entry::posting).toList())) {
            var p = ledger.posting(k).orElseThrow();
            postings.add(object("key", k.value(), "type", p.type().name(), "member", p.member().value(), "counterparty",
                    text(p.counterparty()), "currency", p.currency(), "amount", p.amount(), "at", p.at().toString(),
                    "reason", p.reason(), "target", text(p.target())));
        }
        assertThat(postings.stream().map(p -> (Object) ((Map<?, ?>) p).get("counterparty")).toList()).contains(BOB.value());
        assertThat(doc.get("postings")).isEqualTo(postings);
        assertThat(doc.get("vouchers")).isEqualTo(vouchers.stream().map(v -> object("code", v.code(), "value",
                v.value().amount().toPlainString(), "moneyCurrency", v.value().currency().getCurrencyCode(), "currency",
                v.cost().currency().code(), "cost", v.cost().minorUnits(), "issuedAt", v.issuedAt().toString(),
                "expiresAt", text(v.expiresAt()), "posting", v.posting().value())).toList());
        Map<String, Long> allCounters = new TreeMap<>(counters); // the engines of every installed version
        allCounters.putAll(program.version("v1").orElseThrow().engine().memberCounters(ANN));
        assertThat(allCounters).containsKey("cap/base/PTS/" + ANN.value() + "/2026-03");
        assertThat(doc.get("ruleCounters")).isEqualTo(allCounters);
        Map<String, Object> tier = (Map<String, Object>) doc.get("tier");
        assertThat(tier.get("current")).isEqualTo(tiers.tierAt(ANN, NOW).name());
        List<Object> changes = new ArrayList<>();
        for (var c : tiers.history(ANN)) {
            changes.add(Map.of("from", c.from(), "to", c.to(), "at", c.at().toString(), "cause", c.cause().name(),
                    "reason", c.reason()));
        }
        assertThat(changes).isNotEmpty();
        assertThat(tier.get("history")).isEqualTo(changes);
        var state = tiers.state(ANN).orElseThrow();
        assertThat(tier).containsEntry("enrolled", state.enrolled().toString()).containsEntry("earned", state.earned())
                .containsEntry("floor", state.floor()).containsEntry("shown", state.shown())
                .containsEntry("pendingDowngrade", state.pending() == null ? null : object("effective",
                        state.pending().effective().toString(), "target", state.pending().target(), "reason",
                        state.pending().reason()));
        List<Object> activities = new ArrayList<>();
        for (var a : state.activities()) {
            activities.add(object("metric", a.metric(), "amount", a.amount(), "at", a.at().toString(), "attributedAt",
                    a.attributedAt().toString(), "effectiveAt", a.effectiveAt().toString(), "key", a.key().value(),
                    "original", text(a.original())));
        }
        assertThat(activities).as("qualifying activity of purchases and the return").hasSizeGreaterThanOrEqualTo(3);
        assertThat(tier.get("activities")).isEqualTo(activities);
        assertThat(tier.get("statusMatches")).isEqualTo(state.assignments().stream().map(a -> object("tier", a.tier(),
                "from", a.from().toString(), "until", a.until().toString(), "reason", a.reason(), "key",
                a.key().value())).toList());
        Map<String, Object> qualifying = new TreeMap<>();
        tiers.progress(ANN, NOW).values().forEach((m, v) -> qualifying.put(m.toString(), v.toPlainString()));
        assertThat(qualifying).isNotEmpty();
        assertThat(tier.get("qualifying")).isEqualTo(qualifying);
        List<Map<String, Object>> receipts = (List<Map<String, Object>>) doc.get("receipts");
        assertThat(receipts).extracting(r -> r.get("key")).containsExactly("a-1", "a-review", "a-1-return", "a-cup",
                "a-2");
        for (Map<String, Object> r : receipts) {
            ReceiptRecord stored = program.store().receipt(IdempotencyKey.of((String) r.get("key"))).orElseThrow();
            assertThat(r).containsEntry("kind", stored.kind().name()).containsEntry("at", stored.at().toString());
            assertThat(r.get("awards")).isEqualTo(stored.awards().stream().map(a -> Map.of("rule", a.ruleId(), "name",
                    a.ruleName(), "currency", a.currency(), "amount", a.amount())).toList());
        }
        Map<String, Object> purchase = receipts.get(0);
        assertThat(((Map<String, Object>) purchase.get("purchase")).get("lines")).isEqualTo(List.of(
                Map.of("id", "1", "sku", "SKU-0", "category", "coffee", "quantity", 1L, "unitPrice", "12.50",
                        "moneyCurrency", "EUR"),
                Map.of("id", "2", "sku", "SKU-1", "category", "coffee", "quantity", 1L, "unitPrice", "30.00",
                        "moneyCurrency", "EUR")));
        assertThat((Map<String, Object>) purchase.get("profileAsSeen")).containsEntry("tier", "Green")
                .containsEntry("tags", List.of("staff", "vegan")).containsEntry("birthday", "1987-06-15")
                .containsEntry("purchasesBefore", 0L).containsEntry("tierMultiplier", "1");
        assertThat(receipts.get(1).get("event")).isEqualTo(Map.of("type", "review", "attributes",
                Map.of("text", "Ann Smith loved the flat white")));
        assertThat(receipts.get(2)).containsEntry("original", "a-1").containsEntry("units", Map.of("1", 1L));
        assertThat(purchase.get("returned")).as("what returns took from the purchase").isEqualTo(
                program.store().returns(key("a-1")).orElseThrow().returnedUnits());
        assertThat(receipts.get(4)).as("a purchase nothing was returned from").doesNotContainKey("returned");
        Map<String, Long> tierReturns = program.store().receipt(key("a-1-return")).orElseThrow().tierReturns();
        assertThat(tierReturns).isNotEmpty();
        assertThat(receipts.get(2).get("tierReturns")).isEqualTo(tierReturns);
        assertThat(receipts.get(3)).containsEntry("reward", "cup");
        assertThat(purchase.get("paidWithPoints")).as("redemptions tied to the purchase").isEqualTo(List.of("a-1-pay"));
        assertThat(receipts.get(4)).doesNotContainKey("paidWithPoints");
        Map<String, Long> givenBack = program.store().receipt(key("a-1-return")).orElseThrow().refunds();
        assertThat(givenBack).as("12.50 of 42.50 returned: floor(10 * 12.50 / 42.50)").containsExactly(
                Map.entry("a-1-pay", 2L));
        assertThat(receipts.get(2).get("givenBack")).isEqualTo(givenBack);
        assertThat(receipts.get(0)).doesNotContainKey("givenBack");
        assertThatThrownBy(() -> program.export(MemberId.of("carol"))).isInstanceOf(UnknownMemberException.class);
    }

    // ------------------------------------------------------------------ retention

    @Test
    void retentionDropsThePersonalDataOfOldRecordsOnlyAndKeepsEveryFigure() {
        Stores stores = newStores();
        LoyaltyProgram program = program(stores, Duration.ofDays(30));
        history(program);
        Ledger ledger = program.ledger();
        List<Object> figures = figures(ledger);
        Map<String, List<String>> before = snapshot(stores);

        assertThat(program.applyRetention(NOW)).as("a-1, a-review, b-1 and b-review are older than 30 days")
                .isEqualTo(4);

        for (String old : List.of("a-1", "a-review", "b-1", "b-review")) {
            assertThat(program.store().receipt(key(old)).orElseThrow().holdsPersonalData()).as(old).isFalse();
        }
        for (String recent : List.of("a-2", "b-2")) {
            assertThat(program.store().receipt(key(recent)).orElseThrow().holdsPersonalData()).as(recent).isTrue();
        }
        ReceiptRecord kept = program.store().receipt(key("a-1")).orElseThrow();
        assertThat(kept.profile().tier()).isEqualTo("Green");
        assertThat(kept.member()).isEqualTo(ANN);
        assertThat(program.store().member(ANN).orElseThrow().attributes()).as("the member's own profile stays")
                .containsKey("email");
        assertThat(figures(ledger)).isEqualTo(figures);
        Map<String, List<String>> after = snapshot(stores);
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as("rows of %s", table).hasSameSizeAs(before.get(table));
        }
        assertThat(flatten(after).stream().filter(r -> r.contains("Ann Smith loved"))).isEmpty();
        assertThat(program.applyRetention(NOW)).as("a second run").isZero();
        assertThat(snapshot(stores)).isEqualTo(after);
        assertThat(program.returnPurchase(ANN, key("a-1"), Map.of("2", 1L), NOW, key("a-1-return-2")).total("PTS"))
                .as("a return after the retention claws back what the line earned").isEqualTo(30);
        assertThat(program(stores).applyRetention(NOW.plus(Duration.ofDays(400)))).as("without a retention")
                .isZero();
    }

    /** A map of keys and values, nulls allowed (as parsed JSON has them). */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** The value's text, or null. */
    static String text(Object o) {
        return o == null ? null : o.toString();
    }

    static List<Object> movements(List<io.github.loyaltyrules.ledger.LotMovement> movements) {
        return movements.stream().map(m -> (Object) object("lot", m.lot().value(), "delta", m.delta(), "heldDelta",
                m.heldDelta())).toList();
    }

    protected static List<String> flatten(Map<String, List<String>> snapshot) {
        List<String> all = new ArrayList<>();
        snapshot.values().forEach(all::addAll);
        return all;
    }

    /** A program store whose first erase fails before it changes anything, as a database that went away would. */
    static final class FailingOnce implements ProgramStore {
        private final ProgramStore store;
        private boolean failed;

        FailingOnce(ProgramStore store) {
            this.store = store;
        }

        @Override
        public java.util.Optional<MemberRecord> member(MemberId member) {
            return store.member(member);
        }

        @Override
        public java.util.Optional<ReceiptRecord> receipt(IdempotencyKey key) {
            return store.receipt(key);
        }

        @Override
        public java.util.Optional<io.github.loyaltyrules.program.spi.ReturnState> returns(IdempotencyKey purchase) {
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
        public java.util.Optional<IdempotencyKey> tieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
            return store.tieRedemption(redemption, purchase);
        }

        @Override
        public void untieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
            store.untieRedemption(redemption, purchase);
        }

        @Override
        public List<IdempotencyKey> redemptionsFor(IdempotencyKey purchase) {
            return store.redemptionsFor(purchase);
        }

        @Override
        public io.github.loyaltyrules.program.spi.CommitResult commit(
                io.github.loyaltyrules.program.spi.ProgramCommit commit) {
            return store.commit(commit);
        }

        @Override
        public List<ReceiptRecord> records(MemberId member) {
            return store.records(member);
        }

        @Override
        public boolean pseudonymise(MemberId from, MemberId to) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("program store down");
            }
            return store.pseudonymise(from, to);
        }

        @Override
        public long dropPersonalData(Instant before) {
            return store.dropPersonalData(before);
        }
    }

    // ------------------------------------------------------------------ a snapshot through the SPI

    /**
     * Every row the stores hold, read through their SPI: for stores that have no tables (memory).
     * Each value is shown in full (the records' own toString hides personal data).
     */
    protected static Map<String, List<String>> readBack(Stores s) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> books = new ArrayList<>();
        List<String> lots = new ArrayList<>();
        List<String> reservations = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        Set<String> postings = new LinkedHashSet<>();
        List<String> members = new ArrayList<>();
        List<String> records = new ArrayList<>();
        List<String> returns = new ArrayList<>();
        for (MemberId m : s.ledger().members(null, 10_000)) {
            // toString shows free text by its length only: the rows add the text itself
            MemberBook book = s.ledger().book(m).orElseThrow();
            books.add(book + " statusReason=" + book.account().statusReason());
            for (String c : List.of(PTS.code(), TQP.code())) {
                s.ledger().lots(m, c).forEach(l -> lots.add(m + " " + l));
            }
            s.ledger().reservations(m).forEach(r -> reservations.add(r.toString()));
            for (String c : List.of(PTS.code(), TQP.code())) {
                s.ledger().liftedHolds(m, c).forEach(h -> lots.add(m + " " + h));
            }
            for (Entry e : s.ledger().entries(m)) {
                entries.add(e + " reason=" + e.reason());
                s.ledger().posting(e.posting()).ifPresent(p -> postings.add(p + " reason=" + p.reason() + " fingerprint="
                        + p.fingerprint()));
                s.ledger().reversed(m, e.posting()).ifPresent(r -> postings.add(m + " reversed " + e.posting() + " " + r));
            }
            s.program().member(m).ifPresent(r -> members.add(r.member() + " " + r.version() + " " + r.tags() + " "
                    + r.attributes() + " " + r.birthday() + " " + r.purchases() + " " + r.rewardsRedeemed()));
            for (ReceiptRecord r : s.program().records(m)) {
                records.add(record(r));
                s.program().returns(r.key()).ifPresent(state -> returns.add(state.toString()));
            }
        }
        out.put("program returns", sorted(returns));
        out.put("quotas", s.quotas().counters("").stream().map(c -> c + " " + s.quotas().used(c)).toList());
        out.put("program key uses", keyUses(s.program()));
        out.put("books", sorted(books));
        out.put("lots", sorted(lots));
        out.put("reservations", sorted(reservations));
        out.put("entries", sorted(entries));
        out.put("postings", sorted(new ArrayList<>(postings)));
        out.put("program members", sorted(members));
        out.put("program records", sorted(records));
        List<String> tiers = new ArrayList<>();
        for (MemberId m : s.tiers().members(null, 10_000)) {
            tiers.add(s.tiers().state(m).orElseThrow().toString());
        }
        out.put("tier states", sorted(tiers));
        return out;
    }

    /** Which kind of operation each key is bound to: the SPI cannot list them, so the in-memory store's map is read. */
    private static List<String> keyUses(ProgramStore store) {
        try {
            java.lang.reflect.Field f = store.getClass().getDeclaredField("keyUses");
            f.setAccessible(true);
            List<String> rows = new ArrayList<>();
            ((Map<?, ?>) f.get(store)).forEach((k, v) -> rows.add(k + " " + v));
            assertThat(rows).as("keys bound to a kind of operation").isNotEmpty();
            return sorted(rows);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the in-memory program store keeps its key uses in 'keyUses'", e);
        }
    }

    private static String record(ReceiptRecord r) {
        MemberProfile p = r.profile();
        String activity = r.activity() instanceof MemberEvent e ? e.type() + " " + e.attributes()
                : String.valueOf(r.activity());
        return r.kind() + " " + r.key() + " " + r.member() + " " + r.programVersion() + " " + r.at() + " " + activity
                + " " + r.original() + " " + r.units() + " " + r.rewardId() + " " + r.awards() + " " + r.tierReturns()
                + " " + r.refunds()
                + (p == null ? "" : " profile " + p.id() + " " + p.tier() + " " + p.tags() + " " + p.attributes() + " "
                + p.birthday() + " " + p.purchasesSoFar() + " " + p.tierMultiplier() + " " + p.perks());
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
