package io.github.loyaltyrules.ledger;

/** The drafts of the members one operation changes, by member; a lone draft is its own lookup. */
interface DraftLookup {

    /**
     * Returns the draft of a member of the operation.
     *
     * @param member the member
     * @return the draft
     */
    Draft of(MemberId member);
}
