package io.github.loyaltyrules.jdbc;

import static io.github.loyaltyrules.program.contract.ProgramStoreContract.walking;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Pseudonyms;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * The program report summed in SQL ({@link JdbcProgramStore#activity}) equals the Java walk over the
 * same records (the SPI's default) and the in-memory store's sums of the same history, on random
 * histories of purchases (four stores, money with 0, 2 and 3 decimals, points in two currencies),
 * events, returns of earlier purchases, reward redemptions and erasures, at times with nanoseconds,
 * over random periods whose bounds have nanoseconds too: on H2, and on PostgreSQL every other try
 * when {@code LOYALTY_PG_URL} names a server.
 */
class ProgramReportSqlProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 2);
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] STORES = {"amsterdam", "berlin", "cologne", "delft"};
    private static final String[] MONEY = {"EUR", "JPY", "BHD", "USD"};
    private static final byte[] KEY = "report-property-pseudonym-key-32".getBytes(StandardCharsets.UTF_8);

    /** 1 PTS per whole unit of each line, 1.00 MILES on baskets of 20 or more; 5 PTS and 0.25 MILES an event. */
    static final RuleEngine ENGINE = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of(new Award("event", "Event", "PTS", 5, Map.of(), Explanation.fixed()),
                    new Award("event-miles", "Event miles", "MILES", 25, Map.of(), Explanation.fixed())));
        }
        List<Award> awards = new ArrayList<>();
        Map<String, Long> shares = new java.util.TreeMap<>();
        long sum = 0;
        for (BasketLine line : p.lines()) {
            long pts = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), pts);
            sum += pts;
        }
        if (sum > 0) {
            awards.add(new Award("base", "Base", "PTS", sum, shares, Explanation.fixed()));
        }
        if (p.total().amount().compareTo(BigDecimal.valueOf(20)) >= 0) {
            awards.add(new Award("big", "Big basket", "MILES", 100, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    };

    private static int databases;

    /** What an operation does. */
    enum Kind { PURCHASE, EVENT, RETURN, REWARD, ERASE }

    /** One operation: kind, member, store, price in minor units, quantity, time in seconds after BASE, nanos, pick. */
    record Op(Kind kind, int member, int store, int minor, int quantity, int second, int nanos, int pick) {
    }

    /** A bound of a period: anywhere (nanoseconds after BASE), or a nanosecond around an operation's time. */
    record Bound(long nanos, boolean atOperation, int pick, int delta) {
        Instant at(List<Op> history) {
            if (!atOperation || history.isEmpty()) {
                return BASE.plusNanos(nanos);
            }
            Op op = history.get(pick % history.size());
            return BASE.plusSeconds(op.second()).plusNanos(op.nanos() + delta);
        }
    }

    /** A ledger and a program on stores of one kind. */
    private record Side(LoyaltyProgram program, ProgramStore store) {
    }

    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void theSqlReportEqualsTheWalkAndTheMemoryStoresReport(@ForAll("histories") List<Op> ops,
            @ForAll("bounds") List<Bound> bounds) {
        DataSource ds = Databases.postgresAvailable() && databases++ % 2 == 0 ? Databases.freshPostgres()
                : Databases.freshH2();
        Side jdbc = side(Ledger.builder().zone(ZONE).currency(PTS).currency(MILES).store(JdbcLedgerStore.of(ds)).build(),
                JdbcProgramStore.of(ds));
        Side memory = side(Ledger.builder().zone(ZONE).currency(PTS).currency(MILES).build(),
                InMemoryProgramStore.create());
        List<Op> history = new ArrayList<>(ops);
        history.sort(Comparator.comparingInt(Op::second).thenComparingInt(Op::nanos));
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(MemberId.of("m" + i));
            Instant enrolled = BASE.minusSeconds(1);
            jdbc.program().enrol(members.get(i), enrolled);
            memory.program().enrol(members.get(i), enrolled);
        }
        List<Receipt> purchases = new ArrayList<>();
        int n = 0;
        for (Op op : history) {
            n++;
            Instant at = BASE.plusSeconds(op.second()).plusNanos(op.nanos());
            IdempotencyKey key = IdempotencyKey.of("op-" + n);
            MemberId m = members.get(op.member());
            Function<LoyaltyProgram, Object> call = switch (op.kind()) {
                case PURCHASE -> {
                    String money = MONEY[op.store()];
                    int digits = Math.max(java.util.Currency.getInstance(money).getDefaultFractionDigits(), 0);
                    Purchase p = Purchase.of(STORES[op.store()], "pos", List.of(
                            BasketLine.of("1", "ITEM", "misc", op.quantity(),
                                    Money.of(BigDecimal.valueOf(op.minor(), digits).toPlainString(), money)),
                            BasketLine.of("2", "BAG", "misc", 1, Money.of(BigDecimal.valueOf(1, 0).toPlainString(), money))));
                    yield prog -> prog.purchase(m, p, at, key);
                }
                case EVENT -> prog -> prog.event(m, new MemberEvent("review", Map.of("text", "fine")), at, key);
                case RETURN -> {
                    if (purchases.isEmpty()) {
                        yield null;
                    }
                    Receipt original = purchases.get(op.pick() % purchases.size());
                    yield prog -> prog.returnPurchase(original.member(), original.key(), Map.of("1", 1L), at, key);
                }
                case REWARD -> prog -> prog.redeemReward(m, "cup", at, key);
                case ERASE -> prog -> prog.erase(m);
            };
            if (call == null) {
                continue;
            }
            Object jdbcResult = outcome(call, jdbc.program());
            Object memoryResult = outcome(call, memory.program());
            assertThat(jdbcResult instanceof LoyaltyException).as("op " + n + " " + op)
                    .isEqualTo(memoryResult instanceof LoyaltyException);
            if (op.kind() == Kind.PURCHASE && jdbcResult instanceof Receipt r) {
                purchases.add(r);
            }
        }
        for (int i = 0; i + 1 < bounds.size(); i += 2) {
            Instant a = bounds.get(i).at(history);
            Instant b = bounds.get(i + 1).at(history);
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a.plusNanos(1);
            ProgramActivity sql = jdbc.store().activity(from, to);
            assertThat(sql).as("from " + from + " to " + to).isEqualTo(walking(jdbc.store()).activity(from, to))
                    .isEqualTo(memory.store().activity(from, to))
                    .isEqualTo(walking(memory.store()).activity(from, to));
            assertThat(jdbc.program().activity(from, to)).isEqualTo(memory.program().activity(from, to));
        }
    }

    private static Side side(Ledger ledger, ProgramStore store) {
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", ENGINE,
                List.of(Reward.of("cup", "Free coffee", PTS.points(30))))).tiers(TierLookup.NONE).store(store)
                .pseudonyms(Pseudonyms.keyed(KEY)).build();
        return new Side(program, store);
    }

    /** The call's result, or the library's exception that refused it. */
    private static Object outcome(Function<LoyaltyProgram, Object> call, LoyaltyProgram program) {
        try {
            return call.apply(program);
        } catch (LoyaltyException refused) {
            return refused;
        }
    }

    @Provide
    Arbitrary<List<Bound>> bounds() {
        // over the 30 days of the histories and a little beyond, or a nanosecond before, at or after an
        // operation, so that bounds fall within the microsecond of records
        return Combinators.combine(Arbitraries.longs().between(0, Duration.ofDays(32).toNanos())
                        .withDistribution(RandomDistribution.uniform()), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(-1, 1)).as(Bound::new)
                .list().ofSize(6);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.PURCHASE, Kind.PURCHASE, Kind.PURCHASE, Kind.EVENT, Kind.RETURN, Kind.RETURN,
                        Kind.REWARD, Kind.ERASE),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 30_000), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 30 * 86_400).withDistribution(RandomDistribution.uniform()),
                // nanoseconds: on the second, below a microsecond, or anywhere in the second
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999),
                        Arbitraries.integers().between(0, 999_999_999)),
                Arbitraries.integers().between(0, 5000)).as(Op::new);
        return op.list().ofMaxSize(50);
    }
}
