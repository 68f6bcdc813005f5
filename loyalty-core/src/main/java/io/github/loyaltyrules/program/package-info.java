/**
 * The program facade: {@link io.github.loyaltyrules.program.LoyaltyProgram} runs one immutable
 * {@link io.github.loyaltyrules.program.ProgramVersion} (rule engine and rewards catalogue) at a
 * time over a ledger, turning purchases, events and returns into explained, idempotent postings.
 */
package io.github.loyaltyrules.program;
