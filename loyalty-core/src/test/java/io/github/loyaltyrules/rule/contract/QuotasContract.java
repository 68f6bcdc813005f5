package io.github.loyaltyrules.rule.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.rule.Quotas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Quotas} must do: draws never pass a limit (also from many threads), a request's
 * draw is set, not added, so a retried request draws once, settling releases what an earlier attempt
 * drew and this one did not, a give-back happens once per key and counter, and bad input changes
 * nothing. A property checks random sequences of draws, settlements and give-backs against a model
 * after every step. Extend it with a factory for the implementation under test.
 */
public abstract class QuotasContract {

    /**
     * Returns new, empty quotas: no counter used, no draw remembered.
     *
     * @return the quotas
     */
    protected abstract Quotas fresh();

    @Test
    void drawsStopAtTheLimit() {
        Quotas q = fresh();
        assertThat(q.draw("r1", "b", 6, 10)).isEqualTo(6);
        assertThat(q.draw("r2", "b", 6, 10)).isEqualTo(4);
        assertThat(q.draw("r3", "b", 1, 10)).isZero();
        assertThat(q.used("b")).isEqualTo(10);
        assertThat(q.drawn("r2", "b")).isEqualTo(4);
        assertThat(q.drawn("r3", "b")).isZero();
    }

    @Test
    void aRetriedRequestDrawsOnceAndARunningTotalReplacesTheDraw() {
        Quotas q = fresh();
        assertThat(q.draw("r1", "b", 6, 10)).isEqualTo(6);
        assertThat(q.draw("r1", "b", 6, 10)).isEqualTo(6); // the retry finds its draw
        assertThat(q.used("b")).isEqualTo(6);
        assertThat(q.draw("r2", "b", 3, 10)).isEqualTo(3);
        assertThat(q.draw("r1", "b", 6, 10)).isEqualTo(6); // its own draw still fits beside r2's
        assertThat(q.draw("r1", "b", 9, 10)).isEqualTo(7); // a running total: only the room beside r2
        assertThat(q.used("b")).isEqualTo(10);
        assertThat(q.draw("r1", "b", 2, 10)).isEqualTo(2); // a smaller total gives the rest back
        assertThat(q.used("b")).isEqualTo(5);
    }

    @Test
    void settlingReleasesWhatTheLastAttemptDidNotDraw() {
        Quotas q = fresh();
        q.draw("r1", "cap", 5, 10);
        q.draw("r1", "budget", 7, 100);
        q.draw("r2", "budget", 1, 100);
        q.settle("r1", Set.of("cap"));
        assertThat(q.used("budget")).isEqualTo(1);
        assertThat(q.drawn("r1", "budget")).isZero();
        assertThat(q.used("cap")).isEqualTo(5);
        q.settle("r1", Set.of()); // abandoned
        q.settle("r1", Set.of());
        q.settle("never", Set.of());
        assertThat(q.used("cap")).isZero();
        assertThat(q.used("budget")).isEqualTo(1);
        assertThat(q.draw("r1", "cap", 5, 10)).isEqualTo(5); // drawing again after a release
        assertThat(q.used("cap")).isEqualTo(5);
    }

    @Test
    void aGiveBackHappensOncePerKeyAndCounter() {
        Quotas q = fresh();
        q.draw("r1", "b", 10, 10);
        q.giveBack("return-1", "b", 4);
        q.giveBack("return-1", "b", 4);
        assertThat(q.used("b")).isEqualTo(6);
        q.giveBack("return-2", "b", 100);
        assertThat(q.used("b")).isZero();
        q.giveBack("return-3", "never-drawn", 3);
        assertThat(q.used("never-drawn")).isZero();
        assertThat(q.draw("r2", "b", 10, 10)).isEqualTo(10);
    }

    @Test
    void aCounterGivenBackBelowARequestsDrawNeverGoesNegative() {
        Quotas q = fresh();
        q.draw("r", "b", 5, 20);
        q.giveBack("return", "b", 5);
        assertThat(q.draw("r", "b", 4, 20)).isEqualTo(4); // a smaller draw of the same request
        assertThat(q.used("b")).isZero();
        q.settle("r", Set.of());
        assertThat(q.used("b")).isZero();
        assertThat(q.draw("r2", "b", 20, 20)).isEqualTo(20);
    }

    @Test
    void manyThreadsNeverPassTheLimit() throws Exception {
        Quotas q = fresh();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> takes = new ArrayList<>();
        int perThread = threadDraws();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            takes.add(pool.submit(() -> {
                long got = 0;
                for (int i = 0; i < perThread; i++) {
                    got += q.draw("t" + thread + "-" + i, "budget", 3, perThread * 2L);
                }
                return got;
            }));
        }
        long total = 0;
        for (Future<Long> f : takes) {
            total += f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(perThread * 2L).isEqualTo(q.used("budget"));
    }

    /**
     * Returns how many draws each of four threads makes in {@link #manyThreadsNeverPassTheLimit}.
     *
     * @return the draws per thread
     */
    protected int threadDraws() {
        return 10_000;
    }

    @Test
    void aCounterIsRenamedWithItsUsageAndDrawsAndOnlyToANewName() {
        Quotas q = fresh();
        q.draw("order-1", "cap/coffee/PTS/ann/2026-05-01", 30, 100);
        q.draw("order-2", "cap/coffee/PTS/ann/2026-05-01", 20, 100);
        q.draw("order-3", "cap/coffee/PTS/ann/x/2026-05-01", 5, 100);
        q.draw("order-4", "cap/coffee/PTS/bob/2026-05-01", 7, 100);
        q.draw("order-5", "cap_coffee%PTS/ann/2026-05-01", 9, 100); // LIKE's wildcards are plain characters here
        assertThat(q.counters("cap/coffee/PTS/ann/")).containsExactly("cap/coffee/PTS/ann/2026-05-01",
                "cap/coffee/PTS/ann/x/2026-05-01");
        assertThat(q.counters("cap/tea/")).isEmpty();

        q.rename("cap/coffee/PTS/ann/2026-05-01", "cap/coffee/PTS/erased-1/2026-05-01");
        assertThat(q.used("cap/coffee/PTS/erased-1/2026-05-01")).isEqualTo(50);
        assertThat(q.drawn("order-1", "cap/coffee/PTS/erased-1/2026-05-01")).isEqualTo(30);
        assertThat(q.used("cap/coffee/PTS/ann/2026-05-01")).isZero();
        assertThat(q.drawn("order-1", "cap/coffee/PTS/ann/2026-05-01")).isZero();
        assertThat(q.used("cap/coffee/PTS/ann/x/2026-05-01")).isEqualTo(5);
        // a retry of a renamed request finds its draw under the new name
        assertThat(q.draw("order-2", "cap/coffee/PTS/erased-1/2026-05-01", 20, 100)).isEqualTo(20);
        assertThat(q.used("cap/coffee/PTS/erased-1/2026-05-01")).isEqualTo(50);

        q.rename("cap/coffee/PTS/ann/2026-05-01", "cap/coffee/PTS/erased-1/2026-05-01"); // again: nothing to do
        assertThat(q.used("cap/coffee/PTS/erased-1/2026-05-01")).isEqualTo(50);
        assertThatThrownBy(() -> q.rename("cap/coffee/PTS/bob/2026-05-01", "cap/coffee/PTS/erased-1/2026-05-01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
        assertThat(q.used("cap/coffee/PTS/bob/2026-05-01")).isEqualTo(7);
        assertThat(q.used("cap/coffee/PTS/erased-1/2026-05-01")).isEqualTo(50);
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        Quotas q = fresh();
        q.draw("r", "b", 2, 10);
        q.giveBack("g", "b", 1);
        assertThatThrownBy(() -> q.draw("r", "b", -1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount drawn from quota 'b' must not be negative; got -1");
        assertThatThrownBy(() -> q.draw("r", "b", 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit of quota 'b' must not be negative; got -1");
        assertThatThrownBy(() -> q.giveBack("g2", "b", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount to give back to quota 'b' must be positive; got 0");
        assertThatThrownBy(() -> q.draw(null, "b", 1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("quota request key must not be null");
        assertThatThrownBy(() -> q.draw("r", null, 1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("quota counter name must not be null");
        assertThatThrownBy(() -> q.draw("x".repeat(401), "b", 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quota request key must have 1 to 400 characters; got 401");
        assertThatThrownBy(() -> q.settle("", Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.settle("r", null)).isInstanceOf(NullPointerException.class);
        assertThat(q.used("b")).isEqualTo(1);
        assertThat(q.drawn("r", "b")).isEqualTo(2);
    }

    /** One step of a random sequence. */
    record Op(int kind, int request, int counter, long amount, Set<Integer> kept) {
    }

    private Quotas underTest;

    /** Closes what a try of the property opened; the default does nothing. */
    @AfterProperty
    void afterTry() {
        underTest = null;
    }

    @Property(tries = 60)
    void randomSequencesMatchTheModel(@ForAll("ops") List<Op> ops) {
        underTest = fresh();
        Quotas q = underTest;
        Map<String, Long> used = new HashMap<>();
        Map<String, Long> drawn = new HashMap<>();
        Set<String> givenBack = new HashSet<>();
        Set<String> known = new HashSet<>();
        long limit = 20;
        for (Op op : ops) {
            String r = "r" + op.request();
            String c = "c" + op.counter();
            switch (op.kind()) {
                case 0 -> {
                    long before = drawn.getOrDefault(r + "|" + c, 0L);
                    long others = used.getOrDefault(c, 0L) - before;
                    long now = Math.max(0, Math.min(op.amount(), limit - others));
                    assertThat(q.draw(r, c, op.amount(), limit)).as("%s draws %s on %s", r, op.amount(), c)
                            .isEqualTo(now);
                    used.put(c, Math.max(0, others + now));
                    drawn.put(r + "|" + c, now);
                    known.add(c);
                }
                case 1 -> {
                    Set<String> kept = new HashSet<>();
                    op.kept().forEach(k -> kept.add("c" + k));
                    q.settle(r, kept);
                    for (int k = 0; k < 3; k++) {
                        String ck = "c" + k;
                        long d = drawn.getOrDefault(r + "|" + ck, 0L);
                        if (d > 0 && !kept.contains(ck)) {
                            used.put(ck, Math.max(0, used.get(ck) - d));
                            drawn.put(r + "|" + ck, 0L);
                        }
                    }
                }
                default -> {
                    String g = "g" + op.request();
                    q.giveBack(g, c, op.amount() + 1);
                    if (known.contains(c) && givenBack.add(g + "|" + c)) {
                        used.put(c, Math.max(0, used.get(c) - op.amount() - 1));
                    }
                }
            }
            for (int k = 0; k < 3; k++) {
                assertThat(q.used("c" + k)).as("c%s after %s", k, op).isEqualTo(used.getOrDefault("c" + k, 0L));
                for (int i = 0; i < 4; i++) {
                    assertThat(q.drawn("r" + i, "c" + k)).isEqualTo(drawn.getOrDefault("r" + i + "|c" + k, 0L));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(0, 12), Arbitraries.integers().between(0, 2).set().ofMaxSize(2))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(25);
    }
}
