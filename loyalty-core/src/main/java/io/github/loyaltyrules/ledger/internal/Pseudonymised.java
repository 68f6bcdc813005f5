package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the in-memory store rewrites a member's records when it moves them to a pseudonym (see
 * {@link io.github.loyaltyrules.ledger.spi.LedgerStore#pseudonymise}): the member id becomes the
 * pseudonym, the keys of the ledger's own postings that name the member are renamed, and the
 * member's free text becomes {@value #ERASED}; amounts, dates, sequence and lot numbers stay.
 */
final class Pseudonymised {

    /** What replaces the free text (reasons, request texts) of an erased member's records. */
    static final String ERASED = "erased";

    private final MemberId from;
    private final MemberId to;
    private final String fromKeys;
    private final String toKeys;

    Pseudonymised(MemberId from, MemberId to) {
        this.from = from;
        this.to = to;
        this.fromKeys = IdempotencyKey.SYSTEM_PREFIX + "expiry/" + from.value() + "/";
        this.toKeys = IdempotencyKey.SYSTEM_PREFIX + "expiry/" + to.value() + "/";
    }

    /** Whether a posting names the member, as the one it was made for or as the counterparty. */
    boolean involves(Posting p) {
        return p.member().equals(from) || from.equals(p.counterparty());
    }

    /** The key renamed if the ledger made it for the member (an expiry sweep's); else itself. */
    IdempotencyKey key(IdempotencyKey key) {
        return key != null && key.value().startsWith(fromKeys)
                ? new IdempotencyKey(toKeys + key.value().substring(fromKeys.length())) : key;
    }

    private MemberId member(MemberId m) {
        return from.equals(m) ? to : m;
    }

    Account account(Account a) {
        return new Account(to, a.status(), a.enrolledAt(), a.statusSince(), ERASED);
    }

    Lot lot(Lot l) {
        IdempotencyKey source = key(l.source());
        return source == l.source() ? l : new Lot(l.id(), l.currency(), l.original(), l.remaining(), l.earnedAt(),
                l.availableAt(), l.expiresAt(), source, l.lastMovementAt());
    }

    Reservation reservation(Reservation r) {
        return new Reservation(key(r.key()), to, r.currency(), r.amount(), r.createdAt(), r.deadline(), r.status(),
                r.closedAt(), r.allocations());
    }

    /**
     * The member's own entry moved, its reason gone; another member's entry of a transfer with the
     * member names the pseudonym where its reason named the member ({@code "gift (from ann)"}); any
     * other entry as it was.
     */
    Entry entry(Entry e) {
        if (e.member().equals(from)) {
            return new Entry(e.sequence(), key(e.posting()), e.postingType(), e.type(), to, e.currency(), e.amount(),
                    e.heldDelta(), e.debtDelta(), e.at(), ERASED, e.lots());
        }
        String reason = otherSide(e);
        return reason == e.reason() ? e : new Entry(e.sequence(), e.posting(), e.postingType(), e.type(), e.member(),
                e.currency(), e.amount(), e.heldDelta(), e.debtDelta(), e.at(), reason, e.lots());
    }

    /** The reason of another member's transfer entry with the member's id, as the ledger appends it, renamed. */
    private String otherSide(Entry e) {
        if (e.postingType() != PostingType.TRANSFER) {
            return e.reason();
        }
        for (String side : SIDES) {
            String suffix = side + from.value() + ")";
            if (e.reason().endsWith(suffix)) {
                return e.reason().substring(0, e.reason().length() - suffix.length()) + side + to.value() + ")";
            }
        }
        return e.reason();
    }

    /** How the ledger names the other member of a transfer at the end of an entry's reason. */
    private static final List<String> SIDES = List.of(" (to ", " (from ");

    /** The other members of the member's transfers among these postings. */
    Set<MemberId> counterparties(Iterable<Posting> postings) {
        Set<MemberId> out = new HashSet<>();
        for (Posting p : postings) {
            if (involves(p)) {
                MemberId other = p.member().equals(from) ? p.counterparty() : p.member();
                if (other != null && !other.equals(from)) {
                    out.add(other);
                }
            }
        }
        return out;
    }

    /**
     * A posting that names the member: ids and the member's entries moved, the request text gone (it
     * names the member); the reason gone if the posting is the member's own (a transfer's sender keeps theirs).
     */
    Posting posting(Posting p) {
        List<Entry> entries = new ArrayList<>(p.entries().size());
        for (Entry e : p.entries()) {
            entries.add(entry(e));
        }
        boolean own = p.member().equals(from);
        return new Posting(key(p.key()), p.type(), member(p.member()), member(p.counterparty()), p.currency(),
                p.amount(), p.at(), own ? ERASED : p.reason(), key(p.targetKey().orElse(null)), ERASED, entries);
    }

    MemberBook book(MemberBook b) {
        Map<String, Purse> purses = new HashMap<>();
        for (Map.Entry<String, Purse> e : b.purses().entrySet()) {
            Purse p = e.getValue();
            List<Lot> lots = new ArrayList<>(p.lots().size());
            for (Lot l : p.lots()) {
                lots.add(lot(l));
            }
            purses.put(e.getKey(), new Purse(p.currency(), lots, p.debt(), p.lastActivity(), p.expiryHeldSince()));
        }
        Map<IdempotencyKey, Reservation> reservations = new LinkedHashMap<>();
        for (Reservation r : b.reservations().values()) {
            Reservation moved = reservation(r);
            reservations.put(moved.key(), moved);
        }
        return new MemberBook(account(b.account()), b.version() + 1, b.nextLot(), b.nextEntry(), purses, reservations);
    }
}
