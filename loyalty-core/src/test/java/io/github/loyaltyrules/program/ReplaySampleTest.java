package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A what-if replay over a sample of the members: the same seed picks the same members on every run;
 * the sample's totals are the sums of exactly the sampled members' parts, each equal to that member's
 * part in a replay of everyone; bad samples are refused before anything is read.
 */
class ReplaySampleTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");

    static RuleEngine perEuro(long rate) {
        return ctx -> new Evaluation(List.of(new Award("base", rate + " per euro", "PTS",
                rate * ((Purchase) ctx.activity()).total().amount().setScale(0, RoundingMode.FLOOR).longValueExact(),
                Map.of(), Explanation.fixed())));
    }

    /** 60 members, each with 1 to 4 purchases and some a redemption; member-59 has none in the period. */
    static final LoyaltyProgram RECORDED = recorded();
    static final ProgramVersion CANDIDATE = ProgramVersion.of("v2", perEuro(2), List.of());
    static final Map<MemberId, MemberReplay> EVERYONE = replayAll();

    private static LoyaltyProgram recorded() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        LoyaltyProgram p = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", perEuro(1), List.of()), TierLookup.NONE);
        for (int i = 0; i < 60; i++) {
            MemberId m = MemberId.of(String.format("member-%02d", i));
            p.enrol(m, FROM.minusSeconds(3600));
            for (int k = 0; i < 59 && k <= i % 4; k++) {
                Instant at = FROM.plusSeconds(86_400L * (3 + 11 * k + i % 7));
                p.purchase(m, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "ITEM", "misc", 1 + k,
                        Money.of((4 + i % 13) + ".25", "EUR")))), at, IdempotencyKey.of(m.value() + "-" + k));
            }
            if (i % 5 == 0) {
                p.ledger().redeem(m, PTS.points(3), FROM.plusSeconds(86_400L * 60), IdempotencyKey.of(m.value() + "-r"), "gift");
            }
        }
        return p;
    }

    private static Map<MemberId, MemberReplay> replayAll() {
        Map<MemberId, MemberReplay> all = new LinkedHashMap<>();
        RECORDED.replay(CANDIDATE, FROM, TO, ReplayOptions.defaults(), one -> all.put(one.member(), one), ProgressListener.NONE);
        return all;
    }

    private static void assertSampleIsExactlyItsMembers(ReplaySample sample, ReplayOrder order) {
        List<MemberReplay> parts = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        ReplayReport report = RECORDED.replay(CANDIDATE, FROM, TO, ReplayOptions.builder().order(order).sample(sample).build(),
                parts::add, (done, total) -> progress.add(new long[] {done, total}));
        List<MemberId> expected = EVERYONE.keySet().stream().filter(sample::contains).toList();
        assertThat(parts).extracting(MemberReplay::member).containsExactlyElementsOf(expected);
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> wouldAward = new HashMap<>();
        Map<String, ReplayLiability> liability = new HashMap<>();
        Map<String, ReplayLiability> wouldLiability = new HashMap<>();
        long activities = 0;
        for (MemberReplay one : parts) {
            assertThat(one).isEqualTo(EVERYONE.get(one.member()));
            one.awarded().forEach((c, n) -> awarded.merge(c, n, Long::sum));
            one.wouldAward().forEach((c, n) -> wouldAward.merge(c, n, Long::sum));
            one.liability().forEach((c, l) -> liability.merge(c, l, ReplayLiability::plus));
            one.wouldLiability().forEach((c, l) -> wouldLiability.merge(c, l, ReplayLiability::plus));
            activities += one.activities();
        }
        assertThat(report.members()).isEqualTo(parts.size());
        assertThat(report.activities()).isEqualTo(activities);
        assertThat(report.awarded()).isEqualTo(awarded);
        assertThat(report.wouldAward()).isEqualTo(wouldAward);
        assertThat(report.liability()).isEqualTo(liability);
        assertThat(report.wouldLiability()).isEqualTo(wouldLiability);
        if (!progress.isEmpty()) {
            long[] last = progress.get(progress.size() - 1);
            assertThat(last[0]).isEqualTo(last[1]);
        }
    }

    @Property(tries = 40)
    void aOneInNSampleTotalsExactlyItsMembersInEitherOrder(@ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll long seed) {
        for (ReplayOrder order : ReplayOrder.values()) {
            assertSampleIsExactlyItsMembers(ReplaySample.oneIn(n, seed), order);
        }
    }

    @Property(tries = 40)
    void aFractionSampleTotalsExactlyItsMembersAndALargerFractionPicksASuperset(
            @ForAll @IntRange(min = 1, max = 1000) int perMille, @ForAll @IntRange(min = 0, max = 1000) int more,
            @ForAll long seed) {
        ReplaySample small = ReplaySample.fraction(BigDecimal.valueOf(perMille, 3), seed);
        ReplaySample large = ReplaySample.fraction(BigDecimal.valueOf(Math.min(1000, perMille + more), 3), seed);
        assertSampleIsExactlyItsMembers(small, ReplayOrder.MEMBER);
        for (MemberId m : EVERYONE.keySet()) {
            if (small.contains(m)) {
                assertThat(large.contains(m)).isTrue();
            }
        }
    }

    @Property(tries = 100)
    void theSameSeedPicksTheSameMembersAndTheWholeRangeIsEveryone(@ForAll @LongRange(min = 1, max = 50) long n,
            @ForAll long seed) {
        ReplaySample once = ReplaySample.oneIn(n, seed);
        ReplaySample again = ReplaySample.oneIn(n, seed);
        assertThat(again).isEqualTo(once).hasSameHashCodeAs(once);
        for (MemberId m : EVERYONE.keySet()) {
            assertThat(again.contains(m)).isEqualTo(once.contains(m));
            assertThat(ReplaySample.oneIn(1, seed).contains(m)).isTrue();
            assertThat(ReplaySample.fraction(BigDecimal.ONE, seed).contains(m)).isTrue();
        }
    }

    @Example
    void theHashIsPinnedSoThatASampleIsTheSameInEveryVersionAndJvm() {
        // FNV-1a of the UTF-8 bytes, then SplitMix64's finaliser with the seed: a change here changes every sample
        assertThat(ReplaySample.hash("member-00", 42)).isEqualTo(-7645594550592613887L);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("member-%02d", i);
            if (ReplaySample.oneIn(10, 42).contains(MemberId.of(id))) {
                picked.add(id);
            }
        }
        assertThat(picked).containsExactly("member-14", "member-41", "member-46", "member-48");
        assertThat(ReplaySample.oneIn(10, 42).toString()).isEqualTo("ReplaySample[one in 10, seed 42]");
        assertThat(ReplaySample.fraction(new BigDecimal("0.250"), 7).toString()).isEqualTo("ReplaySample[0.25, seed 7]");
        assertThat(ReplaySample.of(Set.of(MemberId.of("ann"))).toString()).isEqualTo("ReplaySample[1 members]")
                .doesNotContain("ann");
        assertThat(ReplaySample.all().toString()).isEqualTo("ReplaySample[all]");
    }

    @Example
    void aSampleOfGivenMembersCoversThoseWithActivityAndCountsEachForProgress() {
        List<MemberId> given = List.of(MemberId.of("member-07"), MemberId.of("member-59"), MemberId.of("member-03"),
                MemberId.of("not-enrolled"));
        ReplaySample sample = ReplaySample.of(given);
        for (ReplayOrder order : ReplayOrder.values()) {
            assertSampleIsExactlyItsMembers(sample, order);
        }
        List<long[]> progress = new ArrayList<>();
        List<MemberReplay> parts = new ArrayList<>();
        RECORDED.replay(CANDIDATE, FROM, TO, ReplayOptions.builder().sample(sample).build(), parts::add,
                (done, total) -> progress.add(new long[] {done, total}));
        assertThat(parts).extracting(MemberReplay::member).containsExactly(MemberId.of("member-03"), MemberId.of("member-07"));
        assertThat(progress).hasSize(4);
        assertThat(progress.get(3)).containsExactly(4, 4);
    }

    @Example
    void badSamplesAreRefusedWithTheLibrarysExceptionNamingTheValue() {
        assertThatThrownBy(() -> ReplaySample.of(null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> ReplaySample.of(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> ReplaySample.of(Arrays.asList(MemberId.of("ann"), null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> ReplaySample.oneIn(0, 1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> ReplaySample.oneIn(-3, 1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got -3");
        for (String bad : List.of("0", "-0.5", "1.000001", "2")) {
            assertThatThrownBy(() -> ReplaySample.fraction(new BigDecimal(bad), 1)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("more than 0 and at most 1").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> ReplaySample.fraction(new BigDecimal("0.0000000001"), 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 9 decimal places");
        assertThatThrownBy(() -> ReplaySample.fraction(null, 1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ReplaySample.all().contains(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ReplayOptions.builder().sample(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ReplayOptions.builder().order(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ReplayOptions.builder().currency(null)).isInstanceOf(InvalidRequestException.class);
        // a refused sample reads and changes nothing: the replay of everyone is as before
        assertThat(replayAll()).isEqualTo(EVERYONE);
    }
}
