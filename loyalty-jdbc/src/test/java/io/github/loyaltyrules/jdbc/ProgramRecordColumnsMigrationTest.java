package io.github.loyaltyrules.jdbc;

import static io.github.loyaltyrules.program.contract.ProgramStoreContract.walking;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records written at schema 14 (the text column only) get their typed columns and award rows from the
 * data step of schema 15, over more than one page, and the report summed in SQL over them equals the
 * in-memory store's report of the same records and the walk over them; records written after it by the
 * store (a return of a migrated purchase) join them. On H2, and on PostgreSQL when {@code LOYALTY_PG_URL}
 * is set.
 */
class ProgramRecordColumnsMigrationTest {

    private static final Instant BASE = Instant.parse("2025-11-01T00:00:00Z");
    private static final String[] STORES = {"north", "south", "east", "web"};
    private static final String[] MONEY = {"EUR", "JPY", "BHD", "EUR"};

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>();
        urls.add(Databases.h2Url("migration-v15-" + System.nanoTime()));
        if (Databases.postgresAvailable()) {
            urls.add(System.getenv(Databases.PG_URL));
        }
        return urls.stream();
    }

    /** A program in memory with a history of about {@code ops} records over a few months, times with nanoseconds. */
    private static LoyaltyProgram history(InMemoryProgramStore store, int ops) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(ProgramReportSqlProperties.PTS)
                .currency(ProgramReportSqlProperties.MILES).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", ProgramReportSqlProperties.ENGINE,
                List.of(Reward.of("cup", "Free coffee", ProgramReportSqlProperties.PTS.points(30))))).tiers(TierLookup.NONE)
                .store(store).build();
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(MemberId.of("member-" + i));
            program.enrol(members.get(i), BASE.minusSeconds(1));
        }
        Random random = new Random(15);
        List<Receipt> purchases = new ArrayList<>();
        Instant at = BASE;
        for (int n = 0; n < ops; n++) {
            at = at.plus(Duration.ofSeconds(random.nextInt(12_000))).plusNanos(random.nextInt(1_000));
            MemberId m = members.get(random.nextInt(members.size()));
            IdempotencyKey key = IdempotencyKey.of(String.format("op-%05d", n));
            int kind = random.nextInt(10);
            try {
                if (kind < 6) {
                    int s = random.nextInt(STORES.length);
                    int digits = Math.max(java.util.Currency.getInstance(MONEY[s]).getDefaultFractionDigits(), 0);
                    Purchase p = Purchase.of(STORES[s], "pos", List.of(BasketLine.of("1", "ITEM", "misc",
                            1 + random.nextInt(3), Money.of(BigDecimal.valueOf(1 + random.nextInt(4000), digits)
                                    .toPlainString(), MONEY[s]))));
                    purchases.add(program.purchase(m, p, at, key));
                } else if (kind < 7) {
                    program.event(m, new MemberEvent("review", Map.of("text", "kind words")), at, key);
                } else if (kind < 9 && !purchases.isEmpty()) {
                    Receipt o = purchases.get(random.nextInt(purchases.size()));
                    program.returnPurchase(o.member(), o.key(), Map.of("1", 1L), at, key);
                } else {
                    program.redeemReward(m, "cup", at, key);
                }
            } catch (LoyaltyException refused) {
                // nothing left to return, not enough points: nothing recorded
            }
        }
        return program;
    }

    /** Writes every record of the store as schema 14 kept it: key, member, kind, time as text, the record's text. */
    private static int writeSchemaFourteen(UrlDataSource ds, ProgramStore store) throws SQLException {
        List<ReceiptRecord> all = store.recordsByTime(Instant.MIN, Instant.MAX, null, Integer.MAX_VALUE);
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_program_record"
                + " (record_key, member_id, kind, business_at, record, personal) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ReceiptRecord r : all) {
                p.setString(1, r.key().value());
                p.setString(2, r.member().value());
                p.setString(3, r.kind().name());
                p.setString(4, r.at().toString());
                p.setString(5, ProgramCodec.record(r));
                p.setBoolean(6, r.holdsPersonalData());
                p.addBatch();
            }
            p.executeBatch();
        }
        return all.size();
    }

    private static long count(UrlDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Fails the k-th statement (or commit) of {@code migrate()} from schema 14, for every k until the
     * migration gets through: it throws, and running it again completes it (PostgreSQL rolled all back;
     * H2 kept the schema changes it committed as it went, and the script and data step run again over
     * them), with the report as in memory.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailureAtAnyStatementOfTheMigrationLeavesItToBeRunAgain(String url) throws SQLException {
        InMemoryProgramStore memory = InMemoryProgramStore.create();
        history(memory, 600);
        Instant from = BASE.minusSeconds(1);
        Instant to = BASE.plus(Duration.ofDays(200));
        Instant mid = BASE.plus(Duration.ofDays(20)).plusNanos(1);
        int failures = 0;
        for (int k = 1; ; k++) {
            String db = url.startsWith("jdbc:postgresql") ? url : Databases.h2Url("migration-v15-fault-" + k + "-"
                    + System.nanoTime());
            StatementFaultDataSource ds = new StatementFaultDataSource(db);
            if (url.startsWith("jdbc:postgresql")) {
                Databases.dropAll(ds);
            }
            assertThat(Migrations.migrate(ds, 14)).isEqualTo(14);
            assertThat(writeSchemaFourteen(new UrlDataSource(db), memory)).isGreaterThan(ProgramRecordColumns.PAGE);
            ds.arm(k, StatementFaultDataSource.Mode.FAIL);
            try {
                JdbcLedgerStore.of(ds).migrate();
            } catch (RuntimeException expected) {
                assertThat(ds.fired()).as("statement %d", k).isTrue();
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (!fired) {
                break;
            }
            failures++;
            int left = Migrations.SCRIPTS.size() - recorded(ds); // V15, and the scripts after it the failure stopped
            assertThat(JdbcLedgerStore.of(ds).migrate()).as("statement %d", k).isEqualTo(left);
            JdbcProgramStore store = JdbcProgramStore.of(ds);
            assertThat(store.activity(from, to)).as("statement %d", k).isEqualTo(memory.activity(from, to));
            assertThat(store.activity(mid, to)).as("statement %d", k).isEqualTo(memory.activity(mid, to));
        }
        assertThat(failures).isGreaterThan(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void recordsOfSchemaFourteenAreBackfilledAndReportAsInMemory(String url) throws SQLException {
        UrlDataSource ds = new UrlDataSource(url);
        if (url.startsWith("jdbc:postgresql")) {
            Databases.dropAll(ds);
        }
        assertThat(Migrations.migrate(ds, 14)).isEqualTo(14);
        InMemoryProgramStore memory = InMemoryProgramStore.create();
        LoyaltyProgram program = history(memory, 1_300);
        // personal data dropped from the older half, one member erased: rows of every shape
        memory.dropPersonalData(BASE.plus(Duration.ofDays(45)));
        assertThat(memory.pseudonymise(MemberId.of("member-7"), MemberId.of("anon-7"))).isTrue();
        // a return whose purchase is not stored counts at the store ""
        ReceiptRecord orphan = ReceiptRecord.ofReturn(IdempotencyKey.of("orphan"), MemberId.of("member-1"), "v1",
                BASE.plus(Duration.ofDays(10)), IdempotencyKey.of("gone"), Map.of("1", 1L),
                List.of(new Award("base", "Base", "PTS", 3, Map.of("1", 3L), Explanation.fixed())), Map.of());
        assertThat(memory.commit(new ProgramCommit(null, orphan, null, null))).isEqualTo(CommitResult.APPLIED);
        int written = writeSchemaFourteen(ds, memory);
        assertThat(written).isGreaterThan(2 * ProgramRecordColumns.PAGE);

        JdbcProgramStore store = JdbcProgramStore.of(ds);
        assertThat(JdbcLedgerStore.of(ds).migrate()).isEqualTo(JdbcLedgerStore.migrationScripts().size() - 14);

        assertThat(count(ds, "SELECT COUNT(*) FROM loyalty_program_record WHERE business_time IS NULL"
                + " OR business_nano IS NULL OR (kind IN ('PURCHASE', 'RETURN') AND store_id IS NULL)"
                + " OR (kind = 'PURCHASE' AND (total_amount IS NULL OR money_currency IS NULL))"
                + " OR (kind = 'RETURN' AND original_key IS NULL)")).isZero();
        long awardRows = 0;
        for (ReceiptRecord r : memory.recordsByTime(Instant.MIN, Instant.MAX, null, Integer.MAX_VALUE)) {
            awardRows += r.awards().stream().map(Award::currency).distinct().count();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM loyalty_program_award")).isEqualTo(awardRows).isPositive();
        assertThat(count(ds, "SELECT COUNT(*) FROM loyalty_program_record WHERE record_key = 'orphan'"
                + " AND store_id = ''")).isEqualTo(1);

        Instant end = BASE.plus(Duration.ofDays(200));
        List<Instant[]> periods = new ArrayList<>();
        periods.add(new Instant[] {BASE.minusSeconds(1), end});
        for (Instant from = BASE; from.isBefore(end); from = from.plus(Duration.ofDays(17))) {
            periods.add(new Instant[] {from, from.plus(Duration.ofDays(17))});
        }
        // bounds a nanosecond around records' times
        List<ReceiptRecord> all = memory.recordsByTime(Instant.MIN, Instant.MAX, null, Integer.MAX_VALUE);
        for (int i = 0; i + 40 < all.size(); i += 97) {
            periods.add(new Instant[] {all.get(i).at().plusNanos(1), all.get(i + 40).at()});
            periods.add(new Instant[] {all.get(i).at(), all.get(i + 40).at().plusNanos(1)});
        }
        for (Instant[] p : periods) {
            ProgramActivity sql = store.activity(p[0], p[1]);
            assertThat(sql).as("%s to %s", p[0], p[1]).isEqualTo(memory.activity(p[0], p[1]))
                    .isEqualTo(walking(store).activity(p[0], p[1]));
        }
        ProgramActivity whole = store.activity(BASE.minusSeconds(1), end);
        assertThat(whole.purchases() + whole.events() + whole.returns() + whole.rewards()).isEqualTo(written);
        assertThat(whole.stores()).extracting(s -> s.store()).contains("", "north", "south", "east", "web");
        assertThat(program.activity(BASE.minusSeconds(1), end).stores()).isEqualTo(whole.stores());

        // a return written after the migration counts at its migrated purchase's store
        ReceiptRecord purchase = all.stream().filter(r -> r.kind() == ReceiptRecord.Kind.PURCHASE).findFirst()
                .orElseThrow();
        ReceiptRecord late = ReceiptRecord.ofReturn(IdempotencyKey.of("late-return"), purchase.member(), "v1",
                end.minusSeconds(5), purchase.key(), Map.of("1", 1L),
                List.of(new Award("base", "Base", "PTS", 1, Map.of("1", 1L), Explanation.fixed())), Map.of());
        assertThat(store.commit(new ProgramCommit(null, late, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(memory.commit(new ProgramCommit(null, late, null, null))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.activity(end.minusSeconds(10), end)).isEqualTo(memory.activity(end.minusSeconds(10), end))
                .satisfies(a -> assertThat(a.stores()).singleElement().satisfies(s -> {
                    assertThat(s.store()).isEqualTo(((Purchase) purchase.activity()).store());
                    assertThat(s.returns()).isEqualTo(1);
                }));
        assertThat(JdbcLedgerStore.of(ds).migrate()).isZero();
    }

    /** How many scripts the schema history records, read before the migration runs again. */
    private static int recorded(javax.sql.DataSource ds) {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loyalty_schema_history")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
