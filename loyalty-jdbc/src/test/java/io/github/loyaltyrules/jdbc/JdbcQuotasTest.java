package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.RuleSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Campaign budgets and per-member caps held in the database stay exact when two servers, each with
 * its own rule set, connection pool and four threads, draw on them at once. On H2 always, on
 * PostgreSQL when configured.
 */
class JdbcQuotasTest {

    static final PointCurrency STARS = PointCurrency.of("STARS", "Stars", 0);
    static final Instant AT = Instant.parse("2026-06-10T10:00:00Z");

    static Stream<Arguments> databases() {
        return Databases.freshUrls("quotas").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    static RuleSet server(String url) {
        return RuleSet.builder(STARS)
                .quotas(JdbcQuotas.of(new UrlDataSource(url)))
                .campaign(Campaign.of("summer", "Summer", Instant.parse("2026-06-01T00:00:00Z"),
                        Instant.parse("2026-09-01T00:00:00Z")).withBudget("STARS", 1_000))
                .rule("summer", r -> r.name("30 summer stars").campaign("summer").award(Actions.fixed(STARS.points(30))))
                .rule("daily", r -> r.name("7 stars a visit, 20 a day").award(Actions.fixed(STARS.points(7)))
                        .capPerMember("STARS", 20, CapPeriod.DAY))
                .build();
    }

    static RuleContext visit(String member, int n) {
        Purchase p = Purchase.of("s1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 1, Money.of("3.00", "EUR"))));
        return new RuleContext(new MemberProfile(MemberId.of(member), null, Set.of(), Map.of(), null, 1), p,
                AT.atZone(ZoneOffset.UTC), IdempotencyKey.of(member + "-" + n), "v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoServersNeverExceedABudgetOrACap(String db, String url) throws Exception {
        RuleSet[] servers = {server(url), server(url)};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                long summer = 0;
                long daily = 0;
                for (int i = 0; i < 25; i++) {
                    Evaluation e = servers[thread % 2].evaluate(visit("m" + (i % 5), thread * 100 + i));
                    summer += e.awards().stream().filter(a -> a.ruleId().equals("summer")).mapToLong(a -> a.amount()).sum();
                    daily += e.awards().stream().filter(a -> a.ruleId().equals("daily")).mapToLong(a -> a.amount()).sum();
                }
                return new long[] {summer, daily};
            }));
        }
        long summer = 0;
        long daily = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get(2, TimeUnit.MINUTES);
            summer += r[0];
            daily += r[1];
        }
        pool.shutdown();
        // 200 visits would earn 6,000 summer stars; the budget is 1,000, spent to the last star.
        assertThat(summer).isEqualTo(1_000);
        assertThat(servers[0].budgetRemaining("summer", "STARS")).isZero();
        // 5 members, 20 stars a day each, whichever server they visit.
        assertThat(daily).isEqualTo(5 * 20);
    }
}
