package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every round trip of every operation of the facade can fail, and a retry with the same key must end
 * exactly where a run without faults ends. A program on JDBC stores only (ledger, program store,
 * quotas for a daily cap and a campaign budget, tier store) goes through an enrolment, purchases that
 * draw the cap and the budget (the second cut by both), an event, points paid towards the first purchase
 * (a redemption tied to it), a partial return that gives cap, budget and a share of the points paid back, a limited reward, a reservation and its capture, another reservation and its release,
 * and a next-day purchase. For each operation, in a run that is clean up to it, the k-th statement or
 * commit fails, or the k-th commit's reply is lost (a statement run outside a transaction counts as a
 * commit), for every k the operation makes; the operation is then retried with its key, and
 * everything the program holds about the member (account, balance, lots, statement, receipts,
 * postings, cap and budget counters, purchase and reward counts, tier state and history) must equal
 * the clean run's after that operation. On H2 always, on PostgreSQL when configured.
 */
class ProgramFaultAtEveryStatementTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final Metric POINTS = Metric.points(PTS);
    static final TierLadder LADDER = TierLadder.builder().zone(ZoneOffset.UTC)
            .window(QualificationWindow.calendarYear()).metrics(POINTS).tier(Tier.of("Member"))
            .tier(Tier.of("Silver").withThreshold(POINTS, new BigDecimal("60"))).build();
    private static final AtomicInteger CASES = new AtomicInteger();

    /** The operations of the scenario, in order. */
    enum Op { ENROL, PURCHASE, CUT_PURCHASE, EVENT, PAY, RETURN, REWARD, RESERVE, CAPTURE, HOLD_AGAIN, RELEASE, NEXT_DAY }

    static Stream<Arguments> cases() {
        return Databases.faultCases("program-faults", Op.values());
    }

    /** One member's program, on its own member id, keys and campaign, so that cases share a database. */
    static final class Run {
        final String prefix;
        final MemberId member;
        final String campaign;
        final JdbcQuotas quotas;
        final JdbcProgramStore store;
        final JdbcTierStore tierStore;
        final Ledger ledger;
        final TierEngine tiers;
        final LoyaltyProgram program;

        Run(javax.sql.DataSource ds) {
            prefix = String.format("case%05d", CASES.incrementAndGet());
            member = MemberId.of(prefix + "-ann");
            campaign = prefix + "-spring";
            quotas = JdbcQuotas.of(ds);
            store = JdbcProgramStore.of(ds);
            tierStore = JdbcTierStore.of(ds);
            ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC))
                    .currency(PTS).store(JdbcLedgerStore.of(ds)).build();
            tiers = TierEngine.of(LADDER, e -> { }, tierStore);
            RuleSet rules = RuleSet.builder(PTS).quotas(quotas)
                    .campaign(Campaign.of(campaign, "Spring", T0.minus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)))
                            .withBudget("PTS", 25))
                    .rule("base", r -> r.name("1 point per 1.00").capPerMember("PTS", 40, CapPeriod.DAY)
                            .award(Actions.perUnitSpent(PTS.points(1), Money.of("1.00", "EUR"))))
                    .rule("bonus", r -> r.name("Spring bonus").campaign(campaign).award(Actions.fixed(PTS.points(15))))
                    .rule("review", r -> r.name("5 points a review").when(Conditions.eventType("review"))
                            .award(Actions.fixed(PTS.points(5))))
                    .build();
            program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules,
                    List.of(Reward.of("mug", "Mug", PTS.points(20)).limitPerMember(1)))
                    .withRedemptionRules(RedemptionRule.of(PTS).withRefund(RefundPolicy.PRO_RATA)), tiers, store);
        }

        IdempotencyKey key(String name) {
            return IdempotencyKey.of(prefix + "-" + name);
        }

        void run(Op op) {
            switch (op) {
                case ENROL -> program.enrol(member, T0.minus(Duration.ofDays(1)));
                case PURCHASE -> program.purchase(member, Purchase.of("s1", "pos", List.of(
                        BasketLine.of("1", "TEA", "tea", 2, Money.of("12.00", "EUR")),
                        BasketLine.of("2", "CAKE", "bakery", 1, Money.of("9.50", "EUR")))), T0, key("p1"));
                case CUT_PURCHASE -> program.purchase(member, Purchase.of("s1", "pos", List.of(
                        BasketLine.of("1", "TEA", "tea", 2, Money.of("10.00", "EUR")))), T0.plusSeconds(60), key("p2"));
                case EVENT -> program.event(member, new MemberEvent("review", Map.of()), T0.plusSeconds(120),
                        key("review"));
                case PAY -> program.redeemFor(member, PTS.points(10), key("p1"), T0.plusSeconds(150), key("pay"),
                        "pays for p1");
                case RETURN -> program.returnPurchase(member, key("p1"), Map.of("1", 1L), T0.plusSeconds(180),
                        key("p1-back"));
                case REWARD -> program.redeemReward(member, "mug", T0.plusSeconds(240), key("mug"));
                case RESERVE -> program.reserve(member, PTS.points(10), Duration.ofHours(1), T0.plusSeconds(300),
                        key("hold"), "checkout");
                case CAPTURE -> program.capture(member, key("hold"), T0.plusSeconds(360), key("hold-capture"));
                case HOLD_AGAIN -> program.reserve(member, PTS.points(5), Duration.ofHours(1), T0.plusSeconds(420),
                        key("hold-2"), "checkout");
                case RELEASE -> program.release(member, key("hold-2"), T0.plusSeconds(480), key("hold-2-release"));
                case NEXT_DAY -> program.purchase(member, Purchase.of("s2", "web", List.of(
                        BasketLine.of("1", "POT", "home", 1, Money.of("30.00", "EUR")))),
                        T0.plus(Duration.ofDays(1)), key("p3"));
                default -> throw new IllegalStateException(op.toString());
            }
        }

        /** Everything the program holds about the member, with the case's prefix written as "X". */
        String snapshot() {
            StringBuilder s = new StringBuilder();
            s.append(ledger.account(member)).append('\n');
            s.append(ledger.balance(member, PTS)).append('\n');
            s.append(ledger.lots(member, PTS)).append('\n');
            s.append(ledger.statement(member)).append('\n');
            for (String k : List.of("p1", "p2", "review", "p1-back", "p3")) {
                s.append(k).append(": ").append(program.receipt(key(k))).append('\n');
            }
            s.append("tied to p1: ").append(store.redemptionsFor(key("p1"))).append('\n');
            for (String k : List.of("pay", "mug", "hold", "hold-capture", "hold-2", "hold-2-release")) {
                s.append(k).append(": ").append(ledger.posting(key(k))).append('\n');
            }
            s.append("budget ").append(quotas.used("budget/" + campaign + "/PTS")).append('\n');
            for (int day = 0; day < 2; day++) {
                String cap = "cap/base/PTS/" + member.value() + "/" + T0.plus(Duration.ofDays(day)).atZone(ZoneOffset.UTC)
                        .toLocalDate();
                s.append(cap).append(' ').append(quotas.used(cap)).append('\n');
            }
            s.append(store.member(member)).append('\n');
            s.append(tierStore.state(member)).append('\n');
            s.append(tiers.history(member)).append('\n');
            return s.toString().replace(prefix, "X");
        }
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("cases")
    void aFaultAtAnyRoundTripThenARetryEndsAsACleanRun(String db, String url, Op op, Mode mode) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        Run clean = new Run(ds);
        for (Op before : Op.values()) {
            if (before == op) {
                break;
            }
            clean.run(before);
        }
        ds.arm(Integer.MAX_VALUE, mode);
        clean.run(op);
        int roundTrips = ds.disarm();
        String expected = clean.snapshot();
        assertThat(roundTrips).as("round trips of %s", op).isPositive();

        int faults = 0;
        for (int k = 1; k <= roundTrips; k++) {
            Run run = new Run(ds);
            for (Op before : Op.values()) {
                if (before == op) {
                    break;
                }
                run.run(before);
            }
            ds.arm(k, mode);
            try {
                run.run(op);
            } catch (RuntimeException expectedFault) {
                // the injected fault, in whatever form the layer that met it reports it
            }
            if (ds.fired()) {
                faults++;
            }
            ds.disarm();
            run.run(op); // the retry, with the same key
            assertThat(run.snapshot()).as("%s %s: fault at round trip %d of %d, then a retry", op, mode, k, roundTrips)
                    .isEqualTo(expected);
        }
        assertThat(faults).as("faults injected into %s", op).isEqualTo(roundTrips);
    }
}
