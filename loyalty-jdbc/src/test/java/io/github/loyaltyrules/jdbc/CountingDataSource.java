package io.github.loyaltyrules.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A data source that counts the connections taken and the statements executed through it. */
final class CountingDataSource extends TestDataSource {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final DataSource target;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger executions = new AtomicInteger();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    void reset() {
        connections.set(0);
        executions.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        Connection c = target.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    if (result instanceof Statement s) {
                        Class<?> type = method.getReturnType();
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                                (p2, m2, a2) -> {
                                    if (EXECUTES.contains(m2.getName())) {
                                        executions.incrementAndGet();
                                    }
                                    return invoke(s, m2, a2);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
