package io.github.loyaltyrules.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A data source that can be told to fail once, at one point of the next commit: when the entries
 * are written, with the connection closed under the transaction, or at commit (before or after the
 * database has committed). Connections come straight from {@link DriverManager}.
 */
final class FaultyDataSource extends TestDataSource {

    /** Where the next commit fails. */
    enum Fault {
        /** The batch insert of the entries throws. */
        ENTRY_INSERT_FAILS,
        /** The connection is closed under the open transaction while the entries are written. */
        CONNECTION_CLOSED_MID_POSTING,
        /** {@code commit()} throws and the transaction is not committed. */
        COMMIT_FAILS,
        /** The database commits, then the acknowledgement is lost: {@code commit()} throws anyway. */
        COMMIT_ACK_LOST
    }

    private final String url;
    private final AtomicReference<Fault> armed = new AtomicReference<>();

    FaultyDataSource(String url) {
        this.url = url;
    }

    /** Makes the next matching operation fail once. */
    void arm(Fault fault) {
        armed.set(fault);
    }

    /** Tells whether the armed fault has fired. */
    boolean fired() {
        return armed.get() == null;
    }

    private boolean fire(Fault fault) {
        return armed.compareAndSet(fault, null);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection target = DriverManager.getConnection(url);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        if (fire(Fault.COMMIT_FAILS)) {
                            throw new SQLException("injected: commit failed", "08006");
                        }
                        if (fire(Fault.COMMIT_ACK_LOST)) {
                            target.commit();
                            throw new SQLException("injected: connection lost after commit", "08006");
                        }
                    }
                    Object result = invoke(method, target, args);
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).contains("INSERT INTO loyalty_entry")) {
                        return entryStatement((PreparedStatement) result, target);
                    }
                    return result;
                });
    }

    private PreparedStatement entryStatement(PreparedStatement target, Connection connection) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        if (connection.getAutoCommit()) {
                            // a statement that commits on its own (one statement writes the whole commit)
                            if (fire(Fault.COMMIT_FAILS)) {
                                throw new SQLException("injected: commit failed", "08006");
                            }
                            if (fire(Fault.COMMIT_ACK_LOST)) {
                                invoke(method, target, args);
                                throw new SQLException("injected: connection lost after commit", "08006");
                            }
                        }
                        if (fire(Fault.ENTRY_INSERT_FAILS)) {
                            throw new SQLException("injected: entry insert failed", "58000");
                        }
                        if (fire(Fault.CONNECTION_CLOSED_MID_POSTING)) {
                            connection.close();
                            throw new SQLException("injected: connection closed mid-posting", "08003");
                        }
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
