package io.github.loyaltyrules.benchmarks.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed-size connection pool over a JDBC URL, just enough for the benchmarks (which must not
 * measure a pool library): at most {@code size} physical connections, opened on first demand and
 * kept open, so that the driver's per-connection statement cache stays warm. Closing a borrowed
 * connection rolls back anything left uncommitted, restores auto-commit and returns it.
 */
final class ConnectionPool implements DataSource, AutoCloseable {

    private static final long BORROW_TIMEOUT_SECONDS = 30;

    private final String url;
    private final int size;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    private ConnectionPool(String url, int size) {
        this.url = url;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Returns a pool of at most {@code size} connections to {@code url}.
     *
     * @param url the JDBC URL, user and password included
     * @param size the most connections open at once; positive
     * @return the pool
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    static ConnectionPool of(String url, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("pool size must be positive; got " + size);
        }
        return new ConnectionPool(url, size);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = idle.poll();
        if (physical == null) {
            physical = openOrWait();
        }
        return borrowed(physical);
    }

    private Connection openOrWait() throws SQLException {
        synchronized (all) {
            if (all.size() < size) {
                Connection c = DriverManager.getConnection(url);
                all.add(c);
                return c;
            }
        }
        try {
            Connection c = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (c == null) {
                throw new SQLTimeoutException("no connection free in the pool of " + size + " after "
                        + BORROW_TIMEOUT_SECONDS + " s");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
    }

    private Connection borrowed(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Borrowed(physical));
    }

    private void giveBack(Connection physical) throws SQLException {
        try {
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
        } catch (SQLException e) {
            discard(physical);
            throw e;
        }
        if (!idle.offer(physical)) {
            discard(physical);
        }
    }

    private void discard(Connection physical) {
        synchronized (all) {
            all.remove(physical);
        }
        try {
            physical.close();
        } catch (SQLException ignored) {
            // Already broken: that is why it is being discarded.
        }
    }

    /** Closes every physical connection; connections still borrowed are closed too. */
    @Override
    public void close() {
        synchronized (all) {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing at the end of a run: nothing to do about it.
                }
            }
            all.clear();
            idle.clear();
        }
    }

    /** A borrowed handle: {@code close} returns the physical connection instead of closing it. */
    private final class Borrowed implements InvocationHandler {
        private final Connection physical;
        private boolean closed;

        Borrowed(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack(physical);
                    }
                    return null;
                case "isClosed":
                    return closed || physical.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + physical;
                default:
                    if (closed) {
                        throw new SQLException("connection already returned to the pool");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password go in the URL");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
