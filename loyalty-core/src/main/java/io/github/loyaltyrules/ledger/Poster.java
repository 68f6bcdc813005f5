package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.Prepared.Header;
import io.github.loyaltyrules.ledger.internal.CommitLoop;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.KeyedWorkingSet;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts prepared requests, alone or as a linked batch: the idempotency check against the posting
 * first made with a key (and the conflict message naming the field that differs), the window
 * check that tells the store what it may forget, and the optimistic commit with its retries.
 */
final class Poster {

    private static final int MAX_BATCH = 100;
    /** How far the horizon moves before the store is told again. */
    private static final long FORGET_STEP_SECONDS = 1;

    private final LedgerContext ctx;
    private final Credits credits;
    private final Reservations reservations;
    private final Reversals reversals;
    private final Transfers transfers;
    /** The horizon the store was last told of, in epoch seconds. */
    private final AtomicLong forgotten = new AtomicLong(Long.MIN_VALUE);
    /** The commit loop, counting each commit tried again. */
    private final CommitLoop loop;

    Poster(LedgerContext ctx, Credits credits, Reservations reservations, Reversals reversals, Transfers transfers) {
        this.ctx = ctx;
        this.credits = credits;
        this.reservations = reservations;
        this.reversals = reversals;
        this.transfers = transfers;
        this.loop = CommitLoop.telling(ctx::retried);
    }

    /**
     * Posts one request for its member and, for a transfer or its reversal, its counterparty: returns
     * the posting first made with its key if this request made it, else works the request out on
     * fresh drafts and commits them, trying again while other writers change the members first.
     */
    Posting post(Prepared p) {
        Instant horizon = inWindow(p.at());
        long start = ctx.startNanos();
        return loop.run(p.member(), () -> attempt(p, horizon, start), LedgerContext::contended);
    }

    /** One attempt of {@link #post(Prepared)}: its posting once done, or null if another writer committed first. */
    private Posting attempt(Prepared p, Instant horizon, long start) {
        IdempotencyKey key = p.key();
        MemberId member = p.member();
        MemberId other = p.other();
        MemberBook book = null;
        boolean cached = false;
        Posting first;
        if (other == null) {
            // one read for both: a durable store answers it in one round trip, or none if it keeps the member
            KeyedWorkingSet read = ctx.store.workingSet(member, key);
            cached = read.isCached();
            first = read.firstPosting().orElse(null);
            book = first == null ? LedgerContext.enrolled(member, read.workingSet().orElse(null)) : null;
        } else {
            first = ctx.postingOrNull(key);
        }
        if (first != null) {
            return replay(first, p);
        }
        MemberChange single = null;
        List<MemberChange> changes = null;
        List<Entry> entries;
        Header h;
        if (other == null) {
            Draft d = new Draft(book != null ? book : ctx.workingSet(member), ctx.store, horizon);
            try {
                h = p.op().apply(d);
            } catch (StaleReadException stale) {
                return null;
            } catch (LoyaltyException refused) {
                if (!cached) {
                    throw refused;
                }
                // a cached working set may be stale, and the key was not looked up: decide on a fresh read
                first = ctx.postingOrNull(key);
                if (first != null) {
                    return replay(first, p);
                }
                d = new Draft(ctx.workingSet(member), ctx.store, horizon);
                try {
                    h = p.op().apply(d);
                } catch (StaleReadException stale) {
                    return null;
                }
            }
            single = d.toChange();
            entries = d.entries();
        } else {
            Map<MemberId, Draft> drafts = drafts(member, other, horizon);
            try {
                h = p.op().apply(drafts::get);
            } catch (StaleReadException stale) {
                return null;
            }
            List<MemberChange> changed = new ArrayList<>();
            List<Entry> all = new ArrayList<>();
            for (Draft d : drafts.values()) {
                if (d.hasEntries()) {
                    changed.add(d.toChange());
                    all.addAll(d.entries());
                }
            }
            changes = List.copyOf(changed);
            entries = List.copyOf(all);
        }
        Posting posting = posting(p, h, entries);
        Posting stored;
        try {
            CommitResult result;
            if (single != null) {
                result = ctx.store.apply(single, posting, entries); // one member: a store may skip the lists
            } else {
                result = ctx.store.apply(new Commit(changes, List.of(posting), entries));
            }
            stored = result == CommitResult.APPLIED ? posting : null;
            if (result == CommitResult.DUPLICATE_KEY) {
                // a retry whose read did not look the key up (a cached working set), or a race with one
                first = ctx.postingOrNull(key);
                if (first != null) {
                    return replay(first, p);
                }
            }
        } catch (RuntimeException failure) {
            stored = CommitLoop.landedAfter(failure, () -> landed(p));
        }
        if (stored != null) {
            ctx.posted(stored.type(), start);
            if (!ctx.listeners.isEmpty()) {
                ctx.publish(new LedgerEvent.Posted(stored));
            }
        }
        return stored;
    }

    /** The posting a key made already, if this request made it; else the conflict. */
    private Posting replay(Posting first, Prepared p) {
        if (p.madeBy(first)) {
            ctx.replayed(first.type());
            return first;
        }
        throw conflict(first, p);
    }

    /**
     * Refuses a posting dated before the horizon, and tells the store when the horizon has moved.
     *
     * @return the horizon
     */
    private Instant inWindow(Instant at) {
        Instant horizon = ctx.horizon();
        long seconds = horizon.getEpochSecond();
        long told = forgotten.get();
        if (seconds >= told + FORGET_STEP_SECONDS && forgotten.compareAndSet(told, seconds)) {
            ctx.store.forget(horizon);
        }
        if (at.isBefore(horizon)) {
            throw new OutsideWindowException("business time " + at + " is before the idempotency window of this "
                    + "ledger (" + ctx.windowText() + " back from now, " + horizon + "): a key that old may be forgotten, so the "
                    + "posting could be a retry; post with a current business time or widen idempotencyWindow");
        }
        return horizon;
    }

    /**
     * Names the first field in which a request differs from the posting first made with its key,
     * without printing the posting's values (it may be another member's).
     */
    private static IdempotencyConflictException conflict(Posting first, Prepared p) {
        IdempotencyConflictException.Field field = p.request().differenceFrom(first);
        String what = field == null ? "content"
                : field == IdempotencyConflictException.Field.TYPE ? "type (" + first.type() + ", not " + p.type() + ")"
                : field.label();
        String message = "idempotency key '" + p.key() + "' was first used for a request with another " + what
                + "; reuse a key only to retry the same request";
        return field == null ? new IdempotencyConflictException(message)
                : new IdempotencyConflictException(field, message);
    }

    /** The posting of a request from what its operation says; a request it derives its fingerprint from keeps no text. */
    private static Posting posting(Prepared p, Header h, List<Entry> entries) {
        String fp = p.fingerprint() != null ? p.fingerprint()
                : p.request().describes(h) ? Posting.DERIVED : p.request().text();
        return new Posting(p.key(), h.type(), h.member(), h.counterparty(), h.currency(), h.amount(), h.at(),
                h.reason(), h.target(), fp, entries);
    }

    /** Posts a linked batch: all of its requests or none, under one commit; see {@link Ledger#post(List)}. */
    List<Posting> post(List<PostingRequest> requests) {
        Checks.notNull(requests, "requests");
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw new InvalidRequestException("a batch holds 1 to " + MAX_BATCH + " requests; got " + requests.size());
        }
        List<Prepared> batch = new ArrayList<>(requests.size());
        Set<IdempotencyKey> keys = new HashSet<>();
        for (PostingRequest r : requests) {
            Prepared p = prepare(Checks.notNull(r, "request"));
            if (!keys.add(p.key())) {
                throw new InvalidRequestException("idempotency key '" + p.key() + "' appears twice in one batch; "
                        + "each request of a batch needs its own key");
            }
            batch.add(p);
        }
        Instant horizon = null;
        for (Prepared p : batch) {
            horizon = inWindow(p.at());
        }
        Instant h = horizon;
        long start = ctx.startNanos();
        return loop.run(batch.get(0).member(), () -> attempt(batch, h, start), LedgerContext::contended);
    }

    /** One attempt of {@link #post(List)}: its postings once done, or null if another writer committed first. */
    private List<Posting> attempt(List<Prepared> batch, Instant horizon, long start) {
        List<Posting> firsts = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            Posting first = ctx.postingOrNull(p.key());
            if (first != null && !p.madeBy(first)) {
                throw conflict(first, p);
            }
            firsts.add(first);
        }
        if (!firsts.contains(null)) {
            for (Posting first : firsts) {
                ctx.replayed(first.type());
            }
            return List.copyOf(firsts);
        }
        for (int i = 0; i < batch.size(); i++) {
            if (firsts.get(i) != null) {
                throw new IdempotencyConflictException("idempotency key '" + batch.get(i).key() + "' was used "
                        + "already, but not by this batch (another of its keys is new); a batch is retried whole");
            }
        }
        Map<MemberId, Draft> drafts = new LinkedHashMap<>();
        DraftLookup lookup = m -> drafts.computeIfAbsent(m, x -> new Draft(ctx.workingSet(x), ctx.store, horizon));
        List<Posting> postings = new ArrayList<>(batch.size());
        List<Entry> all = new ArrayList<>();
        for (Prepared p : batch) {
            lookup.of(p.member());
            if (p.other() != null) {
                lookup.of(p.other());
            }
            // an operation writes entries for its member and its counterparty only, in that order
            Draft mainDraft = drafts.get(p.member());
            Draft otherDraft = p.other() == null ? null : drafts.get(p.other());
            int mainBefore = mainDraft.entryCount();
            int otherBefore = otherDraft == null ? 0 : otherDraft.entryCount();
            Header head;
            try {
                head = p.op().apply(lookup);
            } catch (StaleReadException stale) {
                return null;
            }
            List<Entry> mine = new ArrayList<>(mainDraft.entriesFrom(mainBefore));
            if (otherDraft != null) {
                mine.addAll(otherDraft.entriesFrom(otherBefore));
            }
            postings.add(posting(p, head, mine));
            all.addAll(mine);
        }
        List<MemberChange> changes = new ArrayList<>();
        for (Draft d : drafts.values()) {
            if (d.hasEntries()) {
                changes.add(d.toChange());
            }
        }
        List<Posting> stored;
        try {
            stored = ctx.store.apply(new Commit(changes, postings, all)) == CommitResult.APPLIED ? postings : null;
        } catch (RuntimeException failure) {
            stored = CommitLoop.landedAfter(failure, () -> landed(batch));
        }
        if (stored == null) {
            return null;
        }
        for (Posting posting : stored) {
            ctx.posted(posting.type(), start);
        }
        if (!ctx.listeners.isEmpty()) {
            for (Posting posting : stored) {
                ctx.publish(new LedgerEvent.Posted(posting));
            }
        }
        return List.copyOf(stored);
    }

    /**
     * After the store failed to apply a commit: the postings it wrote if the commit landed all the
     * same (its reply was lost), as the store now has them; null if it did not land.
     */
    private List<Posting> landed(List<Prepared> requests) {
        List<Posting> found = new ArrayList<>(requests.size());
        for (Prepared p : requests) {
            Posting posting = ctx.postingOrNull(p.key());
            if (posting == null || !p.madeBy(posting)) {
                return null;
            }
            found.add(posting);
        }
        return found;
    }

    /** After the store failed to apply the commit of one request: its posting if the commit landed, else null. */
    private Posting landed(Prepared p) {
        Posting posting = ctx.postingOrNull(p.key());
        return posting != null && p.madeBy(posting) ? posting : null;
    }

    /** A request as the single operation would prepare it. */
    private Prepared prepare(PostingRequest r) {
        if (r instanceof PostingRequest.Earn e) {
            return credits.credit(PostingType.EARN, EntryType.EARN, e.member(), e.amount(), e.at(), e.key(),
                    LedgerContext.reason(e.reason(), false));
        } else if (r instanceof PostingRequest.AdjustCredit e) {
            return credits.credit(PostingType.ADJUST_CREDIT, EntryType.ADJUST_CREDIT, e.member(), e.amount(), e.at(),
                    e.key(), LedgerContext.reason(e.reason(), true));
        } else if (r instanceof PostingRequest.Redeem e) {
            return credits.debit(PostingType.REDEEM, EntryType.REDEEM, e.member(), e.amount(), e.at(), e.key(),
                    LedgerContext.reason(e.reason(), false));
        } else if (r instanceof PostingRequest.AdjustDebit e) {
            return credits.debit(PostingType.ADJUST_DEBIT, EntryType.ADJUST_DEBIT, e.member(), e.amount(), e.at(),
                    e.key(), LedgerContext.reason(e.reason(), true));
        } else if (r instanceof PostingRequest.Reserve e) {
            return reservations.reserve(e.member(), e.amount(), e.ttl(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Capture e) {
            return reservations.close(PostingType.CAPTURE, e.member(), e.reservation(), e.at(), e.key());
        } else if (r instanceof PostingRequest.Release e) {
            return reservations.close(PostingType.RELEASE, e.member(), e.reservation(), e.at(), e.key());
        } else if (r instanceof PostingRequest.Reverse e) {
            return reversals.reverse(e.member(), e.original(), e.amount(), e.at(), e.key(), e.reason());
        } else {
            PostingRequest.Transfer e = (PostingRequest.Transfer) r;
            return transfers.transfer(e.from(), e.to(), e.amount(), e.at(), e.key(), e.reason());
        }
    }

    /** Fresh drafts of a request's member and counterparty (if any), in that order. */
    private Map<MemberId, Draft> drafts(MemberId member, MemberId other, Instant horizon) {
        Map<MemberId, Draft> drafts = new LinkedHashMap<>();
        drafts.put(member, new Draft(ctx.workingSet(member), ctx.store, horizon));
        if (other != null) {
            drafts.put(other, new Draft(ctx.workingSet(other), ctx.store, horizon));
        }
        return drafts;
    }
}
