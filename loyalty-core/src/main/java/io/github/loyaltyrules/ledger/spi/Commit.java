package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.Posting;
import java.util.ArrayList;
import java.util.List;

/**
 * One atomic change of the store: the changes of one or more members, each book replacing the
 * version the ledger read, the postings whose keys must all be new (none for an enrolment or a
 * status change; several for a linked batch), and the entries to append. A store applies all of
 * it or none.
 *
 * @param changes what changes per member
 * @param postings the postings, each with a key the store has not seen
 * @param entries the entries to append
 *
 * @since 0.1.0
 */
public record Commit(List<MemberChange> changes, List<Posting> postings, List<Entry> entries) {

    /**
     * Makes the lists unmodifiable.
     *
     * @param changes what changes per member
     * @param postings the postings, each with a key the store has not seen
     * @param entries the entries to append
     * @throws NullPointerException if a list is null
     */
    public Commit {
        changes = List.copyOf(changes);
        postings = List.copyOf(postings);
        entries = List.copyOf(entries);
    }

    /**
     * Returns a commit of books alone, with no lot, reservation or reversal rows.
     *
     * @param books the new books
     * @param posting the posting, or {@code null}
     * @param entries the entries to append
     * @return the commit
     * @throws NullPointerException if a list is null
     */
    public static Commit ofBooks(List<MemberBook> books, Posting posting, List<Entry> entries) {
        List<MemberChange> changes = new ArrayList<>(books.size());
        for (MemberBook b : books) {
            changes.add(MemberChange.of(b));
        }
        return new Commit(changes, posting == null ? List.of() : List.of(posting), entries);
    }

    /**
     * Returns the new books, in the order of the changes.
     *
     * @return the books
     */
    public List<MemberBook> books() {
        List<MemberBook> books = new ArrayList<>(changes.size());
        for (MemberChange c : changes) {
            books.add(c.book());
        }
        return books;
    }
}
