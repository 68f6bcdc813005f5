package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeWindow;
import io.github.loyaltyrules.engagement.StreakPeriod;
import io.github.loyaltyrules.engagement.spi.ProgressRecord;
import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every round trip of the challenge store can fail (or lose its reply) in every step of a scenario
 * (three purchases, the third completing "shop 3 times this month", a second purchase line returned,
 * then the whole of a purchase returned, which revokes the reward, and a purchase that earns it
 * again); retried with the same key, the step must end exactly where a clean run ends: the same
 * progress records and the same balance. On H2 always, on PostgreSQL when configured.
 */
class ChallengeFaultAtEveryStatementTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final Challenge THREE = Challenge.of("three", "Shop 3 times this month", ChallengeGoal.purchases(3),
            ChallengeWindow.MONTH, "PTS", 200);
    /** A streak, earned by b (the day after a) and taken back when b is wholly returned; its badge stays. */
    static final Challenge TWO_DAYS = Challenge.of("two-days", "Shop 2 days in a row", ChallengeGoal.streak(2,
            StreakPeriod.DAY), ChallengeWindow.MONTH, "PTS", 30).withBadge("regular");
    private static final AtomicInteger CASES = new AtomicInteger();

    static Stream<Arguments> cases() {
        return Databases.faultCases("challenge-faults");
    }

    static Purchase basket() {
        return Purchase.of("s1", "pos", List.of(BasketLine.of("1", "A", "food", 1, Money.of("2.00", "EUR")),
                BasketLine.of("2", "B", "food", 1, Money.of("3.00", "EUR"))));
    }

    /** The scenario's steps, each run with the same key when retried. */
    static final List<BiConsumer<LoyaltyProgram, MemberId>> STEPS = List.of(
            (p, m) -> p.purchase(m, basket(), T0, IdempotencyKey.of("a")),
            (p, m) -> p.purchase(m, basket(), T0.plusSeconds(86_400 + 60), IdempotencyKey.of("b")),
            (p, m) -> p.purchase(m, basket(), T0.plusSeconds(120), IdempotencyKey.of("c")),
            (p, m) -> p.returnPurchase(m, IdempotencyKey.of("b"), Map.of("2", 1L), T0.plusSeconds(86_400 + 180), IdempotencyKey.of("r1")),
            (p, m) -> p.returnPurchase(m, IdempotencyKey.of("b"), Map.of("1", 1L), T0.plusSeconds(86_400 + 240), IdempotencyKey.of("r2")),
            (p, m) -> p.purchase(m, basket(), T0.plusSeconds(300), IdempotencyKey.of("d")));

    record Run(LoyaltyProgram program, Ledger ledger, JdbcChallengeStore store, MemberId member) {
        /** The progress records (moved to one id, to compare runs of different members) and the badges. */
        List<Object> state() {
            List<Object> out = new ArrayList<>();
            for (ProgressRecord r : store.progressOf(member)) {
                out.add(r.pseudonymised(MemberId.of("x")));
            }
            out.addAll(store.badges(member));
            return out;
        }

        long points() {
            return ledger.balance(member, PTS).total();
        }
    }

    static Run run(StatementFaultDataSource ds) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3 * 86_400), ZoneOffset.UTC))
                .currency(PTS).build();
        JdbcChallengeStore store = JdbcChallengeStore.of(ds);
        LoyaltyProgram program = LoyaltyProgram.builder(ledger,
                ProgramVersion.of("v1", ctx -> Evaluation.NOTHING, List.of()).withChallenges(THREE, TWO_DAYS))
                .challengeStore(store).build();
        MemberId member = MemberId.of("case" + CASES.incrementAndGet());
        program.enrol(member, T0.minusSeconds(60));
        return new Run(program, ledger, store, member);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void everyStepEndsAsACleanRunWhateverRoundTripFails(String db, String url, Mode mode) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        List<List<Object>> clean = new ArrayList<>();
        List<Long> cleanPoints = new ArrayList<>();
        Run reference = run(ds);
        for (BiConsumer<LoyaltyProgram, MemberId> step : STEPS) {
            step.accept(reference.program(), reference.member());
            clean.add(reference.state());
            cleanPoints.add(reference.points());
        }
        assertThat(cleanPoints).containsExactly(0L, 30L, 230L, 230L, 0L, 200L);
        assertThat(reference.store().badges(reference.member())).extracting(b -> b.id() + " " + b.purchase())
                .containsExactly("regular b");
        int injected = 0;
        for (int s = 0; s < STEPS.size(); s++) {
            for (int k = 1; ; k++) {
                Run r = run(ds);
                for (int i = 0; i < s; i++) {
                    STEPS.get(i).accept(r.program(), r.member());
                }
                ds.arm(k, mode);
                boolean failed = false;
                try {
                    STEPS.get(s).accept(r.program(), r.member());
                } catch (RuntimeException e) {
                    failed = true;
                }
                boolean fired = ds.fired();
                ds.disarm();
                if (failed) {
                    STEPS.get(s).accept(r.program(), r.member());
                }
                assertThat(r.state()).as("step %d, round trip %d", s, k).isEqualTo(clean.get(s));
                assertThat(r.points()).as("step %d, round trip %d", s, k).isEqualTo(cleanPoints.get(s));
                if (!fired) {
                    break;
                }
                injected++;
            }
        }
        assertThat(injected).as("every step but r1, which changes no count, commits at least once").isGreaterThanOrEqualTo(STEPS.size() - 1);
    }
}
