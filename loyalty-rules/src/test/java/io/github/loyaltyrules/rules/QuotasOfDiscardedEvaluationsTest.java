package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.Quotas;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Caps and budgets are drawn exactly once per purchase key, whatever happens to the store write: an
 * evaluation whose write lost a race is evaluated again under the same key (and draws the same); a
 * write that failed, or committed with its reply lost, keeps the draws for the retry, which finds them
 * (or the record); a purchase the ledger refuses leaves no record, no count and no draw.
 */
class QuotasOfDiscardedEvaluationsTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Campaign SUMMER = Campaign.of("summer", "Summer", Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"));

    private final Quotas quotas = Quotas.inMemory();

    private static Instant at(int month, int day) {
        return LocalDateTime.of(2024, month, day, 12, 0).atZone(Fixtures.ZONE).toInstant();
    }

    /** A store whose next purchase commits are refused: {@code stale} times as lost races, then {@code fail} times by an exception. */
    private static final class Flaky implements ProgramStore {
        private final ProgramStore real = InMemoryProgramStore.create();
        int stale;
        int fail;
        int lost;

        @Override
        public Optional<MemberRecord> member(MemberId member) {
            return real.member(member);
        }

        @Override
        public Optional<ReceiptRecord> receipt(IdempotencyKey key) {
            return real.receipt(key);
        }

        @Override
        public Optional<ReturnState> returns(IdempotencyKey purchase) {
            return real.returns(purchase);
        }

        @Override
        public Optional<String> claimKey(IdempotencyKey key, String use) {
            return real.claimKey(key, use);
        }

        @Override
        public void withdrawKey(IdempotencyKey key, String use) {
            real.withdrawKey(key, use);
        }

        @Override
        public CommitResult commit(ProgramCommit commit) {
            if (commit.insert() != null && stale > 0) {
                stale--;
                return CommitResult.STALE;
            }
            if (commit.insert() != null && fail > 0) {
                fail--;
                throw new IllegalStateException("store unavailable");
            }
            if (commit.insert() != null && lost > 0) {
                lost--;
                real.commit(commit);
                throw new IllegalStateException("reply lost");
            }
            return real.commit(commit);
        }
    }

    private LoyaltyProgram program(Flaky store) {
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", 1_000))
                .rule("summer", r -> r.name("2 summer stars per 1.00").campaign("summer")
                        .capPerMember("STARS", 500, CapPeriod.MONTH)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(12, 31), Fixtures.ZONE))
                .currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules, List.of()), TierLookup.NONE,
                store);
        program.enrol(ANN, at(1, 1));
        return program;
    }

    @Test
    void aPurchaseWhoseStoreWriteLostTwoRacesDrawsItsBudgetAndCapOnce() {
        Flaky store = new Flaky();
        LoyaltyProgram program = program(store);
        store.stale = 2;
        assertThat(program.purchase(ANN, Fixtures.basket().coffee(2, "25.00").build(), at(6, 3), IdempotencyKey.of("a-1"))
                .total("STARS")).isEqualTo(100);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(100);
        assertThat(quotas.used("cap/summer/STARS/ann/2024-06-01")).isEqualTo(100);
    }

    @Test
    void aPurchaseWhoseStoreWriteFailedKeepsItsDrawsAndItsRetryFindsThem() {
        Flaky store = new Flaky();
        LoyaltyProgram program = program(store);
        store.fail = 1;
        assertThatThrownBy(() -> program.purchase(ANN, Fixtures.basket().coffee(2, "25.00").build(), at(6, 3),
                IdempotencyKey.of("a-1"))).isInstanceOf(IllegalStateException.class);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(100); // kept for the retry, keyed by a-1
        assertThat(quotas.drawn("a-1", "budget/summer/STARS")).isEqualTo(100);

        assertThat(program.purchase(ANN, Fixtures.basket().coffee(2, "25.00").build(), at(6, 3), IdempotencyKey.of("a-1"))
                .total("STARS")).isEqualTo(100);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(100);
        assertThat(quotas.used("cap/summer/STARS/ann/2024-06-01")).isEqualTo(100);
    }

    @Test
    void aPurchaseWhoseRecordCommittedWithItsReplyLostKeepsItsDrawsOnce() {
        Flaky store = new Flaky();
        LoyaltyProgram program = program(store);
        store.lost = 1;
        assertThatThrownBy(() -> program.purchase(ANN, Fixtures.basket().coffee(2, "25.00").build(), at(6, 3),
                IdempotencyKey.of("a-1"))).isInstanceOf(IllegalStateException.class);

        assertThat(program.purchase(ANN, Fixtures.basket().coffee(2, "25.00").build(), at(6, 3), IdempotencyKey.of("a-1"))
                .total("STARS")).isEqualTo(100);
        assertThat(program.ledger().balance(ANN, STARS).available()).isEqualTo(100);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(100); // not given back: the record holds them
        assertThat(quotas.used("cap/summer/STARS/ann/2024-06-01")).isEqualTo(100);
    }
}
