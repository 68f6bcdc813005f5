package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.RuleSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A purchase returned through the program gives the campaign budget and the member's daily cap it drew
 * back to the counters in the database, where another server sees them; a retried return gives nothing
 * back twice. On H2 always, on PostgreSQL when configured.
 */
class JdbcQuotasGivenBackOnReturnTest {

    private static final MemberId ANN = MemberId.of("ann");

    static List<org.junit.jupiter.params.provider.Arguments> databases() {
        return JdbcQuotasTest.databases().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void returnedPurchaseGivesItsBudgetAndCapBackInTheDatabase(String db, String url) {
        RuleSet here = JdbcQuotasTest.server(url); // 30 summer stars a visit from a budget of 1,000; 7 a visit, 20 a day
        RuleSet there = JdbcQuotasTest.server(url);
        JdbcQuotas quotas = JdbcQuotas.of(new UrlDataSource(url));
        String dailyCap = "cap/daily/STARS/ann/" + JdbcQuotasTest.AT.atZone(ZoneOffset.UTC).toLocalDate();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(JdbcQuotasTest.AT.plusSeconds(86_400),
                ZoneOffset.UTC)).currency(JdbcQuotasTest.STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", here, List.of()), TierLookup.NONE);
        program.enrol(ANN, JdbcQuotasTest.AT.minusSeconds(3_600));
        Purchase visit = Purchase.of("s1", "pos",
                List.of(BasketLine.of("1", "LATTE", "coffee", 2, Money.of("3.00", "EUR"))));
        Receipt bought = program.purchase(ANN, visit, JdbcQuotasTest.AT, IdempotencyKey.of("ann-1"));
        assertThat(bought.total("STARS")).isEqualTo(37);
        assertThat(there.budgetRemaining("summer", "STARS")).isEqualTo(970);
        assertThat(quotas.used(dailyCap)).isEqualTo(7);

        program.returnPurchase(ANN, IdempotencyKey.of("ann-1"), Map.of("1", 1L), JdbcQuotasTest.AT.plusSeconds(60),
                IdempotencyKey.of("ann-1-back-1"));
        long half = 970 + 15;
        assertThat(there.budgetRemaining("summer", "STARS")).isEqualTo(half);
        program.returnPurchase(ANN, IdempotencyKey.of("ann-1"), Map.of("1", 1L), JdbcQuotasTest.AT.plusSeconds(60),
                IdempotencyKey.of("ann-1-back-1")); // a retry
        assertThat(there.budgetRemaining("summer", "STARS")).isEqualTo(half);

        program.returnPurchase(ANN, IdempotencyKey.of("ann-1"), Map.of("1", 1L), JdbcQuotasTest.AT.plusSeconds(120),
                IdempotencyKey.of("ann-1-back-2"));
        assertThat(there.budgetRemaining("summer", "STARS")).isEqualTo(1_000);
        assertThat(quotas.used(dailyCap)).isZero();
    }
}
