package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.Shop.at;
import static io.github.loyaltyrules.rules.text.Shop.basket;
import static io.github.loyaltyrules.rules.text.Shop.context;
import static io.github.loyaltyrules.rules.text.Shop.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A coffee chain written as text, evaluated to exact awards. */
class CoffeeChainTextTest {

    static final String COFFEE_CHAIN = """
            # Bean & Leaf: stars for every euro, tier points for the ladder
            program "bean-and-leaf-2024-06";
            zone "Europe/Paris";
            multipliers additive;

            currency STARS "Stars" decimals 0
              expires at end of quarter 2 after
              hold 14 days;
            currency TQP "Tier points" decimals 0;   // never expire

            tiers Green, Gold, Reserve;
            group breakfast best;

            campaign summer "Summer of iced coffee"
              from 2024-06-01 until 2024-09-01
              budget 100000 STARS;

            rule base "2 stars per 1.00"
              then earn 2 STARS per 1.00 EUR,
                   earn 1 TQP per 1.00 EUR;

            rule gold-tuesday "Double stars on Tuesdays for Gold and up"
              when weekday = TUE and tier >= Gold
              then multiply STARS by 2;

            rule welcome "50 bonus stars on the first purchase"
              priority 10
              when first purchase
              then earn 50 STARS;

            rule early-bird "Breakfast pastry"
              group breakfast
              when time from 07:00 until 10:00 and category = "pastry"
              then earn 10 STARS;

            rule combo "Coffee and pastry before ten"
              group breakfast
              when time from 07:00 until 10:00
                and quantity of category = "coffee" >= 1
                and quantity of category = "pastry" >= 1
              then earn 15 STARS;

            rule iced "Iced drinks earn extra all summer"
              campaign summer
              then earn 5 STARS per item on category = "iced"
              cap 20 STARS per transaction
              cap 30 STARS per member per week;

            rule birthday "Birthday treat"
              when birthday today and not channel = "kiosk"
              then earn 100 STARS
              cap 100 STARS per member per year;

            reward latte "Free latte" costs 150 STARS;
            reward mug "Reserve mug" costs 400 STARS
              for tier Gold, Reserve
              limit 1 per member;
            """;

    private final ParsedProgram program = ProgramText.parse(COFFEE_CHAIN);

    private Evaluation earn(MemberProfile m, ZonedDateTime when, Purchase p) {
        Evaluation e = program.ruleSet().evaluate(context(m, p, when));
        for (Award a : e.awards()) {
            assertThat(a.lineShares().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(a.amount());
        }
        return e;
    }

    @Test
    void declarationsBecomeCurrenciesRewardsAndAVersion() {
        assertThat(program.id()).isEqualTo("bean-and-leaf-2024-06");
        assertThat(program.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(program.tiers()).containsExactly("Green", "Gold", "Reserve");
        var stars = program.currency("STARS").orElseThrow();
        assertThat(stars.expiry()).isEqualTo(ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, 2));
        assertThat(stars.hold()).isEqualTo(Period.ofDays(14));
        assertThat(program.currency("TQP").orElseThrow().expiry()).isEqualTo(ExpiryPolicy.never());
        assertThat(program.rewards()).extracting(Reward::id).containsExactly("latte", "mug");
        Reward mug = program.rewards().get(1);
        assertThat(mug.cost()).isEqualTo(Points.of(stars, 400));
        assertThat(mug.tiers()).isEqualTo(Set.of("Gold", "Reserve"));
        assertThat(mug.perMemberLimit()).isEqualTo(1);
        ProgramVersion v = program.toVersion();
        assertThat(v.id()).isEqualTo("bean-and-leaf-2024-06");
        assertThat(v.rewards()).containsOnlyKeys("latte", "mug");
        assertThat(program.ruleSet().rules()).extracting(r -> r.id())
                .containsExactly("welcome", "base", "gold-tuesday", "early-bird", "combo", "iced", "birthday");
    }

    @Test
    void firstPurchaseEarnsBaseStarsTierPointsAndWelcomeBonus() {
        // Wednesday noon; 2 x 3.20 + 2.45 = 8.85 -> 8 whole euros
        Evaluation e = earn(member("ana").tier("Green").purchasesSoFar(0).build(), at(6, 5, 12, 0),
                basket().coffee(2, "3.20").pastry(1, "2.45").build());
        assertThat(e.total("STARS")).isEqualTo(16 + 50);
        assertThat(e.total("TQP")).isEqualTo(8);
    }

    @Test
    void goldTuesdayBreakfastDoublesEverythingTheAwardingRulesEarned() {
        // Tuesday 08:30; 4.00 + 3.00 + 2 x 5.00 = 17.00
        Evaluation e = earn(member("ben").tier("Gold").purchasesSoFar(5).build(), at(6, 4, 8, 30),
                basket().coffee(1, "4.00").pastry(1, "3.00").iced(2, "5.00").build());
        // base 34, combo 15 (beats early-bird 10 in the group), iced 2 x 5 = 10; doubled
        assertThat(e.awards()).extracting(Award::ruleId).doesNotContain("early-bird");
        assertThat(e.total("STARS")).isEqualTo((34 + 15 + 10) * 2);
        assertThat(e.total("TQP")).isEqualTo(17);
    }

    @Test
    void reserveIsAtLeastGoldButGreenIsNot() {
        Purchase p = basket().coffee(1, "5.00").build();
        assertThat(earn(member("cy").tier("Reserve").build(), at(6, 4, 15, 0), p).total("STARS")).isEqualTo(20);
        assertThat(earn(member("di").tier("Green").build(), at(6, 4, 15, 0), p).total("STARS")).isEqualTo(10);
    }

    @Test
    void icedDrinksAreCappedPerTransactionAndPerMemberWeek() {
        MemberProfile m = member("eve").tier("Green").build();
        // 5 iced at 1.00: base 10, iced 25 capped to 20
        assertThat(earn(m, at(6, 5, 15, 0), basket().iced(5, "1.00").build()).total("STARS")).isEqualTo(10 + 20);
        // same week: only 10 left of the 30 weekly cap
        assertThat(earn(m, at(6, 6, 15, 0), basket().iced(5, "1.00").build()).total("STARS")).isEqualTo(10 + 10);
        // next week: the cap starts again
        assertThat(earn(m, at(6, 12, 15, 0), basket().iced(1, "1.00").build()).total("STARS")).isEqualTo(2 + 5);
        // after the campaign: no iced bonus
        assertThat(earn(m, at(9, 4, 15, 0), basket().iced(1, "1.00").build()).total("STARS")).isEqualTo(2);
    }

    @Test
    void birthdayTreatOncePerYearAndNotAtTheKiosk() {
        MemberProfile m = member("fay").tier("Green").birthday(LocalDate.of(1990, 6, 5)).build();
        assertThat(earn(m, at(6, 5, 9, 0), basket().coffee(1, "1.50").channel("kiosk").build()).total("STARS"))
                .isEqualTo(2);
        assertThat(earn(m, at(6, 5, 15, 0), basket().coffee(1, "1.50").build()).total("STARS")).isEqualTo(2 + 100);
        assertThat(earn(m, at(6, 5, 17, 0), basket().coffee(1, "1.50").build()).total("STARS")).isEqualTo(2);
    }
}
