/**
 * A durable ledger store: {@link io.github.loyaltyrules.jdbc.JdbcLedgerStore} keeps member books,
 * postings and entries in PostgreSQL or H2, one transaction per posting, with optimistic versions
 * and a unique idempotency key so that several application servers can write at once.
 */
package io.github.loyaltyrules.jdbc;
