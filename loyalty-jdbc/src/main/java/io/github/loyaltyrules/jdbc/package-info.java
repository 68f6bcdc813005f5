/**
 * A durable ledger store: {@link io.github.loyaltyrules.jdbc.JdbcLedgerStore} keeps member books,
 * postings and entries in PostgreSQL or H2, one transaction per posting, with optimistic versions
 * and a unique idempotency key so that several application servers can write at once.
 *
 * <p>Point the library at an existing database by giving it a pooled {@link javax.sql.DataSource}
 * (with the driver of your choice) and creating the tables once:
 *
 * <pre>{@code
 * JdbcLedgerStore store = JdbcLedgerStore.of(dataSource);
 * store.migrate();   // or apply JdbcLedgerStore.migrationScripts() with your own migration tool
 * Ledger ledger = Ledger.builder().zone(zone).currency(pts).store(store).build();
 * }</pre>
 *
 * <p>Every store call borrows a connection and returns it, so the data source should pool them. An
 * earn takes about six round trips to the database: it reads the posting by key and the member's
 * book, then, in one transaction, updates the member row, inserts the posting and its entries, and
 * commits. A member's whole book, every open lot included, is one row that each posting reads and
 * rewrites, so a member with very many open lots posts more slowly. The module's README has the
 * measured throughput next to a bare {@code INSERT}, and says how to run the PostgreSQL tests.
 *
 * <p>Tiers: {@link io.github.loyaltyrules.jdbc.JdbcTierStore} keeps a tier engine's per-member state
 * in the same database ({@code TierEngine.of(ladder, listener, JdbcTierStore.of(dataSource))}), with
 * versioned rows and activity keys under a primary key, so that several servers can record activity
 * and run the assessment at once. {@link io.github.loyaltyrules.jdbc.JdbcPosReader} reads what a till
 * needs on every purchase, a member's balances and current tier, with one SQL statement.
 *
 * <p>The facade: {@link io.github.loyaltyrules.jdbc.JdbcProgramStore} keeps what
 * {@code LoyaltyProgram} knows besides points (profiles, receipts, returns, reward counts, key uses)
 * in the same database ({@code LoyaltyProgram.of(ledger, version, tiers, JdbcProgramStore.of(dataSource))}),
 * so that a purchase made on one server can be returned on another and reward limits hold across them.
 */
package io.github.loyaltyrules.jdbc;
