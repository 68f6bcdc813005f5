package io.github.loyaltyrules.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The benchmarks' pool gives back clean connections and never opens more than its size. */
class ConnectionPoolTest {

    @Test
    void closingABorrowedConnectionRollsBackWhatItLeftUncommittedAndReusesIt() throws SQLException {
        try (ConnectionPool pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 1)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INT)");
            }
            Connection first = pool.getConnection();
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.execute("INSERT INTO t VALUES (1)");
            }
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThatThrownBy(first::createStatement).isInstanceOf(SQLException.class);
            try (Connection again = pool.getConnection(); Statement s = again.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(again.getAutoCommit()).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aBorrowerWaitsWhileEveryConnectionIsOut() throws Exception {
        try (ConnectionPool pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 1)) {
            Connection held = pool.getConnection();
            Thread borrower = new Thread(() -> {
                try (Connection c = pool.getConnection()) {
                    assertThat(c.isValid(1)).isTrue();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            borrower.start();
            borrower.join(300);
            assertThat(borrower.isAlive()).isTrue();
            held.close();
            borrower.join(5_000);
            assertThat(borrower.isAlive()).isFalse();
        }
    }
}
