package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.BasketLine;
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

/** Small builders for baskets, members and rule contexts. */
final class Shop {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Shop() {
    }

    /** 2024-06-04 was a Tuesday. */
    static ZonedDateTime at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2024, month, day, hour, minute).atZone(PARIS);
    }

    static Basket basket() {
        return new Basket();
    }

    static Member member(String id) {
        return new Member(id);
    }

    static RuleContext context(MemberProfile member, Activity activity, ZonedDateTime at) {
        return new RuleContext(member, activity, at, IdempotencyKey.of("k-" + member.id() + "-" + at.toEpochSecond()), "v1");
    }

    /** A basket builder. */
    static final class Basket {
        private final List<BasketLine> lines = new ArrayList<>();
        private String channel = "pos";

        Basket line(String sku, String category, long qty, String unitPrice) {
            lines.add(BasketLine.of("L" + (lines.size() + 1), sku, category, qty, Money.of(unitPrice, "EUR")));
            return this;
        }

        Basket coffee(long qty, String price) {
            return line("LATTE", "coffee", qty, price);
        }

        Basket pastry(long qty, String price) {
            return line("CROISSANT", "pastry", qty, price);
        }

        Basket iced(long qty, String price) {
            return line("ICED-LATTE", "iced", qty, price);
        }

        Basket channel(String c) {
            this.channel = c;
            return this;
        }

        Purchase build() {
            return Purchase.of("S1", channel, lines);
        }
    }

    /** A member builder. */
    static final class Member {
        private final String id;
        private String tier;
        private LocalDate birthday;
        private long purchases = 1;

        Member(String id) {
            this.id = id;
        }

        Member tier(String t) {
            this.tier = t;
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
            return new MemberProfile(MemberId.of(id), tier, Set.of(), Map.of(), birthday, purchases);
        }
    }
}
