package io.github.loyaltyrules.program.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.Quote;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.contract.PrivacyContract.Stores;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A quote is the receipt of the purchase that follows it and leaves every store as it was: after the
 * privacy contract's history (purchases, events, a return, rewards, holds, transfers, a status match,
 * challenge progress, capped purchases drawing on the quotas), every row of the ledger store, the
 * program store, the tier store, the quotas and the challenge store, and what the program reads back
 * of each member (statement, balances, tier history and progress, challenge progress, records), is the
 * same after quotes as before; the purchase made next with the quote's key gets the quote's awards,
 * and changes the rows (so the snapshot would see a change).
 */
public abstract class QuoteContract {

    static final Instant AT = PrivacyContract.T0.plus(Duration.ofDays(40));

    /** Returns the stores of a new, empty database. */
    protected abstract Stores newStores();

    /** Returns every row the stores hold, as text, per table. */
    protected abstract Map<String, List<String>> snapshot(Stores stores);

    /**
     * The privacy contract's capped engine (a purchase draws its base points on a monthly counter per
     * member), with the dry run an engine owes the quote: the same awards, no draw.
     */
    static RuleEngine quoting(Stores s) {
        RuleEngine capped = PrivacyContract.capped(s.quotas());
        return new RuleEngine() {
            @Override
            public Evaluation evaluate(RuleContext context) {
                return capped.evaluate(context);
            }

            @Override
            public Evaluation reevaluate(RuleContext context) {
                return PrivacyContract.ENGINE.evaluate(context);
            }
        };
    }

    /** The stores' rows, and what the program reads back of each member through its own calls. */
    private Map<String, List<String>> everything(Stores s, LoyaltyProgram p) {
        Map<String, List<String>> out = new TreeMap<>(snapshot(s));
        List<String> read = new ArrayList<>();
        TierEngine tiers = p.tierEngine().orElseThrow();
        for (MemberId m : List.of(PrivacyContract.ANN, PrivacyContract.BOB)) {
            read.add(p.ledger().statement(m).toString());
            read.add(PrivacyContract.holdings(p.ledger(), m).toString());
            read.add(p.store().member(m).toString() + " " + p.store().records(m));
            read.add(tiers.history(m) + " " + tiers.state(m) + " " + tiers.progress(m, AT));
            read.add(p.challengeProgress(m, AT) + " " + s.challenges().progressOf(m));
            read.add(s.quotas().counters("").stream().map(c -> c + "=" + s.quotas().used(c)).toList().toString());
        }
        out.put("read back", read);
        return out;
    }

    @Test
    void aQuoteChangesNoStoreAndIsTheReceiptOfThePurchaseThatFollows() {
        Stores s = newStores();
        LoyaltyProgram p = PrivacyContract.program(s, null, quoting(s));
        PrivacyContract.history(p);
        Map<String, List<String>> before = everything(s, p);
        assertThat(before.get("read back")).anySatisfy(row -> assertThat(row).contains("cap/base/PTS/"));

        Purchase basket = PrivacyContract.basket("25.00", "4.50");
        IdempotencyKey key = IdempotencyKey.of("q-1");
        Quote ann = p.quote(PrivacyContract.ANN, basket, AT, key);
        Quote bob = p.quote(PrivacyContract.BOB, PrivacyContract.basket("900.00"), AT, IdempotencyKey.of("q-2"));
        assertThat(ann.tier()).isPresent();
        assertThat(bob.receipt().awards()).isNotEmpty();

        assertThat(everything(s, p)).isEqualTo(before);
        assertThat(p.receipt(key)).isEmpty();
        assertThat(ann.receipt().postings()).isEmpty();

        Receipt bought = p.purchase(PrivacyContract.ANN, basket, AT, key);
        assertThat(bought.awards()).isEqualTo(ann.receipt().awards());
        assertThat(List.of(bought.key(), bought.member(), bought.programVersion(), bought.at(), bought.clawBack()))
                .isEqualTo(List.of(ann.receipt().key(), ann.receipt().member(), ann.receipt().programVersion(),
                        ann.receipt().at(), ann.receipt().clawBack()));
        assertThat(everything(s, p)).isNotEqualTo(before); // the snapshot sees what a purchase changes
    }
}
