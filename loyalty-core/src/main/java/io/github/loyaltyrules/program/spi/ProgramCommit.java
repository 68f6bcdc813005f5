package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;

/**
 * One atomic change to a {@link ProgramStore}: any of a member record to store at its version, a
 * record to insert under its key, a return state to store at its version, and a record to remove.
 * Either all of it is applied or none.
 *
 * @param member the member record's next version, stored only if the stored one is the version before
 *        (none stored counts as version 0); or null
 * @param insert a record to insert, only if no record has its key; or null
 * @param returns a return state's next version, stored only if the stored one is the version before; or null
 * @param remove the key of a record to remove (a reward redemption the ledger rejected); or null
 *
 * @since 0.1.0
 */
public record ProgramCommit(MemberRecord member, ReceiptRecord insert, ReturnState returns, IdempotencyKey remove) {

    /**
     * Validates the commit.
     *
     * @throws IllegalArgumentException if it changes nothing, or a version is 0
     */
    public ProgramCommit {
        if (member == null && insert == null && returns == null && remove == null) {
            throw new IllegalArgumentException("a commit must change something");
        }
        if ((member != null && member.version() == 0) || (returns != null && returns.version() == 0)) {
            throw new IllegalArgumentException("a commit stores versions from 1 on; version 0 means 'not stored'");
        }
    }
}
