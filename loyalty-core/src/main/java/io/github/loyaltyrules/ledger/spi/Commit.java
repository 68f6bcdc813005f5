package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.Posting;
import java.util.List;

/**
 * One atomic change of the store: new books for one or two members, each replacing the version
 * the ledger read, an optional posting whose key must be new, and the entries to append.
 * A store applies all of it or none.
 *
 * @param books the new books; each replaces the book whose version is {@code version - 1}
 *        (a book of version 1 is a new enrolment)
 * @param posting the posting, or {@code null} for an account status change
 * @param entries the entries to append
 */
public record Commit(List<MemberBook> books, Posting posting, List<Entry> entries) {

    /**
     * Makes the lists unmodifiable.
     *
     * @param books the new books; each replaces the book whose version is {@code version - 1}
     *     (a book of version 1 is a new enrolment)
     * @param posting the posting, or {@code null} for an account status change
     * @param entries the entries to append
     * @throws NullPointerException if a list is null
     */
    public Commit {
        books = List.copyOf(books);
        entries = List.copyOf(entries);
    }
}
