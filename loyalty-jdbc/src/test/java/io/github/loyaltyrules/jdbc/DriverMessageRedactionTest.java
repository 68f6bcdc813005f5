package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Drivers quote the values of the row that failed in their messages (H2 prints a duplicate key's
 * values, PostgreSQL a constraint's "Key (...)=(...)" detail): a {@link JdbcStoreException} says what
 * the store was doing and the SQL state and code, never the driver's text, which stays in the cause.
 */
class DriverMessageRedactionTest {

    private static final String PLANTED = "ann.personal@example.com +44 20 7946 0958";
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    /** A data source whose statements, once armed, fail as a driver would quoting a row. */
    private static final class QuotingFailureDataSource extends TestDataSource {
        private final DataSource target;
        private volatile boolean armed;

        QuotingFailureDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = target.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(method, c, args);
                        if (result instanceof Statement s) {
                            return statement(s, method.getReturnType());
                        }
                        return result;
                    });
        }

        private Object statement(Statement s, Class<?> type) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (armed && method.getName().startsWith("execute")) {
                    SQLException e = new SQLException("Unique index or primary key violation: VALUES ('" + PLANTED + "')",
                            "22001", 90001);
                    e.setNextException(new SQLException("Detail: Key (contact)=(" + PLANTED + ") already exists", "22001"));
                    throw e;
                }
                return invoke(method, s, args);
            });
        }

        private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Test
    void everyStoreNamesTheSqlStateAndKeepsTheDriversTextInTheCauseOnly() {
        QuotingFailureDataSource ds = new QuotingFailureDataSource(Databases.freshH2());
        MemberId ann = MemberId.of("ann");
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
        ledger.enrol(ann, T0.minusSeconds(60));
        TierStore tiers = JdbcTierStore.of(ds);
        JdbcProgramStore program = JdbcProgramStore.of(ds);
        JdbcQuotas quotas = JdbcQuotas.of(ds);

        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("earn", () -> ledger.earn(ann, PTS.points(10), T0, IdempotencyKey.of("earn-1"), "coffee"));
        calls.put("balance", () -> ledger.balance(ann, PTS));
        calls.put("tier state", () -> tiers.state(ann));
        calls.put("tier members", () -> tiers.members(null, 10));
        calls.put("program records", () -> program.records(ann));
        calls.put("quota counters", () -> quotas.counters("campaign"));
        calls.put("tie a redemption", () -> program.tieRedemption(IdempotencyKey.of("pay-1"), IdempotencyKey.of("order-1")));
        calls.put("redemptions of a purchase", () -> program.redemptionsFor(IdempotencyKey.of("order-1")));
        calls.put("migrate", () -> JdbcLedgerStore.of(ds).migrate());

        ds.armed = true;
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            Throwable thrown = catchThrowable(() -> call.getValue().execute());
            assertThat(thrown).as(call.getKey()).isInstanceOf(JdbcStoreException.class);
            assertThat(thrown.getMessage()).as(call.getKey())
                    .doesNotContain("example.com").doesNotContain("7946").doesNotContain("Unique index")
                    .contains("SQL state 22001, error code 90001; then SQL state 22001");
            assertThat(thrown.getCause()).as(call.getKey()).isInstanceOf(SQLException.class)
                    .hasMessageContaining(PLANTED);
        }
        ds.armed = false;
        assertThat(ledger.balance(ann, PTS).total()).as("nothing was earned").isZero();
    }

    @Test
    void anythingButASqlExceptionIsDescribedByItsClass() {
        assertThat(JdbcStoreException.describe(new IllegalStateException(PLANTED)))
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(JdbcStoreException.describe(new SQLException(PLANTED, "08006")))
                .isEqualTo("SQL state 08006, error code 0");
    }
}
