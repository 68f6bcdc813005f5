package io.github.loyaltyrules.engagement.spi;

import io.github.loyaltyrules.engagement.Badge;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ChallengeStore} in this JVM's memory: the default of a program made without one. Its state
 * is lost with the process. Thread-safe: one lock per store, held for a lookup or a commit.
 *
 * @since 0.1.0
 */
public final class InMemoryChallengeStore implements ChallengeStore {

    /** One member's records: progress by "challenge NUL window", contributions by "challenge NUL key". */
    private static final class Held {
        final Map<String, ProgressRecord> progress = new TreeMap<>();
        final Map<String, ContributionRecord> contributions = new HashMap<>();
        final Map<String, Badge> badges = new java.util.LinkedHashMap<>();
    }

    private final Map<MemberId, Held> members = new HashMap<>();

    private InMemoryChallengeStore() {
    }

    /**
     * Returns a new, empty store.
     *
     * @return the store
     */
    public static InMemoryChallengeStore create() {
        return new InMemoryChallengeStore();
    }

    private static String id(String a, String b) {
        return a + '\0' + b;
    }

    @Override
    public synchronized Optional<ProgressRecord> progress(MemberId member, String challenge, String window) {
        Objects.requireNonNull(member, "member must not be null");
        Held h = members.get(member);
        return h == null ? Optional.empty() : Optional.ofNullable(h.progress.get(id(
                Objects.requireNonNull(challenge, "challenge must not be null"),
                Objects.requireNonNull(window, "window must not be null"))));
    }

    @Override
    public synchronized Optional<ContributionRecord> contribution(MemberId member, String challenge,
            IdempotencyKey purchase) {
        Objects.requireNonNull(member, "member must not be null");
        Held h = members.get(member);
        return h == null ? Optional.empty() : Optional.ofNullable(h.contributions.get(id(
                Objects.requireNonNull(challenge, "challenge must not be null"),
                Objects.requireNonNull(purchase, "purchase must not be null").value())));
    }

    @Override
    public synchronized CommitResult commit(ChallengeCommit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        ProgressRecord p = commit.progress();
        ContributionRecord c = commit.contribution();
        Held h = members.get(p.member());
        String pk = id(p.challenge(), p.window());
        String ck = id(c.challenge(), c.purchase().value());
        long storedP = h == null || !h.progress.containsKey(pk) ? 0 : h.progress.get(pk).version();
        long storedC = h == null || !h.contributions.containsKey(ck) ? 0 : h.contributions.get(ck).version();
        if (storedP != p.version() - 1 || storedC != c.version() - 1) {
            return CommitResult.STALE;
        }
        if (h == null) {
            h = new Held();
            members.put(p.member(), h);
        }
        h.progress.put(pk, p);
        h.contributions.put(ck, c);
        return CommitResult.APPLIED;
    }

    @Override
    public synchronized boolean award(MemberId member, Badge badge) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(badge, "badge must not be null");
        Held h = members.computeIfAbsent(member, m -> new Held());
        return h.badges.putIfAbsent(badge.id(), badge) == null;
    }

    @Override
    public synchronized List<Badge> badges(MemberId member) {
        Held h = members.get(Objects.requireNonNull(member, "member must not be null"));
        if (h == null) {
            return List.of();
        }
        List<Badge> out = new ArrayList<>(h.badges.values());
        out.sort(BY_TIME);
        return List.copyOf(out);
    }

    /** Badges in the order they were earned, then by id. */
    static final java.util.Comparator<Badge> BY_TIME = java.util.Comparator.comparing(Badge::at).thenComparing(Badge::id);

    @Override
    public synchronized List<ProgressRecord> progressOf(MemberId member) {
        Held h = members.get(Objects.requireNonNull(member, "member must not be null"));
        return h == null ? List.of() : List.copyOf(new ArrayList<>(h.progress.values()));
    }

    @Override
    public synchronized boolean pseudonymise(MemberId from, MemberId to) {
        Objects.requireNonNull(from, "member must not be null");
        Objects.requireNonNull(to, "pseudonym must not be null");
        Held h = members.remove(from);
        if (h == null) {
            return false;
        }
        Held moved = members.computeIfAbsent(to, m -> new Held());
        for (Map.Entry<String, ProgressRecord> e : h.progress.entrySet()) {
            moved.progress.put(e.getKey(), e.getValue().pseudonymised(to));
        }
        for (Map.Entry<String, ContributionRecord> e : h.contributions.entrySet()) {
            moved.contributions.put(e.getKey(), e.getValue().pseudonymised(to));
        }
        for (Badge b : h.badges.values()) {
            moved.badges.putIfAbsent(b.id(), b);
        }
        return true;
    }
}
