package io.github.loyaltyrules.jdbc;

/**
 * Who commits what a JDBC store writes: the store itself, or the caller, so that an order row and
 * the points it earns commit (or roll back) together.
 *
 * <p>With {@link #CALLER}, a store that gets a connection already in a transaction (auto-commit
 * off) writes inside that transaction: under a savepoint of its own, never committing, and on a
 * failure or a stale read rolling back to its savepoint only. The caller's commit makes the writes
 * durable and its rollback undoes them. Hand the store the caller's connection through a data
 * source that returns it: {@link CurrentConnection#dataSource} for plain JDBC, or Spring's
 * {@code TransactionAwareDataSourceProxy} around the pool for {@code @Transactional} code. A
 * connection in auto-commit mode means there is no transaction to join, and the store runs its own,
 * as with {@link #STORE}.
 *
 * <p>Inside the caller's transaction, keep it short and at {@code READ COMMITTED}: the store's
 * optimistic retries re-read rows that other servers changed, which a repeatable-read snapshot
 * would not show, and rows the store locks (a member's row, a campaign's budget counter) stay
 * locked until the caller commits. Listeners hear of a posting when the store has written it,
 * which is before the caller commits: a listener that must only see committed postings should
 * wait for the caller's commit (for example with Spring's {@code TransactionSynchronization}).
 *
 * @since 0.1.0
 */
public enum TransactionOwner {

    /**
     * The store: each write runs in a transaction of its own (or as one statement) on a
     * connection it borrows, and is committed before the call returns. The default.
     */
    STORE,

    /** The caller, when the store's connection is in a transaction; the store otherwise. */
    CALLER
}
