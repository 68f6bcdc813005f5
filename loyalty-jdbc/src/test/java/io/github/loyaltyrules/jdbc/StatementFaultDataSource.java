package io.github.loyaltyrules.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data source that counts every statement execution and every commit on its connections, and
 * can be told to fail the k-th of them: in {@link Mode#FAIL} the k-th statement or commit throws
 * before it reaches the database; in {@link Mode#LOSE_COMMIT_REPLY} the k-th commit goes through
 * and then throws as if its reply had been lost; in {@link Mode#LOSE_REPLY} the same, where a
 * statement run outside a transaction (its own commit) counts as a commit too. Counting starts when it is armed, so "k" is the
 * k-th round trip (or commit) of the operation under test.
 */
final class StatementFaultDataSource extends TestDataSource {

    /** What the k-th round trip does. */
    enum Mode {
        /** The k-th statement or commit fails and nothing of it reaches the database. */
        FAIL,
        /** The k-th commit goes through, then its reply is lost (it throws anyway); statements are not counted. */
        LOSE_COMMIT_REPLY,
        /**
         * The k-th commit or writing statement in auto-commit mode goes through, then its reply is
         * lost (it throws anyway); statements inside a transaction, and prepared statements that
         * only read (they start with {@code SELECT}), are not counted.
         */
        LOSE_REPLY
    }

    /** Where connections come from: reused as a server's pool would, since opening one per statement is slow. */
    private final UrlDataSource pool;
    private final AtomicInteger seen = new AtomicInteger();
    private volatile int failAt = -1;
    private volatile Mode mode = Mode.FAIL;
    private volatile boolean fired;

    StatementFaultDataSource(String url) {
        this.pool = new UrlDataSource(url);
    }

    /** Fails (or loses the reply of) the k-th round trip from now on, counting from 1. */
    void arm(int k, Mode m) {
        seen.set(0);
        fired = false;
        mode = m;
        failAt = k;
    }

    /** Stops failing; returns how many round trips were counted since {@link #arm}. */
    int disarm() {
        failAt = -1;
        return seen.get();
    }

    boolean fired() {
        return fired;
    }

    private boolean hit() {
        int k = failAt;
        if (k > 0 && seen.incrementAndGet() == k) {
            fired = true;
            return true;
        }
        return false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection target = pool.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && hit()) {
                        if (mode != Mode.FAIL) {
                            target.commit();
                            throw new SQLException("injected: reply to commit lost", "08006");
                        }
                        throw new SQLException("injected: commit failed", "08006");
                    }
                    Object result = invoke(method, target, args);
                    if (result instanceof Statement s) {
                        boolean reads = method.getName().equals("prepareStatement") && args != null
                                && args[0] instanceof String sql && sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
                        return statement(s, method.getReturnType(), reads);
                    }
                    return result;
                });
    }

    private Object statement(Statement target, Class<?> type, boolean reads) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                if (mode == Mode.FAIL && hit()) {
                    throw new SQLException("injected: statement failed", "58000");
                }
                if (mode == Mode.LOSE_REPLY && !reads && target.getConnection().getAutoCommit() && hit()) {
                    invoke(method, target, args);
                    throw new SQLException("injected: reply to an auto-committed statement lost", "08006");
                }
            }
            return invoke(method, target, args);
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
