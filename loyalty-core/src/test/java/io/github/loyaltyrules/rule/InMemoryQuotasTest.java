package io.github.loyaltyrules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In-memory quotas: draws never pass the limit, also from many threads; bad input changes nothing. */
class InMemoryQuotasTest {

    @Test
    void drawsStopAtTheLimitAndGivingBackMakesRoom() {
        Quotas q = Quotas.inMemory();
        assertThat(q.take("b", 6, 10)).isEqualTo(6);
        assertThat(q.take("b", 6, 10)).isEqualTo(4);
        assertThat(q.take("b", 1, 10)).isZero();
        q.giveBack("b", 5);
        assertThat(q.used("b")).isEqualTo(5);
        q.giveBack("b", 50);
        assertThat(q.used("b")).isZero();
        q.giveBack("never-drawn", 3);
        assertThat(q.used("never-drawn")).isZero();
    }

    @Test
    void manyThreadsNeverPassTheLimit() throws Exception {
        Quotas q = Quotas.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> takes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            takes.add(pool.submit(() -> {
                long got = 0;
                for (int i = 0; i < 10_000; i++) {
                    got += q.take("budget", 3, 10_000);
                }
                return got;
            }));
        }
        long total = 0;
        for (Future<Long> f : takes) {
            total += f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(10_000).isEqualTo(q.used("budget"));
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        Quotas q = Quotas.inMemory();
        q.take("b", 2, 10);
        assertThatThrownBy(() -> q.take("b", 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount to take from quota 'b' must be positive; got 0");
        assertThatThrownBy(() -> q.take("b", 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit of quota 'b' must not be negative; got -1");
        assertThatThrownBy(() -> q.giveBack("b", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount to give back to quota 'b' must be positive; got -1");
        assertThatThrownBy(() -> q.take(null, 1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("quota counter name must not be null");
        assertThat(q.used("b")).isEqualTo(2);
    }
}
