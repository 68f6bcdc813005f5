package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.ExpirySweep;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two application servers, each with its own store instance and connection pool, and eight tills
 * posting random earns, redemptions, reservations, captures, releases and reversals to three hot
 * members at once, each request sometimes retried on the other server. Afterwards every ledger
 * invariant holds and each member's balance equals a replay of the operations that succeeded. And
 * two servers running the expiry sweep at once expire each lot once.
 */
class JdbcMultiServerTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final int THREADS = 8;
    static final int OPS_PER_THREAD = 250;
    static final List<MemberId> HOT = List.of(MemberId.of("hot-1"), MemberId.of("hot-2"), MemberId.of("hot-3"));

    static Stream<Arguments> databases() {
        return Databases.freshUrls("servers").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    /** What succeeded for one member, as a simple model would sum it. */
    static final class Model {
        final AtomicLong earned = new AtomicLong();
        final AtomicLong redeemed = new AtomicLong();
        final AtomicLong captured = new AtomicLong();
        final AtomicLong reversedBack = new AtomicLong();
        final Map<IdempotencyKey, Long> openReservations = new ConcurrentHashMap<>();

        long total() {
            return earned.get() - redeemed.get() - captured.get() + reversedBack.get();
        }
    }

    private static Ledger server(String url) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(new UrlDataSource(url))).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoServersAndEightTillsNeverLoseAnUpdateOrSpendAPointTwice(String db, String url) throws Exception {
        Ledger[] servers = {server(url), server(url)};
        Map<MemberId, Model> models = new HashMap<>();
        for (MemberId m : HOT) {
            servers[0].enrol(m, T0.minusSeconds(60));
            models.put(m, new Model());
        }
        AtomicLong postings = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tills = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int till = t;
            tills.add(pool.submit(() -> {
                start.await();
                till(till, servers, models, postings);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : tills) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Ledger reader = server(url);
        for (MemberId m : HOT) {
            Model model = models.get(m);
            Balance b = reader.balance(m, PTS);
            List<Entry> entries = reader.statement(m);
            long entrySum = entries.stream().filter(e -> e.currency().equals("PTS")).mapToLong(Entry::amount).sum();
            List<Lot> lots = reader.lots(m, PTS);
            long lotSum = lots.stream().mapToLong(Lot::remaining).sum();
            assertThat(b.total()).as("%s balance = replay of what succeeded", m).isEqualTo(model.total());
            assertThat(entrySum).as("%s balance = sum of entries", m).isEqualTo(b.total());
            assertThat(lotSum).as("%s balance = sum of lots", m).isEqualTo(b.total());
            assertThat(b.total()).isNotNegative();
            assertThat(b.available()).isNotNegative();
            assertThat(lots).allSatisfy(l -> assertThat(l.remaining()).isBetween(0L, l.original()));
            long open = model.openReservations.values().stream().mapToLong(Long::longValue).sum();
            assertThat(b.reserved()).as("%s reserved = open reservations", m).isEqualTo(open);
        }
        assertThat(postingRows(url)).as("one row per successful posting, none twice").isEqualTo(postings.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoServersSweepingExpiryAtOnceExpireEachLotOnce(String db, String url) throws Exception {
        PointCurrency expiring = PointCurrency.of("PTS", "Points", 0)
                .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
        Ledger[] servers = new Ledger[2];
        for (int i = 0; i < 2; i++) {
            servers[i] = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .currency(expiring).store(JdbcLedgerStore.of(new UrlDataSource(url))).build();
        }
        int members = 300;
        Instant yearAgo = T0.minus(Duration.ofDays(365));
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of("sweep-" + i);
            servers[0].enrol(m, yearAgo.minusSeconds(60));
            servers[0].earn(m, expiring.points(40), yearAgo, IdempotencyKey.of("old-" + i), "old");
            servers[0].earn(m, expiring.points(7), T0.minusSeconds(3600), IdempotencyKey.of("new-" + i), "new");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ExpirySweep>> sweeps = new ArrayList<>();
        for (Ledger server : servers) {
            sweeps.add(pool.submit(() -> server.expire(T0)));
        }
        long expired = 0;
        for (Future<ExpirySweep> f : sweeps) {
            expired += f.get(5, TimeUnit.MINUTES).expired().getOrDefault("PTS", 0L);
        }
        pool.shutdown();

        assertThat(expired).as("what both sweeps report together").isEqualTo(40L * members);
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of("sweep-" + i);
            assertThat(servers[1].balance(m, expiring).total()).isEqualTo(7);
            assertThat(servers[1].statement(m).stream()
                    .filter(e -> e.type() == EntryType.EXPIRY)).hasSize(1);
        }
        assertThat(servers[0].expire(T0).postings()).as("a third sweep writes nothing").isZero();
    }

    private static void till(int till, Ledger[] servers, Map<MemberId, Model> models, AtomicLong postings) {
        Random random = new Random(1000 + till);
        List<IdempotencyKey> redemptions = new ArrayList<>();
        Map<IdempotencyKey, MemberId> redemptionMember = new HashMap<>();
        Map<IdempotencyKey, Long> redemptionAmount = new HashMap<>();
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            MemberId m = HOT.get(random.nextInt(HOT.size()));
            Model model = models.get(m);
            Ledger server = servers[random.nextInt(2)];
            Ledger other = servers[1 - Arrays.asList(servers).indexOf(server)];
            boolean retry = random.nextInt(10) == 0;
            IdempotencyKey key = IdempotencyKey.of("till-" + till + "-" + i);
            int kind = random.nextInt(100);
            try {
                if (kind < 40) {
                    long amount = 1 + random.nextInt(50);
                    post(server, other, retry, s -> s.earn(m, PTS.points(amount), T0, key, "earn"));
                    model.earned.addAndGet(amount);
                } else if (kind < 65) {
                    long amount = 1 + random.nextInt(40);
                    post(server, other, retry, s -> s.redeem(m, PTS.points(amount), T0, key, "redeem"));
                    model.redeemed.addAndGet(amount);
                    redemptions.add(key);
                    redemptionMember.put(key, m);
                    redemptionAmount.put(key, amount);
                } else if (kind < 80) {
                    long amount = 1 + random.nextInt(30);
                    post(server, other, retry,
                            s -> s.reserve(m, PTS.points(amount), Duration.ofDays(1), T0, key, "hold"));
                    model.openReservations.put(key, amount);
                } else if (kind < 92) {
                    IdempotencyKey hold = model.openReservations.keySet().stream().filter(k -> k.value().startsWith(
                            "till-" + till + "-")).findFirst().orElse(null);
                    if (hold == null) {
                        continue;
                    }
                    long amount = model.openReservations.get(hold);
                    if (random.nextBoolean()) {
                        post(server, other, retry, s -> s.capture(m, hold, T0, key));
                        model.captured.addAndGet(amount);
                    } else {
                        post(server, other, retry, s -> s.release(m, hold, T0, key));
                    }
                    model.openReservations.remove(hold);
                } else {
                    if (redemptions.isEmpty()) {
                        continue;
                    }
                    IdempotencyKey original = redemptions.remove(random.nextInt(redemptions.size()));
                    MemberId owner = redemptionMember.get(original);
                    post(server, other, retry, s -> s.reverse(owner, original, T0, key, "undo"));
                    models.get(owner).reversedBack.addAndGet(redemptionAmount.get(original));
                }
                postings.incrementAndGet();
            } catch (InsufficientPointsException expected) {
                // a rejected request changes nothing; the model does not count it
            }
        }
    }

    /** Posts on one server; on a retry, posts the same request again on the other and expects the same posting. */
    private static void post(Ledger server, Ledger other, boolean retry, Function<Ledger, Posting> op) {
        Posting first = op.apply(server);
        if (retry) {
            assertThat(op.apply(other)).isEqualTo(first);
        }
    }

    private static long postingRows(String url) throws SQLException {
        try (Connection c = new UrlDataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loyalty_posting WHERE member_id LIKE 'hot-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
