package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
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
import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two application servers, each with its own connection pool, ledger store and program store, and
 * eight tills making purchases, returns (often of the same purchase at once, on either server) and
 * reward redemptions for three members, each request sometimes retried on the other server.
 * Afterwards each balance less its debt (a return of points already spent) equals a replay of the
 * receipts that succeeded, no purchase lost more units
 * or points than it had, no return was clawed twice, and no member went over a reward's limit.
 */
class JdbcProgramMultiServerTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final int THREADS = 8;
    static final int OPS_PER_THREAD = 40;
    static final int LIMIT = 2;
    static final List<MemberId> MEMBERS = List.of(MemberId.of("m-1"), MemberId.of("m-2"), MemberId.of("m-3"));
    static final ProgramVersion VERSION = ProgramVersion.of("v1", ProgramStoreContract.ENGINE,
            List.of(Reward.of("cup", "Free coffee", PTS.points(15)).limitPerMember(LIMIT)));

    static Stream<Arguments> databases() {
        return Databases.freshUrls("program-servers").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    private static LoyaltyProgram server(String url) {
        UrlDataSource pool = new UrlDataSource(url);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).store(JdbcLedgerStore.of(pool)).build();
        return LoyaltyProgram.of(ledger, VERSION, TierLookup.NONE, JdbcProgramStore.of(new UrlDataSource(url)));
    }

    /** What succeeded, by key. */
    static final class Outcome {
        final Map<IdempotencyKey, Receipt> purchases = new ConcurrentHashMap<>();
        final Map<IdempotencyKey, Receipt> returns = new ConcurrentHashMap<>();
        final Map<IdempotencyKey, MemberId> redemptions = new ConcurrentHashMap<>();
        final Map<MemberId, List<IdempotencyKey>> bought = new ConcurrentHashMap<>();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purchasesReturnsAndRewardsOnTwoServersAddUpAndNothingIsClawedTwice(String db, String url) throws Exception {
        LoyaltyProgram[] servers = {server(url), server(url)};
        Outcome out = new Outcome();
        for (MemberId m : MEMBERS) {
            servers[0].enrol(m, T0.minusSeconds(60));
            out.bought.put(m, new CopyOnWriteArrayList<>());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tills = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int till = t;
            tills.add(pool.submit(() -> {
                start.await();
                till(till, servers, out);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : tills) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        LoyaltyProgram reader = server(url);
        ProgramStore store = reader.store();
        Map<MemberId, Long> expected = new HashMap<>();
        for (Receipt r : out.purchases.values()) {
            expected.merge(r.member(), r.total("PTS"), Long::sum);
        }
        Map<IdempotencyKey, Long> clawedPerPurchase = new HashMap<>();
        for (Map.Entry<IdempotencyKey, Receipt> r : out.returns.entrySet()) {
            expected.merge(r.getValue().member(), -r.getValue().total("PTS"), Long::sum);
            IdempotencyKey original = store.receipt(r.getKey()).orElseThrow().original();
            clawedPerPurchase.merge(original, r.getValue().total("PTS"), Long::sum);
            assertThat(reader.receipt(r.getKey())).contains(r.getValue());
        }
        Map<MemberId, Integer> redeemed = new HashMap<>();
        for (MemberId m : out.redemptions.values()) {
            expected.merge(m, -15L, Long::sum);
            redeemed.merge(m, 1, Integer::sum);
        }
        for (MemberId m : MEMBERS) {
            Balance b = reader.ledger().balance(m, PTS);
            assertThat(b.total() - b.debt()).as("%s balance less debt = replay of what succeeded", m)
                    .isEqualTo(expected.getOrDefault(m, 0L));
            assertThat(b.total()).isNotNegative();
            int n = redeemed.getOrDefault(m, 0);
            assertThat(n).as("%s redemptions", m).isLessThanOrEqualTo(LIMIT);
            assertThat(store.member(m).orElseThrow().redeemed("cup")).isEqualTo(n);
            assertThat(store.member(m).orElseThrow().purchases()).isEqualTo(out.bought.get(m).size());
        }
        for (Receipt bought : out.purchases.values()) {
            assertThat(reader.receipt(bought.key())).contains(bought);
            ReturnState state = store.returns(bought.key()).orElse(ReturnState.none(bought.key()));
            Purchase basket = (Purchase) store.receipt(bought.key()).map(ReceiptRecord::activity).orElseThrow();
            for (BasketLine line : basket.lines()) {
                assertThat(state.returnedUnits().getOrDefault(line.lineId(), 0L)).isLessThanOrEqualTo(line.quantity());
            }
            long clawed = 0;
            for (int i = 0; i < bought.awards().size(); i++) {
                Award a = bought.awards().get(i);
                assertThat(state.clawed(i)).isLessThanOrEqualTo(a.amount());
                clawed += state.clawed(i);
            }
            assertThat(clawedPerPurchase.getOrDefault(bought.key(), 0L))
                    .as("purchase %s: returns' receipts = what the return state says was clawed", bought.key())
                    .isEqualTo(clawed);
            assertThat(clawed).isLessThanOrEqualTo(bought.total("PTS"));
        }
        assertThat(out.returns).isNotEmpty();
        assertThat(out.redemptions).isNotEmpty();
    }

    private static void till(int till, LoyaltyProgram[] servers, Outcome out) {
        Random random = new Random(till * 7919L);
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            MemberId m = MEMBERS.get(random.nextInt(MEMBERS.size()));
            LoyaltyProgram here = servers[random.nextInt(2)];
            LoyaltyProgram there = servers[random.nextInt(2)];
            Instant at = T0.plusSeconds(till * 1000L + i);
            IdempotencyKey key = IdempotencyKey.of("t" + till + "-" + i);
            int op = random.nextInt(10);
            List<IdempotencyKey> bought = out.bought.get(m);
            if (op < 4 || bought.isEmpty()) {
                Purchase basket = Purchase.of("s", "pos", List.of(
                        BasketLine.of("1", "LATTE", "coffee", 1 + random.nextInt(3), Money.of("3.40", "EUR")),
                        BasketLine.of("2", "BEANS", "beans", 1 + random.nextInt(2), Money.of("12.99", "EUR"))));
                Receipt r = here.purchase(m, basket, at, key);
                if (random.nextBoolean()) {
                    assertThat(there.purchase(m, basket, at, key)).isEqualTo(r);
                }
                out.purchases.put(key, r);
                bought.add(key);
            } else if (op < 8) {
                IdempotencyKey original = bought.get(random.nextInt(bought.size()));
                Map<String, Long> units = Map.of(random.nextBoolean() ? "1" : "2", 1L);
                try {
                    Receipt r = here.returnPurchase(m, original, units, at, key);
                    if (random.nextBoolean()) {
                        assertThat(there.returnPurchase(m, original, units, at, key)).isEqualTo(r);
                    }
                    out.returns.put(key, r);
                } catch (InvalidReversalException nothingLeft) {
                    // every unit of that line was returned already
                }
            } else {
                try {
                    here.redeemReward(m, "cup", at, key);
                    if (random.nextBoolean()) {
                        there.redeemReward(m, "cup", at, key);
                    }
                    out.redemptions.put(key, m);
                } catch (RewardNotAvailableException | InsufficientPointsException refused) {
                    // over the limit, or too few points
                }
            }
        }
    }
}
