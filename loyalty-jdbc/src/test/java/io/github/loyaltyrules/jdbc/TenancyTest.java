package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two brands' programs in one database, each in its own schema: the same member id enrols in both,
 * the same idempotency key posts in both, and neither sees the other's balance, receipts or keys.
 * On H2 always, on PostgreSQL when configured.
 */
class TenancyTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    static Stream<Arguments> databases() {
        List<Arguments> out = new ArrayList<>();
        for (String url : Databases.freshUrls("tenancy")) {
            out.add(Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
        }
        return out.stream();
    }

    /** The URL of the database's schema, in the driver's own syntax. */
    private static String inSchema(String url, String schema) {
        return url.startsWith("jdbc:h2") ? url + ";SCHEMA=" + schema.toUpperCase(java.util.Locale.ROOT)
                : url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static LoyaltyProgram program(DataSource ds) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ProgramStoreContract.ENGINE, List.of()),
                TierLookup.NONE, JdbcProgramStore.of(ds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoProgramsInTwoSchemasShareNothing(String db, String url) throws SQLException {
        UrlDataSource admin = new UrlDataSource(url);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS brand_a CASCADE");
            s.execute("DROP SCHEMA IF EXISTS brand_b CASCADE");
        }
        JdbcSchemas.create(admin, "brand_a");
        JdbcSchemas.create(admin, "brand_b");
        JdbcSchemas.create(admin, "brand_b"); // again: nothing happens
        DataSource a = new UrlDataSource(inSchema(url, "brand_a"));
        DataSource b = new UrlDataSource(inSchema(url, "brand_b"));
        assertThat(JdbcLedgerStore.of(a).migrate()).isEqualTo(JdbcLedgerStore.migrationScripts().size());
        assertThat(JdbcLedgerStore.of(b).migrate()).isEqualTo(JdbcLedgerStore.migrationScripts().size());

        LoyaltyProgram brandA = program(a);
        LoyaltyProgram brandB = program(b);
        brandA.enrol(ANN, T0.minusSeconds(60));
        brandB.enrol(ANN, T0.minusSeconds(60)); // the same id, enrolled in each brand
        IdempotencyKey key = IdempotencyKey.of("order-1");
        brandA.purchase(ANN, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "TEA", "tea", 1,
                Money.of("30.00", "EUR")))), T0, key);
        brandB.purchase(ANN, Purchase.of("s9", "web", List.of(BasketLine.of("1", "MUG", "home", 1,
                Money.of("7.00", "EUR")))), T0, key); // the same key, another basket: no conflict

        assertThat(brandA.ledger().balance(ANN, PTS).total()).as("30 and 40 for a basket of 20.00 or more").isEqualTo(70);
        assertThat(brandB.ledger().balance(ANN, PTS).total()).isEqualTo(7);
        assertThat(JdbcProgramStore.of(a).receipt(key).orElseThrow().member()).isEqualTo(ANN);
        assertThat(brandA.ledger().statement(ANN)).extracting(e -> e.amount()).containsExactly(70L);
        assertThat(brandB.ledger().statement(ANN)).extracting(e -> e.amount()).containsExactly(7L);
        // the default schema holds none of it
        assertThat(JdbcLedgerStore.of(admin).book(ANN)).isEmpty();
        assertThat(JdbcLedgerStore.of(admin).posting(key)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSchemaNameThatIsNotAPlainNameIsRefused(String db, String url) {
        UrlDataSource admin = new UrlDataSource(url);
        for (String bad : List.of("", "1brand", "brand-a", "a; DROP TABLE loyalty_member", "x".repeat(64))) {
            assertThatThrownBy(() -> JdbcSchemas.create(admin, bad)).isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class)
                    .hasMessageContaining("schema name");
        }
    }
}
