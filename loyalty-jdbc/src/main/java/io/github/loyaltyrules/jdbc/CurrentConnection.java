package io.github.loyaltyrules.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the caller's current connection, for stores that write inside the
 * caller's transaction ({@link TransactionOwner#CALLER}) in plain JDBC code:
 *
 * <pre>{@code
 * ThreadLocal<Connection> current = new ThreadLocal<>();
 * JdbcLedgerStore store = JdbcLedgerStore.of(CurrentConnection.dataSource(current::get))
 *         .withTransactionOwner(TransactionOwner.CALLER);
 * try (Connection c = pool.getConnection()) {
 *     c.setAutoCommit(false);
 *     current.set(c);
 *     insertOrder(c, order);                  // the caller's own row
 *     ledger.earn(member, points, at, key, "order " + order.id());
 *     c.commit();                             // the order and its points, together
 * } finally {
 *     current.remove();
 * }
 * }</pre>
 *
 * <p>The store's {@code close()} of such a connection does nothing: the connection stays the
 * caller's. Spring applications use {@code TransactionAwareDataSourceProxy} instead, which does
 * the same for the connection of the current {@code @Transactional} method.
 *
 * @since 0.1.0
 */
public final class CurrentConnection {

    private CurrentConnection() {
    }

    /**
     * Returns a data source whose connections are the one {@code current} returns at each call,
     * wrapped so that closing them does nothing.
     *
     * @param current returns the caller's connection; must not return null
     * @return the data source
     * @throws NullPointerException if {@code current} is null
     */
    public static DataSource dataSource(Supplier<Connection> current) {
        Objects.requireNonNull(current, "current connection supplier must not be null");
        return new Source(current);
    }

    private static final class Source implements DataSource {
        private final Supplier<Connection> current;

        Source(Supplier<Connection> current) {
            this.current = current;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = current.get();
            if (c == null) {
                throw new SQLException("no current connection: the supplier returned null (set it before calling"
                        + " the store, inside the caller's transaction)");
            }
            return (Connection) Proxy.newProxyInstance(CurrentConnection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close":
                                return null;
                            case "isClosed":
                                return c.isClosed();
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "toString":
                                return "CurrentConnection[" + c + "]";
                            default:
                                try {
                                    return method.invoke(c, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the current connection has its own credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the connection is open already
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper for " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
