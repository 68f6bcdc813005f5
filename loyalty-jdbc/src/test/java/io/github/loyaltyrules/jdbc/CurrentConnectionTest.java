package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The caller's connection as a data source: closing it through the store does nothing, it answers
 * for itself as a connection object, and a missing connection or schema name is refused.
 */
class CurrentConnectionTest {

    @Test
    void theCallersConnectionStaysOpenAndAnswersForItself() throws SQLException {
        DataSource pool = Databases.freshH2();
        try (Connection mine = pool.getConnection()) {
            DataSource current = CurrentConnection.dataSource(() -> mine);
            Connection seen = current.getConnection();
            Connection again = current.getConnection();
            seen.close();
            assertThat(seen.isClosed()).isFalse();
            assertThat(mine.isClosed()).isFalse();
            assertThat(seen).isEqualTo(seen).isNotEqualTo(again);
            assertThat(seen.hashCode()).isEqualTo(System.identityHashCode(seen));
            assertThat(seen.toString()).startsWith("CurrentConnection[");
            assertThat(seen.getAutoCommit()).isEqualTo(mine.getAutoCommit());
            assertThatThrownBy(() -> seen.unwrap(String.class)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void withoutACurrentConnectionTheStoreIsTold() {
        DataSource current = CurrentConnection.dataSource(() -> null);
        assertThatThrownBy(current::getConnection).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("no current connection");
        assertThatThrownBy(() -> current.getConnection("u", "p")).isInstanceOf(SQLException.class);
    }

    @Test
    void aLongSchemaNameIsShownCutAndNothingIsCreated() {
        String name = "x".repeat(80) + "-";
        assertThatThrownBy(() -> JdbcSchemas.create(Databases.freshH2(), name))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("got '" + "x".repeat(70) + "...'");
    }
}
