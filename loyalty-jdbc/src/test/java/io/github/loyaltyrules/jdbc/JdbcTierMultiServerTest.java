package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.tier.InvalidTierRequestException;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierDowngraded;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierEvent;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierUpgraded;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two application servers, each with its own tier engine, store instance and connection pool,
 * and eight tills recording random purchases and returns for four hot members, each request
 * sometimes retried on the other server, while both servers run the tier assessment. Afterwards
 * every activity counts once, every tier change was delivered by exactly one server, and after a
 * window close (assessed by both servers at once) each member holds the tier their year's
 * activity earns.
 */
class JdbcTierMultiServerTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Metric SPEND = Metric.spend(Currency.getInstance("EUR"));
    static final TierLadder LADDER = TierLadder.builder().zone(PARIS).window(QualificationWindow.calendarYear())
            .metrics(SPEND).tier(Tier.of("Insider"))
            .tier(Tier.of("VIB").withThreshold(SPEND, new BigDecimal("350")))
            .tier(Tier.of("Rouge").withThreshold(SPEND, new BigDecimal("1000"))).build();
    static final int THREADS = 8;
    static final int OPS_PER_THREAD = 60;
    static final List<MemberId> HOT = List.of(MemberId.of("hot-1"), MemberId.of("hot-2"), MemberId.of("hot-3"),
            MemberId.of("hot-4"));

    static Stream<Arguments> databases() {
        return Databases.freshUrls("tier-servers").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoServersRecordingAndAssessingAtOnceCountEveryActivityOnceAndDeliverEveryChangeOnce(String db, String url)
            throws Exception {
        List<TierEvent> delivered = Collections.synchronizedList(new ArrayList<>());
        TierEngine[] servers = {
            TierEngine.of(LADDER, delivered::add, JdbcTierStore.of(new UrlDataSource(url))),
            TierEngine.of(LADDER, delivered::add, JdbcTierStore.of(new UrlDataSource(url)))
        };
        // the successful activity per member and key: purchases positive, returns negative
        Map<MemberId, Map<IdempotencyKey, Long>> succeeded = new ConcurrentHashMap<>();
        Map<IdempotencyKey, Long> purchases = new ConcurrentHashMap<>();
        for (MemberId m : HOT) {
            succeeded.put(m, new ConcurrentHashMap<>());
        }
        Instant yearStart = at("2026-01-01T00:00");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int till = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(31L * till + 7);
                start.await();
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    MemberId m = HOT.get(random.nextInt(HOT.size()));
                    TierEngine server = servers[random.nextInt(2)];
                    TierEngine other = server == servers[0] ? servers[1] : servers[0];
                    Instant when = yearStart.plusSeconds(random.nextInt(360 * 86_400));
                    IdempotencyKey key = IdempotencyKey.of("t" + till + "-" + i);
                    int kind = random.nextInt(10);
                    if (kind == 0) {
                        server.assessTiers(when);
                        continue;
                    }
                    if (kind == 1) {
                        List<IdempotencyKey> own = new ArrayList<>();
                        for (Map.Entry<IdempotencyKey, Long> e : succeeded.get(m).entrySet()) {
                            if (e.getValue() > 0) {
                                own.add(e.getKey());
                            }
                        }
                        if (own.isEmpty()) {
                            continue;
                        }
                        IdempotencyKey original = own.get(random.nextInt(own.size()));
                        long amount = 1 + random.nextInt((int) Math.min(5_000, purchases.get(original)));
                        try {
                            server.recordReturn(m, original, amount, when, key);
                            if (random.nextBoolean()) {
                                other.recordReturn(m, original, amount, when, key);
                            }
                            succeeded.get(m).put(key, -amount);
                        } catch (InvalidTierRequestException e) {
                            // another till returned too much of the same purchase first: rejected, nothing changed
                            assertThat(e).hasMessageContaining("more than the");
                        }
                        continue;
                    }
                    long cents = 100 + random.nextInt(20_000);
                    Money spend = Money.of(BigDecimal.valueOf(cents, 2).toPlainString(), "EUR");
                    server.record(m, spend, when, key);
                    if (random.nextInt(3) == 0) {
                        // the till did not hear back and retries on the other server
                        other.record(m, spend, when, key);
                    }
                    purchases.put(key, cents);
                    succeeded.get(m).put(key, cents);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(300, TimeUnit.SECONDS);
        }
        // both servers run the nightly job after the year closes, at once
        Instant close = at("2027-01-01T00:00");
        Future<Long> a = pool.submit(() -> servers[0].assessTiers(close, 2, (done, total) -> { }));
        Future<Long> b = pool.submit(() -> servers[1].assessTiers(close, 2, (done, total) -> { }));
        long assessedEvents = a.get(120, TimeUnit.SECONDS) + b.get(120, TimeUnit.SECONDS);
        pool.shutdown();

        DataSource ds = new UrlDataSource(url);
        List<TierChange> histories = new ArrayList<>();
        for (MemberId m : HOT) {
            long sum = 0;
            for (long v : succeeded.get(m).values()) {
                sum += v;
            }
            assertThat(servers[1].progress(m, at("2026-12-31T23:59")).values())
                    .as("%s on %s", m, db).containsEntry(SPEND, BigDecimal.valueOf(sum, 2));
            assertThat(activityRows(ds, m)).as("one activity row per key").isEqualTo(succeeded.get(m).size());
            String earned = sum >= 100_000 ? "Rouge" : sum >= 35_000 ? "VIB" : "Insider";
            assertThat(servers[0].tierAt(m, close).name()).as("%s after the close", m).isEqualTo(earned);
            histories.addAll(servers[0].history(m));
        }
        List<TierChange> deliveredChanges = new ArrayList<>();
        for (TierEvent e : delivered) {
            if (e instanceof TierUpgraded u) {
                deliveredChanges.add(u.change());
            } else if (e instanceof TierDowngraded d) {
                deliveredChanges.add(d.change());
            }
        }
        assertThat(deliveredChanges).as("every change delivered once, by one server").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(histories);
        assertThat(assessedEvents).isLessThanOrEqualTo(delivered.size());
        assertThat(servers[0].assessTiers(close)).isEmpty();
        assertThat(servers[1].assessTiers(close)).isEmpty();
    }

    private static long activityRows(DataSource ds, MemberId m) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM loyalty_tier_activity WHERE member_id = ?")) {
            p.setString(1, m.value());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
