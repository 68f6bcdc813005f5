package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.TierMovement;
import io.github.loyaltyrules.report.TierReport;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.contract.WalkedTierStore;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tier report counted in SQL ({@link JdbcTierStore#tally}, with the engine placing only the
 * members the SQL leaves to it) equals the Java walk over the same JDBC store (every state read),
 * the in-memory store's report of the same history, and the figures worked out here member by
 * member from {@link TierEngine#tierOf} and {@link TierEngine#history}: on random ladders (calendar,
 * rolling, anniversary and lifetime windows, retention, grace, soft landing, a never-downgrade
 * tier), random activity, status matches and assessments at times with nanoseconds, rows made to
 * look as schema 15 and 9 left them (not tallied, no nanoseconds, no change rows), and random
 * periods with bounds a nanosecond around changes: on H2, and on PostgreSQL every other try when
 * {@code LOYALTY_PG_URL} names a server.
 */
class TierReportSqlProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Metric NIGHTS = Metric.counter("nights");
    private static final String[] TIERS = {"Member", "Silver", "Gold", "Platinum"};
    private static final int MEMBERS = 6;

    private static int databases;

    /** What an operation does. */
    enum Kind { RECORD, ASSIGN, ASSESS, OLD_ROW, PRE_FEED_ROW }

    /** One operation: kind, member, amount or tier, time in hours after BASE, nanoseconds, length in days. */
    record Op(Kind kind, int member, int amount, int hour, int nanos, int days) {
        Instant at() {
            return BASE.plus(Duration.ofHours(hour)).plusNanos(nanos);
        }
    }

    /** A bound of a period: hours after BASE, or a nanosecond around one of the changes made. */
    record Bound(int hour, boolean atChange, int pick, int delta) {
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void theSqlTierReportEqualsTheWalkTheMemoryStoreAndTheSumsOfTheHistories(@ForAll("ladders") int variant,
            @ForAll("histories") List<Op> ops, @ForAll("bounds") List<Bound> bounds) throws SQLException {
        DataSource ds = Databases.postgresAvailable() && databases++ % 2 == 0 ? Databases.freshPostgres()
                : Databases.freshH2();
        TierLadder ladder = ladder(variant);
        JdbcTierStore store = JdbcTierStore.of(ds);
        TierEngine jdbc = TierEngine.of(ladder, TierListener.NONE, store);
        TierEngine memory = TierEngine.of(ladder, TierListener.NONE, TierStore.inMemory());
        TierEngine walk = TierEngine.of(ladder, TierListener.NONE, new WalkedTierStore(store));
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(MemberId.of("m" + i));
            jdbc.enrol(members.get(i), BASE.plusSeconds(i));
            memory.enrol(members.get(i), BASE.plusSeconds(i));
        }
        List<Op> history = new ArrayList<>(ops);
        history.sort(Comparator.comparingInt(Op::hour).thenComparingInt(Op::nanos));
        int n = 0;
        for (Op op : history) {
            n++;
            MemberId m = members.get(op.member());
            IdempotencyKey key = IdempotencyKey.of("op-" + n);
            switch (op.kind()) {
                case RECORD -> both(jdbc, memory, e -> e.record(m, NIGHTS, op.amount(), op.at(), key));
                case ASSIGN -> both(jdbc, memory, e -> e.assign(m, TIERS[1 + op.amount() % 3], op.at(),
                        op.at().plus(Duration.ofDays(op.days())), "match", key));
                case ASSESS -> both(jdbc, memory, e -> e.assessTiers(op.at()));
                case OLD_ROW -> oldRow(ds, m, false);
                case PRE_FEED_ROW -> oldRow(ds, m, true);
            }
        }
        List<Instant> changes = new ArrayList<>();
        for (MemberId m : members) {
            memory.history(m).forEach(c -> changes.add(c.at()));
        }
        for (int i = 0; i + 1 < bounds.size(); i += 2) {
            Instant a = at(bounds.get(i), changes);
            Instant b = at(bounds.get(i + 1), changes);
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a.plusNanos(1);
            TierReport sql = jdbc.report(from, to);
            assertThat(sql).as("variant %d from %s to %s", variant, from, to)
                    .isEqualTo(walk.report(from, to))
                    .isEqualTo(memory.report(from, to))
                    .isEqualTo(sums(memory, ladder, members, from, to));
        }
    }

    /** The report worked out member by member: the tier each shows at {@code to}, the changes of each history. */
    private static TierReport sums(TierEngine engine, TierLadder ladder, List<MemberId> members, Instant from,
            Instant to) {
        Map<String, Long> shown = new LinkedHashMap<>();
        ladder.tiers().forEach(t -> shown.put(t.name(), 0L));
        Map<List<String>, Long> moves = new TreeMap<>(Comparator.<List<String>, Integer>comparing(
                k -> index(ladder, k.get(0))).thenComparing(k -> index(ladder, k.get(1))));
        for (MemberId m : members) {
            shown.merge(engine.tierOf(m, to).orElseThrow(), 1L, Long::sum);
            for (TierChange c : engine.history(m)) {
                if (!c.at().isBefore(from) && c.at().isBefore(to)) {
                    moves.merge(List.of(c.from(), c.to()), 1L, Long::sum);
                }
            }
        }
        List<TierMovement> movements = new ArrayList<>();
        moves.forEach((k, v) -> movements.add(new TierMovement(k.get(0), k.get(1),
                index(ladder, k.get(1)) > index(ladder, k.get(0)), v)));
        return new TierReport(from, to, shown, movements);
    }

    private static int index(TierLadder ladder, String tier) {
        for (int i = 0; i < ladder.tiers().size(); i++) {
            if (ladder.tiers().get(i).name().equals(tier)) {
                return i;
            }
        }
        throw new AssertionError("no tier " + tier);
    }

    private static Instant at(Bound b, List<Instant> changes) {
        if (!b.atChange() || changes.isEmpty()) {
            return BASE.plus(Duration.ofHours(b.hour()));
        }
        return changes.get(b.pick() % changes.size()).plusNanos(b.delta());
    }

    /** Runs the call on both engines: both do it, or both refuse it. */
    private static void both(TierEngine jdbc, TierEngine memory, java.util.function.Consumer<TierEngine> call) {
        boolean jdbcRefused = refused(jdbc, call);
        assertThat(refused(memory, call)).isEqualTo(jdbcRefused);
    }

    private static boolean refused(TierEngine engine, java.util.function.Consumer<TierEngine> call) {
        try {
            call.accept(engine);
            return false;
        } catch (LoyaltyException e) {
            return true;
        }
    }

    /**
     * Makes a member's rows look as an older schema left them: not tallied, no clock or next event, no
     * nanoseconds in the change rows (schema 15), or no change rows at all (a state written before the
     * change feed, schema 9). The member's next write brings them up to date.
     */
    static void oldRow(DataSource ds, MemberId m, boolean withoutChanges) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_tier_member SET tallied = FALSE,"
                    + " clock_at = NULL, clock_nano = NULL, next_event = NULL WHERE member_id = ?")) {
                p.setString(1, m.value());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(withoutChanges
                    ? "DELETE FROM loyalty_tier_change WHERE member_id = ?"
                    : "UPDATE loyalty_tier_change SET changed_nano = NULL WHERE member_id = ?")) {
                p.setString(1, m.value());
                p.executeUpdate();
            }
        }
    }

    /** A ladder of four tiers on nights: window, retention, grace, soft landing and a never-downgrade Gold by bits. */
    static TierLadder ladder(int variant) {
        QualificationWindow window = switch (variant & 3) {
            case 0 -> QualificationWindow.calendarYear();
            case 1 -> QualificationWindow.rollingMonths(3);
            case 2 -> QualificationWindow.anniversaryYear();
            default -> QualificationWindow.lifetime();
        };
        Tier gold = Tier.of(TIERS[2]).withThreshold(NIGHTS, 25);
        TierLadder.Builder b = TierLadder.builder().zone(ZONE).window(window).metrics(NIGHTS)
                .tier(Tier.of(TIERS[0])).tier(Tier.of(TIERS[1]).withThreshold(NIGHTS, 10))
                .tier((variant & 32) != 0 ? gold.withNeverDowngrade() : gold)
                .tier(Tier.of(TIERS[3]).withThreshold(NIGHTS, 50));
        b.retention((variant & 4) != 0);
        if ((variant & 8) != 0) {
            b.gracePeriod(Period.ofMonths(1));
        }
        b.softLanding((variant & 16) != 0);
        return b.build();
    }

    @Provide
    Arbitrary<Integer> ladders() {
        return Arbitraries.integers().between(0, 63);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(net.jqwik.api.Tuple.of(12, Kind.RECORD),
                net.jqwik.api.Tuple.of(2, Kind.ASSIGN), net.jqwik.api.Tuple.of(3, Kind.ASSESS),
                net.jqwik.api.Tuple.of(1, Kind.OLD_ROW), net.jqwik.api.Tuple.of(1, Kind.PRE_FEED_ROW));
        Arbitrary<Op> op = Combinators.combine(kinds, Arbitraries.integers().between(0, MEMBERS - 1),
                Arbitraries.integers().between(1, 30), Arbitraries.integers().between(0, 3 * 365 * 24),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)),
                Arbitraries.integers().between(1, 200)).as(Op::new);
        return op.list().ofMinSize(0).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Bound>> bounds() {
        Arbitrary<Bound> bound = Combinators.combine(Arbitraries.integers().between(-24, 4 * 365 * 24),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(-1, 1)).as(Bound::new);
        return bound.list().ofMinSize(2).ofMaxSize(8);
    }
}
