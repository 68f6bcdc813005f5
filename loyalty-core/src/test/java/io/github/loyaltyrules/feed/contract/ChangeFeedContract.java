package io.github.loyaltyrules.feed.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.feed.Change;
import io.github.loyaltyrules.feed.ChangeFeed;
import io.github.loyaltyrules.feed.ChangePage;
import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.feed.PostingChange;
import io.github.loyaltyrules.feed.TierMoved;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierFeed;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every ledger store and tier store with a change feed must do: a reader that saves its
 * position and resumes (after a restart, with new store instances over the same data) is given every
 * committed posting and tier change exactly once, never a refused one, in positions that only grow;
 * the changes name the pseudonym of an erased member and carry no free text.
 */
public abstract class ChangeFeedContract {

    /** A ledger store and a tier store over the same data. */
    public record Stores(LedgerStore ledger, TierStore tiers) {
    }

    protected static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    protected static final Metric POINTS = Metric.points(PTS);
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String PERSONAL = "Jane Doe, 12 Rue des Lilas";

    /** Returns new, empty stores. */
    protected abstract Stores newStores();

    /** Returns new store instances over the same data as {@code stores}, as a restarted process would open; in memory, the same. */
    protected abstract Stores reopen(Stores stores);

    /** A ledger that feeds a tier engine (Member, Silver at 1,000 points, Gold at 5,000 per calendar year). */
    public record Program(Ledger ledger, TierEngine engine) {
    }

    protected static Program program(Stores stores) {
        TierLadder ladder = TierLadder.builder().zone(ZoneOffset.UTC).window(QualificationWindow.calendarYear())
                .metrics(POINTS).tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(POINTS, 1_000))
                .tier(Tier.of("Gold").withThreshold(POINTS, 5_000)).build();
        TierEngine engine = TierEngine.of(ladder, TierListener.NONE, stores.tiers());
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(stores.ledger()).listener(TierFeed.of(engine)).build();
        return new Program(ledger, engine);
    }

    /** Reads from a position until a page comes back empty, checking that positions only grow. */
    protected static List<Change> drain(ChangeFeed feed, FeedPosition from, int pageSize) {
        List<Change> all = new ArrayList<>();
        FeedPosition at = from;
        while (true) {
            ChangePage page = feed.changesAfter(at, pageSize);
            assertThat(page.changes().size()).isLessThanOrEqualTo(pageSize);
            for (Change c : page.changes()) {
                assertThat(c.position().postings()).isGreaterThanOrEqualTo(at.postings());
                assertThat(c.position().tierChanges()).isGreaterThanOrEqualTo(at.tierChanges());
                assertThat(c.position()).isNotEqualTo(at);
                at = c.position();
                all.add(c);
            }
            assertThat(page.next()).isEqualTo(at);
            if (page.isEmpty()) {
                return all;
            }
        }
    }

    protected static List<String> postingKeys(List<Change> changes) {
        List<String> keys = new ArrayList<>();
        for (Change c : changes) {
            if (c instanceof PostingChange p) {
                keys.add(p.key().value());
            }
        }
        return keys;
    }

    private static List<String> tierMoves(List<Change> changes) {
        List<String> moves = new ArrayList<>();
        for (Change c : changes) {
            if (c instanceof TierMoved t) {
                moves.add(t.member().value() + ":" + t.from() + ">" + t.to() + "@" + t.at() + "/" + t.cause());
            }
        }
        return moves;
    }

    private static List<String> histories(TierEngine engine, List<MemberId> members) {
        List<String> moves = new ArrayList<>();
        for (MemberId m : members) {
            for (TierChange c : engine.history(m)) {
                moves.add(c.member().value() + ":" + c.from() + ">" + c.to() + "@" + c.at() + "/" + c.cause());
            }
        }
        return moves;
    }

    @Test
    void aReaderThatResumesAfterARestartIsGivenEveryPostingAndTierChangeExactlyOnce() {
        Stores stores = newStores();
        Program p = program(stores);
        List<MemberId> members = List.of(MemberId.of("m1"), MemberId.of("m2"), MemberId.of("m3"));
        Set<String> posted = new HashSet<>();
        for (MemberId m : members) {
            p.ledger().enrol(m, T0);
        }
        for (int i = 0; i < 18; i++) {
            MemberId m = members.get(i % 3);
            String key = "earn-" + i;
            p.ledger().earn(m, PTS.points(400 + 100L * i), T0.plusSeconds(i), IdempotencyKey.of(key), "stay");
            posted.add(key);
        }
        p.ledger().redeem(members.get(0), PTS.points(300), T0.plusSeconds(60), IdempotencyKey.of("redeem-0"), "gift");
        posted.add("redeem-0");

        // the first process reads two pages, saving its position after each change, then stops
        ChangeFeed first = ChangeFeed.of(stores.ledger(), stores.tiers());
        List<Change> seen = new ArrayList<>();
        String saved = FeedPosition.START.text();
        for (int page = 0; page < 2; page++) {
            for (Change c : first.changesAfter(FeedPosition.parse(saved), 7).changes()) {
                seen.add(c);
                saved = c.position().text();
            }
        }
        assertThat(seen).hasSize(14);

        // a new process, with new store instances over the same data, resumes from the saved text
        Stores reopened = reopen(stores);
        ChangeFeed second = ChangeFeed.of(reopened.ledger(), reopened.tiers());
        seen.addAll(drain(second, FeedPosition.parse(saved), 5));

        assertThat(postingKeys(seen)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
        assertThat(tierMoves(seen)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(histories(p.engine(), members))
                .anyMatch(s -> s.contains(">Gold")).anyMatch(s -> s.contains("Member>Silver"));

        // more postings later: the reader is given exactly those, from where it stopped
        FeedPosition caughtUp = seen.get(seen.size() - 1).position();
        Program again = program(reopened);
        again.ledger().earn(members.get(1), PTS.points(10), T0.plusSeconds(90), IdempotencyKey.of("late-1"), "late");
        again.ledger().earn(members.get(2), PTS.points(20), T0.plusSeconds(91), IdempotencyKey.of("late-2"), "late");
        List<Change> later = drain(ChangeFeed.of(stores.ledger(), stores.tiers()), caughtUp, 100);
        assertThat(postingKeys(later)).containsExactlyInAnyOrder("late-1", "late-2");
        assertThat(tierMoves(later)).isEmpty();
    }

    @Test
    void theFeedGivesEachPostingWithWhatANotificationNeedsInCommitOrderOfEachMember() {
        Stores stores = newStores();
        Program p = program(stores);
        MemberId m = MemberId.of("ann");
        p.ledger().enrol(m, T0);
        p.ledger().earn(m, PTS.points(1_200), T0, IdempotencyKey.of("e1"), "stay");
        p.ledger().redeem(m, PTS.points(200), T0.plusSeconds(5), IdempotencyKey.of("r1"), "gift");

        List<Change> all = drain(ChangeFeed.of(stores.ledger(), stores.tiers()), FeedPosition.START, 10);

        assertThat(all).hasSize(3);
        PostingChange earn = (PostingChange) all.get(0);
        assertThat(earn.type()).isEqualTo(PostingType.EARN);
        assertThat(earn.member()).isEqualTo(m);
        assertThat(earn.currency()).isEqualTo("PTS");
        assertThat(earn.amount()).isEqualTo(1_200);
        assertThat(earn.at()).isEqualTo(T0);
        assertThat(earn.reasonLength()).isEqualTo("stay".length());
        TierMoved moved = (TierMoved) all.get(1);
        assertThat(moved.member()).isEqualTo(m);
        assertThat(moved.from()).isEqualTo("Member");
        assertThat(moved.to()).isEqualTo("Silver");
        assertThat(moved.cause()).isEqualTo(ChangeCause.THRESHOLD_REACHED);
        assertThat(((PostingChange) all.get(2)).type()).isEqualTo(PostingType.REDEEM);
        // a feed of the ledger store alone gives the postings only
        assertThat(postingKeys(drain(ChangeFeed.of(stores.ledger()), FeedPosition.START, 1)))
                .containsExactly("e1", "r1");
    }

    @Test
    void aRefusedOrRepeatedPostingNeverAppears() {
        Stores stores = newStores();
        Program p = program(stores);
        MemberId m = MemberId.of("bob");
        p.ledger().enrol(m, T0);
        p.ledger().earn(m, PTS.points(100), T0, IdempotencyKey.of("e1"), "stay");
        p.ledger().earn(m, PTS.points(100), T0, IdempotencyKey.of("e1"), "stay"); // a retry: the first posting
        assertThatThrownBy(() -> p.ledger().earn(m, PTS.points(999), T0, IdempotencyKey.of("e1"), "other"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> p.ledger().redeem(m, PTS.points(500), T0, IdempotencyKey.of("r1"), "too much"))
                .isInstanceOf(InsufficientPointsException.class);

        assertThat(postingKeys(drain(ChangeFeed.of(stores.ledger(), stores.tiers()), FeedPosition.START, 10)))
                .containsExactly("e1");
    }

    @Test
    void changesCarryNoFreeTextAndAnErasedMembersChangesShowThePseudonym() {
        Stores stores = newStores();
        Program p = program(stores);
        MemberId m = MemberId.of("cat");
        MemberId pseudonym = MemberId.of("anon-7f3a");
        p.ledger().enrol(m, T0);
        p.ledger().earn(m, PTS.points(1_500), T0, IdempotencyKey.of("e1"), PERSONAL);
        p.engine().assign(m, "Gold", T0, T0.plusSeconds(86_400), PERSONAL, IdempotencyKey.of("match"));
        ChangeFeed feed = ChangeFeed.of(stores.ledger(), stores.tiers());
        List<Change> before = drain(feed, FeedPosition.START, 10);
        assertThat(before).hasSize(3);
        assertThat(((PostingChange) before.get(0)).reasonLength()).isEqualTo(PERSONAL.length());
        for (Change c : before) {
            assertThat(c.toString()).doesNotContain("Jane").doesNotContain("Lilas");
        }

        assertThat(p.ledger().pseudonymise(m, pseudonym)).isTrue();
        assertThat(p.engine().pseudonymise(m, pseudonym)).isTrue();

        List<Change> after = drain(ChangeFeed.of(stores.ledger(), stores.tiers()), FeedPosition.START, 10);
        assertThat(after).hasSize(3).allSatisfy(c -> assertThat(c.member()).isEqualTo(pseudonym));
        assertThat(after).extracting(Change::position).isEqualTo(before.stream().map(Change::position).toList());
        assertThat(after.toString()).doesNotContain("Jane").doesNotContain("cat");
        // a reader past the erasure is given nothing again
        assertThat(feed.changesAfter(before.get(2).position(), 10).isEmpty()).isTrue();
    }

    @Test
    void badArgumentsAreRefusedWithTheLibrarysExceptionAndChangeNothing() {
        Stores stores = newStores();
        Program p = program(stores);
        MemberId m = MemberId.of("dan");
        p.ledger().enrol(m, T0);
        p.ledger().earn(m, PTS.points(10), T0, IdempotencyKey.of("e1"), "stay");
        ChangeFeed feed = ChangeFeed.of(stores.ledger(), stores.tiers());

        assertThatThrownBy(() -> feed.changesAfter(null, 10)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("START");
        assertThatThrownBy(() -> feed.changesAfter(FeedPosition.START, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> feed.changesAfter(FeedPosition.START, ChangeFeed.MAX_PAGE + 1))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(postingKeys(drain(feed, FeedPosition.START, 10))).containsExactly("e1");
    }
}
