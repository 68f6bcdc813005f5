package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The data source that hands a store the caller's connection, and never closes it. */
class CurrentConnectionTest {

    @Test
    void aStoreClosingTheConnectionLeavesItOpenForTheCaller() throws SQLException {
        try (Connection mine = new UrlDataSource(Databases.h2Url("current-connection")).getConnection()) {
            DataSource ds = CurrentConnection.dataSource(() -> mine);
            Connection handed = ds.getConnection();
            handed.close();
            assertThat(handed.isClosed()).isFalse();
            assertThat(mine.isClosed()).isFalse();
            try (Statement s = handed.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
            assertThat(handed).isEqualTo(handed).isNotEqualTo(ds.getConnection());
            assertThat(handed.hashCode()).isEqualTo(System.identityHashCode(handed));
            assertThat(handed.toString()).startsWith("CurrentConnection[");
            mine.close();
            assertThat(handed.isClosed()).isTrue();
        }
    }

    @Test
    void withoutACurrentConnectionItSaysSo() throws SQLException {
        DataSource ds = CurrentConnection.dataSource(() -> null);
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("no current connection");
        assertThatThrownBy(() -> ds.getConnection("u", "p")).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(ds::getParentLogger).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> ds.unwrap(DataSource.class)).isInstanceOf(SQLException.class);
        assertThat(ds.isWrapperFor(DataSource.class)).isFalse();
        assertThat(ds.getLogWriter()).isNull();
        ds.setLogWriter(null);
        ds.setLoginTimeout(5);
        assertThat(ds.getLoginTimeout()).isZero();
        assertThatThrownBy(() -> CurrentConnection.dataSource(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aLongSchemaNameIsShownCutAndNothingIsCreated() {
        String name = "x".repeat(80) + "-";
        assertThatThrownBy(() -> JdbcSchemas.create(Databases.freshH2(), name))
                .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class)
                .hasMessageEndingWith("got '" + "x".repeat(70) + "...'");
    }
}
