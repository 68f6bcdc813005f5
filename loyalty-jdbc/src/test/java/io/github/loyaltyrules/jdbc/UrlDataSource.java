package io.github.loyaltyrules.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal data source over {@link DriverManager} that keeps closed connections for reuse, as a
 * server's pool would: opening a PostgreSQL connection per statement is slow and, over the thousands
 * of statements of a property run, exhausts loopback ports.
 */
public final class UrlDataSource extends TestDataSource {

    private static final int MAX_IDLE = 8;

    private final String url;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    /**
     * Creates the data source.
     *
     * @param url the JDBC URL
     */
    public UrlDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = idle.pollFirst();
        if (physical == null || physical.isClosed()) {
            physical = DriverManager.getConnection(url);
        }
        Connection target = physical;
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (closed.compareAndSet(false, true)) {
                            giveBack(target);
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return closed.get() || target.isClosed();
                    }
                    if (closed.get()) {
                        throw new SQLException("connection is closed");
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection c) throws SQLException {
        if (c.isClosed()) {
            return;
        }
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        if (idle.size() < MAX_IDLE) {
            idle.addFirst(c);
        } else {
            c.close();
        }
    }
}
