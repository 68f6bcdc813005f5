package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several threads hammer a few shared members with random operations, some of them retrying the
 * same keys at once. Afterwards every invariant holds and the balances are exactly what the
 * postings the callers got back add up to: no update lost, none applied twice.
 */
class ConcurrentPostingTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 1500;
    private static final List<MemberId> MEMBERS = List.of(MemberId.of("a"), MemberId.of("b"), MemberId.of("c"));

    @Test
    void concurrentRandomPostingsKeepEveryInvariantAndLoseNoUpdate() throws Exception {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).build();
        for (MemberId m : MEMBERS) {
            ledger.enrol(m, T0);
        }
        Map<IdempotencyKey, Posting> returned = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                work(ledger, thread, returned);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        long expectedTotal = 0;
        for (Posting p : returned.values()) {
            assertThat(ledger.posting(p.key())).contains(p);
            for (MemberId m : MEMBERS) {
                expectedTotal += p.netAmount(m);
            }
        }
        long total = 0;
        for (MemberId m : MEMBERS) {
            Balance b = ledger.balance(m, PTS);
            long lots = ledger.lots(m, PTS).stream().mapToLong(Lot::remaining).sum();
            long entries = ledger.statement(m).stream().mapToLong(Entry::amount).sum();
            long debt = ledger.statement(m).stream().mapToLong(Entry::debtDelta).sum();
            assertThat(b.total()).isEqualTo(lots).isEqualTo(entries).isNotNegative();
            assertThat(b.debt()).isEqualTo(debt).isNotNegative();
            assertThat(b.available()).isNotNegative();
            assertThat(ledger.lots(m, PTS)).allSatisfy(l -> assertThat(l.remaining()).isBetween(0L, l.original()));
            List<Entry> statement = ledger.statement(m);
            for (int i = 0; i < statement.size(); i++) {
                assertThat(statement.get(i).sequence()).isEqualTo(i + 1);
            }
            total += b.total();
        }
        assertThat(total).as("sum of balances = sum of what the returned postings did").isEqualTo(expectedTotal);
        assertThat(returned).hasSizeGreaterThan(THREADS * OPS_PER_THREAD / 4);
    }

    private static void work(Ledger ledger, int thread, Map<IdempotencyKey, Posting> returned) {
        SplittableRandom random = new SplittableRandom(42 + thread);
        List<IdempotencyKey> mine = new ArrayList<>();
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            MemberId m = MEMBERS.get(random.nextInt(MEMBERS.size()));
            Instant at = T0.plusSeconds(random.nextInt(3600));
            // Every fourth operation uses a key shared by all threads, as a retried request would.
            IdempotencyKey key = i % 4 == 0 ? IdempotencyKey.of("shared-" + i) : IdempotencyKey.of("t" + thread + "-" + i);
            long amount = 1 + random.nextInt(200);
            try {
                Posting p;
                switch (i % 4 == 0 ? 0 : random.nextInt(6)) {
                    case 0:
                        p = ledger.earn(MEMBERS.get(i % MEMBERS.size()), PTS.points(50 + i % 7), T0, key, "shared");
                        break;
                    case 1:
                        p = ledger.earn(m, PTS.points(amount), at, key, "purchase");
                        break;
                    case 2:
                        p = ledger.redeem(m, PTS.points(amount), at, key, "reward");
                        break;
                    case 3:
                        MemberId to = MEMBERS.get((MEMBERS.indexOf(m) + 1) % MEMBERS.size());
                        p = ledger.transfer(m, to, PTS.points(amount), at, key, "gift");
                        break;
                    case 4:
                        p = ledger.reserve(m, PTS.points(amount), Duration.ofDays(1), at, key, "checkout");
                        Posting r = p;
                        returned.put(r.key(), r);
                        IdempotencyKey capture = IdempotencyKey.of(key.value() + "-c");
                        p = random.nextBoolean()
                                ? ledger.capture(m, key, at, capture)
                                : ledger.release(m, key, at, capture);
                        break;
                    default:
                        if (mine.isEmpty()) {
                            continue;
                        }
                        IdempotencyKey target = mine.get(random.nextInt(mine.size()));
                        Posting original = returned.get(target);
                        p = ledger.reverse(original.member(), target, PTS.points(1 + random.nextInt(20)),
                                original.at().plusSeconds(1), key, "return");
                        break;
                }
                Posting previous = returned.putIfAbsent(p.key(), p);
                if (previous != null) {
                    assertThat(p).as("a replayed key returns the first posting").isEqualTo(previous);
                }
                if (p.type() != PostingType.RESERVE && p.type() != PostingType.RELEASE && !key.value().startsWith("shared")) {
                    mine.add(p.key());
                }
            } catch (InsufficientPointsException | InvalidReversalException | ReservationNotOpenException e) {
                // Legitimate rejections under contention: they changed nothing.
            }
        }
    }
}
