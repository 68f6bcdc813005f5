/**
 * Loyalty JDBC: a durable {@code LedgerStore}, {@code TierStore} and {@code ProgramStore} over plain JDBC
 * (PostgreSQL, H2).
 * Depends on loyalty-core and {@code java.sql} only; the caller brings the driver.
 */
module io.github.loyaltyrules.jdbc {
    requires transitive io.github.loyaltyrules.core;
    requires transitive java.sql;
    exports io.github.loyaltyrules.jdbc;
}
