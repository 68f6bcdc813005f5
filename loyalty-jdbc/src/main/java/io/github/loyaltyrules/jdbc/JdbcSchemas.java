package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Several programs (brands, countries) in one database, each in a schema of its own: nothing one
 * program stores can be seen, used or collided with by another, because no table is shared.
 *
 * <p>Create each program's schema once with {@link #create}, then give each program's stores a
 * data source whose connections use that schema: with PostgreSQL's driver, the URL parameter
 * {@code currentSchema=brand_a}; with H2, {@code ;SCHEMA=BRAND_A}; with a pool, its "schema"
 * setting (HikariCP's {@code schema}). Every statement of the stores names its tables without a
 * schema, so they resolve in the connection's schema, at no cost per statement. Then run
 * {@link JdbcLedgerStore#migrate()} on each program's data source: each schema has its own tables
 * and its own {@code loyalty_schema_history}.
 *
 * <pre>{@code
 * JdbcSchemas.create(adminDataSource, "brand_a");
 * DataSource brandA = pool("jdbc:postgresql://db/loyalty?currentSchema=brand_a");
 * JdbcLedgerStore.of(brandA).migrate();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class JdbcSchemas {

    /** A schema name this class creates: a letter or underscore, then letters, digits or underscores. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private JdbcSchemas() {
    }

    /**
     * Creates a schema if it does not exist yet (running it again does nothing).
     *
     * @param dataSource any data source of the database, allowed to create schemas
     * @param schema the schema's name: 1 to 63 letters, digits and underscores, not starting with a
     *     digit (written unquoted, so the database folds its case as usual: lower on PostgreSQL,
     *     upper on H2)
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the name is not such a name
     * @throws JdbcStoreException if the database fails
     */
    public static void create(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "data source must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        if (!NAME.matcher(schema).matches()) {
            throw new InvalidRequestException("schema name must be 1 to 63 letters, digits or underscores, not"
                    + " starting with a digit; got '" + (schema.length() > 70 ? schema.substring(0, 70) + "..." : schema)
                    + "'");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not create schema " + schema + ": " + JdbcStoreException.describe(e), e);
        }
    }
}
