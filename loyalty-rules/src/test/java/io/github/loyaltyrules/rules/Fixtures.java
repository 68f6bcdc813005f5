package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for test data. */
final class Fixtures {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final PointCurrency STARS = PointCurrency.of("STARS", "Stars", 0);
    static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    /** 2024-06-04 was a Tuesday. */
    static final ZonedDateTime TUESDAY_NOON = LocalDateTime.of(2024, 6, 4, 12, 0).atZone(ZONE);
    static final ZonedDateTime WEDNESDAY_NOON = TUESDAY_NOON.plusDays(1);

    private Fixtures() {
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static Points stars(long n) {
        return Points.of(STARS, n);
    }

    static Points tqp(long n) {
        return Points.of(TQP, n);
    }

    static BasketLine coffee(String id, long qty, String price) {
        return BasketLine.of(id, "ESPRESSO", "coffee", qty, eur(price));
    }

    static BasketLine food(String id, long qty, String price) {
        return BasketLine.of(id, "CROISSANT", "food", qty, eur(price));
    }

    /** A basket builder. */
    static final class Basket {
        private final List<BasketLine> lines = new ArrayList<>();
        private String store = "S1";
        private String channel = "pos";

        Basket line(String sku, String category, long qty, String price) {
            lines.add(BasketLine.of("L" + (lines.size() + 1), sku, category, qty, eur(price)));
            return this;
        }

        Basket coffee(long qty, String price) {
            return line("ESPRESSO", "coffee", qty, price);
        }

        Basket food(long qty, String price) {
            return line("CROISSANT", "food", qty, price);
        }

        Basket store(String s) {
            this.store = s;
            return this;
        }

        Basket channel(String c) {
            this.channel = c;
            return this;
        }

        Purchase build() {
            return Purchase.of(store, channel, lines);
        }
    }

    static Basket basket() {
        return new Basket();
    }

    /** A member builder. */
    static final class Member {
        private String tier;
        private Set<String> tags = Set.of();
        private Map<String, String> attributes = Map.of();
        private LocalDate birthday;
        private long purchases = 1;

        Member tier(String t) {
            this.tier = t;
            return this;
        }

        Member tags(String... t) {
            this.tags = Set.of(t);
            return this;
        }

        Member attribute(String k, String v) {
            this.attributes = Map.of(k, v);
            return this;
        }

        Member birthday(LocalDate d) {
            this.birthday = d;
            return this;
        }

        Member purchasesSoFar(long n) {
            this.purchases = n;
            return this;
        }

        MemberProfile build() {
            return new MemberProfile(MemberId.of("m-1"), tier, tags, attributes, birthday, purchases);
        }
    }

    static Member member() {
        return new Member();
    }

    /** Numbers the keys of contexts: each activity a test evaluates is one request with a key of its own. */
    private static final java.util.concurrent.atomic.AtomicLong KEYS = new java.util.concurrent.atomic.AtomicLong();

    static RuleContext context(MemberProfile member, Activity activity, ZonedDateTime at) {
        return new RuleContext(member, activity, at,
                IdempotencyKey.of("k-" + at.toEpochSecond() + "-" + KEYS.incrementAndGet()), "v1");
    }

    /** The same activity as another request: the context with a key of its own. */
    static RuleContext fresh(RuleContext c) {
        return new RuleContext(c.member(), c.activity(), c.at(),
                IdempotencyKey.of("k-" + c.at().toEpochSecond() + "-" + KEYS.incrementAndGet()), c.programVersion());
    }

    static RuleContext purchaseContext(Purchase p) {
        return context(member().build(), p, WEDNESDAY_NOON);
    }

    static RuleContext purchaseContext(Purchase p, String key) {
        return new RuleContext(member().build(), p, WEDNESDAY_NOON, IdempotencyKey.of(key), "v1");
    }

    static RuleContext event(String type, Map<String, String> attributes) {
        return context(member().build(), new MemberEvent(type, attributes), WEDNESDAY_NOON);
    }
}
