package io.github.loyaltyrules.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expiry held while a member holds a protecting status, on every store: nothing expires while the
 * hold lasts (the sweep passes the purse, spends take lots whose date passed), the lift gives the
 * open lots the later of their own date and the new one, and holds and lifts apply once.
 * Subclasses supply a fresh, empty store.
 */
public abstract class ExpiryHoldContract {

    private static final MemberId ANN = MemberId.of("ann");
    private static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
    private static final PointCurrency LAPSING = PointCurrency.of("LAPSE", "Lapsing", 0)
            .withExpiry(ExpiryPolicy.never().withInactivity(Period.ofMonths(12)));
    private static final ExpiryPolicy SIX_MONTHS_AFTER = ExpiryPolicy.afterTerm(Period.ofMonths(6));

    private LedgerStore store;
    private Ledger ledger;

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be made
     */
    protected abstract LedgerStore newStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = newStore();
        ledger = Ledger.builder().zone(ZoneOffset.UTC).store(store).currency(MILES).currency(LAPSING)
                .idempotencyWindow(Duration.ofDays(3650))
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        ledger.enrol(ANN, t("2026-01-01"));
    }

    private static Instant t(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }

    private long available(String day) {
        return ledger.balance(ANN, MILES, t(day)).available();
    }

    private void earn(long miles, String day, String key) {
        ledger.earn(ANN, MILES.points(miles), t(day), IdempotencyKey.of(key), "flight");
    }

    @Test
    void milesDoNotExpireWhileTheStatusIsHeldAndThenExpireSixMonthsAfterItEnded() {
        earn(1000, "2026-01-10", "f1");                          // own date: the end of 10 January 2027
        assertThat(ledger.holdExpiry(ANN, MILES, t("2026-06-01"))).isTrue(); // Gold from 1 June 2026
        assertThat(ledger.holdExpiry(ANN, MILES, t("2026-06-01"))).isFalse(); // a retry holds once
        earn(500, "2026-08-01", "f2");                           // own date: the end of 1 August 2027

        // a year on, the first lot's date has passed: it does not expire while the status is held
        assertThat(ledger.expire(t("2027-03-01")).postings()).isZero();
        assertThat(available("2027-03-01")).isEqualTo(1500);
        // and a spend may take it (the soonest to expire, by its own date)
        ledger.redeem(ANN, MILES.points(200), t("2027-03-02"), IdempotencyKey.of("r1"), "upgrade");
        assertThat(available("2027-03-02")).isEqualTo(1300);

        // the status ends on 15 April 2027: what is left expires six months on, unless it would later
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2027-04-15"), SIX_MONTHS_AFTER)).isTrue();
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2027-04-15"), SIX_MONTHS_AFTER)).isFalse();
        assertThat(store.openLots(ANN, "MILES")).extracting(Lot::remaining, Lot::expiresAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(800L, t("2027-10-16")),
                        org.assertj.core.groups.Tuple.tuple(500L, t("2027-10-16")));
        earn(300, "2027-05-01", "f3");                           // after the status: its own date, 2 May 2028

        assertThat(ledger.expire(t("2027-10-15")).postings()).isZero();
        assertThat(ledger.expire(t("2027-10-16")).expired()).containsEntry("MILES", 1300L);
        assertThat(available("2027-10-16")).isEqualTo(300);
        assertThat(ledger.expire(t("2028-05-02")).expired()).containsEntry("MILES", 300L);
    }

    @Test
    void aLotThatWouldExpireLaterAnywayKeepsItsDateAndTheEndOfAYearAfterIsAnAnchoredDate() {
        PointCurrency miles = MILES;
        earn(100, "2026-01-10", "f1");
        earn(200, "2026-11-20", "f2");                           // own date: the end of 20 November 2027
        ledger.holdExpiry(ANN, miles, t("2026-02-01"));
        // "at the end of the quarter after the one the status ended in": ended 1 March 2027 -> 30 June 2027
        ledger.liftExpiryHold(ANN, miles, t("2027-03-01"), ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, 1));
        assertThat(store.openLots(ANN, "MILES")).extracting(Lot::expiresAt)
                .containsExactly(t("2027-07-01"), t("2027-11-21"));
        assertThat(ledger.expire(t("2027-07-01")).expired()).containsEntry("MILES", 100L);
        assertThat(ledger.expire(t("2027-11-21")).expired()).containsEntry("MILES", 200L);
    }

    @Test
    void whatHadExpiredBeforeTheHoldBeganStillExpiresAndIsNotRevivedByTheLift() {
        earn(100, "2026-01-10", "f1");                           // expired at the start of 11 January 2027
        ledger.holdExpiry(ANN, MILES, t("2027-02-01"));         // the status came after, the sweep had not run
        assertThat(available("2027-02-02")).isZero();
        assertThat(ledger.expire(t("2027-03-01")).expired()).containsEntry("MILES", 100L);
        ledger.liftExpiryHold(ANN, MILES, t("2027-04-01"), SIX_MONTHS_AFTER);
        assertThat(available("2027-04-02")).isZero();
        assertThat(ledger.expire(t("2027-12-01")).postings()).isZero();
    }

    @Test
    void regainingTheStatusBeforeTheNewDateHoldsAgainAndTheSecondLiftCountsFromItsEnd() {
        earn(100, "2026-01-10", "f1");
        ledger.holdExpiry(ANN, MILES, t("2026-03-01"));
        ledger.liftExpiryHold(ANN, MILES, t("2027-01-01"), SIX_MONTHS_AFTER);   // new date: the end of 1 July 2027
        assertThat(ledger.holdExpiry(ANN, MILES, t("2027-05-01"))).isTrue();
        assertThat(ledger.expire(t("2027-09-01")).postings()).isZero();
        ledger.liftExpiryHold(ANN, MILES, t("2028-02-01"), SIX_MONTHS_AFTER);
        assertThat(store.openLots(ANN, "MILES")).extracting(Lot::expiresAt).containsExactly(t("2028-08-02"));
        assertThat(ledger.expire(t("2028-08-02")).expired()).containsEntry("MILES", 100L);
    }

    @Test
    void aHoldThatWasMissedIsMadeUpForOnceByALiftThatKnowsWhenItBegan() {
        earn(100, "2026-01-10", "f1");                           // own date: the end of 10 January 2027
        earn(50, "2026-09-01", "f2");                            // own date: the end of 1 September 2027
        earn(20, "2027-05-01", "f3");                            // after the status ended
        // the status ran from 1 June 2026 to 1 April 2027 but the hold was never applied
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2027-04-01"), SIX_MONTHS_AFTER)).isFalse();
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2026-06-01"), t("2027-04-01"), SIX_MONTHS_AFTER)).isTrue();
        assertThat(store.openLots(ANN, "MILES")).extracting(Lot::expiresAt)
                .containsExactly(t("2027-10-02"), t("2027-10-02"), t("2028-05-02"));
        MemberBook once = store.book(ANN).orElseThrow();
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2026-06-01"), t("2027-04-01"), SIX_MONTHS_AFTER)).isFalse();
        assertThat(store.book(ANN)).contains(once);
        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, t("2027-04-01"), t("2027-03-01"), SIX_MONTHS_AFTER))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("expiry hold of member ann in MILES cannot end at 2027-03-01T00:00:00Z, before it began at"
                        + " 2027-04-01T00:00:00Z");
        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, null, t("2027-03-01"), SIX_MONTHS_AFTER))
                .isInstanceOf(NullPointerException.class).hasMessage("hold start must not be null");
        assertThat(store.book(ANN)).contains(once);
        // held again: the lift that knows its start takes the purse's own
        ledger.holdExpiry(ANN, MILES, t("2027-11-01"));
        assertThat(ledger.liftExpiryHold(ANN, MILES, t("2027-06-01"), t("2028-01-01"), SIX_MONTHS_AFTER)).isTrue();
        assertThat(store.openLots(ANN, "MILES")).extracting(Lot::expiresAt)
                .containsExactly(t("2027-10-02"), t("2027-10-02"), t("2028-07-02")); // expired before it began: kept
    }

    @Test
    void inactivityIsHeldTooAndItsClockStartsAgainWhenTheHoldEnds() {
        ledger.earn(ANN, LAPSING.points(50), t("2026-01-10"), IdempotencyKey.of("l1"), "flight");
        ledger.holdExpiry(ANN, LAPSING, t("2026-06-01"));
        assertThat(ledger.expire(t("2028-01-01")).postings()).isZero();
        ledger.liftExpiryHold(ANN, LAPSING, t("2028-01-01"), ExpiryPolicy.never());
        assertThat(ledger.expire(t("2028-12-31")).postings()).isZero();
        assertThat(ledger.expire(t("2029-01-02")).expired()).containsEntry("LAPSE", 50L);
    }

    @Test
    void aBalanceAsOfATimeWithinAnEndedHoldSeesThePointsItProtectedAndTheClockItRestarted() {
        ledger.earn(ANN, LAPSING.points(50), t("2026-01-10"), IdempotencyKey.of("l1"), "flight");
        ledger.holdExpiry(ANN, LAPSING, t("2026-06-01"));
        ledger.liftExpiryHold(ANN, LAPSING, t("2028-01-01"), ExpiryPolicy.never());
        // later activity, so that the purse's own clock no longer tells of the restart at the lift
        ledger.earn(ANN, LAPSING.points(7), t("2028-09-01"), IdempotencyKey.of("l2"), "flight");

        assertThat(store.liftedHolds(ANN, "LAPSE")).containsExactly(
                new LiftedHold("LAPSE", t("2026-06-01"), t("2028-01-01"), true));
        assertThat(store.liftedHolds(ANN, "MILES")).isEmpty();
        assertThat(lapsing("2026-05-31")).as("before the hold").isEqualTo(50);
        assertThat(lapsing("2027-06-01")).as("a year and a half without activity, but held").isEqualTo(50);
        assertThat(lapsing("2028-06-01")).as("the clock started again when the hold ended").isEqualTo(50);
        assertThat(lapsing("2029-06-01")).isEqualTo(57);
        assertThat(lapsing("2029-09-02")).as("a year after the last activity").isZero();
    }

    @Test
    void aPurseThatLapsedBeforeItsHoldStaysLapsedAsOfAnyTimeAfter() {
        ledger.earn(ANN, LAPSING.points(50), t("2026-01-10"), IdempotencyKey.of("l1"), "flight");
        ledger.holdExpiry(ANN, LAPSING, t("2027-03-01")); // after the lapse on 2027-01-10
        ledger.liftExpiryHold(ANN, LAPSING, t("2027-09-01"), ExpiryPolicy.never());
        ledger.earn(ANN, LAPSING.points(7), t("2027-12-01"), IdempotencyKey.of("l2"), "flight");

        assertThat(store.liftedHolds(ANN, "LAPSE")).containsExactly(
                new LiftedHold("LAPSE", t("2027-03-01"), t("2027-09-01"), false));
        assertThat(lapsing("2027-01-09")).isEqualTo(50);
        assertThat(lapsing("2027-06-01")).as("lapsed before the hold began").isZero();
        assertThat(lapsing("2027-10-01")).isZero();
    }

    @Test
    void milesAsOfEveryDayAcrossTwoEndedHoldsAreWhatTheBalanceSaidThatDay() {
        earn(100, "2026-02-01", "f1"); // expires 2027-02-01 unless held
        ledger.holdExpiry(ANN, MILES, t("2026-06-01"));
        ledger.liftExpiryHold(ANN, MILES, t("2027-06-01"), SIX_MONTHS_AFTER); // dated 2027-12-02
        earn(40, "2027-07-01", "f2"); // expires 2028-07-01
        ledger.holdExpiry(ANN, MILES, t("2027-11-01"));
        ledger.liftExpiryHold(ANN, MILES, t("2028-09-01"), SIX_MONTHS_AFTER); // both dated 2029-03-02

        assertThat(store.liftedHolds(ANN, "MILES")).extracting(LiftedHold::since)
                .containsExactly(t("2026-06-01"), t("2027-11-01"));
        assertThat(available("2027-03-01")).isEqualTo(100);
        assertThat(available("2027-12-15")).isEqualTo(140);
        assertThat(available("2029-03-01")).isEqualTo(140);
        assertThat(available("2029-03-03")).isZero();
    }

    private long lapsing(String day) {
        return ledger.balance(ANN, LAPSING, t(day)).available();
    }

    @Test
    void aMemberWithoutPointsYetCanBeHeldAndWhatTheyEarnDoesNotExpire() {
        assertThat(ledger.holdExpiry(ANN, MILES, t("2026-01-05"))).isTrue();
        earn(100, "2026-01-10", "f1");
        assertThat(ledger.expire(t("2028-01-01")).postings()).isZero();
        assertThat(available("2028-01-01")).isEqualTo(100);
    }

    @Test
    void heldPointsAreNotExpiringSoonAndAClosedAccountIsLeftAsItIs() {
        earn(100, "2026-01-10", "f1");
        Ledger later = Ledger.builder().zone(ZoneOffset.UTC).store(store).currency(MILES).currency(LAPSING)
                .idempotencyWindow(Duration.ofDays(3650))
                .clock(Clock.fixed(t("2027-01-01"), ZoneOffset.UTC)).build();
        assertThat(later.expiring(ANN, MILES, Period.ofDays(30))).hasSize(1);
        ledger.holdExpiry(ANN, MILES, t("2026-06-01"));
        assertThat(later.expiring(ANN, MILES, Period.ofDays(30))).isEmpty();
        assertThat(later.expiring(MILES, Period.ofDays(30))).isEmpty();

        MemberId bo = MemberId.of("bo");
        ledger.enrol(bo, t("2026-01-01"));
        ledger.close(bo, t("2026-02-01"), "left");
        MemberBook closed = store.book(bo).orElseThrow();
        assertThat(ledger.holdExpiry(bo, MILES, t("2026-03-01"))).isFalse();
        assertThat(ledger.liftExpiryHold(bo, MILES, t("2026-04-01"), SIX_MONTHS_AFTER)).isFalse();
        assertThat(ledger.expiryHeldSince(bo, MILES)).isEmpty();
        assertThat(store.book(bo)).contains(closed);
    }

    @Test
    void badInputIsRefusedWithTheLibrarysExceptionAndChangesNothing() {
        earn(100, "2026-01-10", "f1");
        ledger.holdExpiry(ANN, MILES, t("2026-06-01"));
        MemberBook before = store.book(ANN).orElseThrow();
        List<Lot> lots = store.openLots(ANN, "MILES");

        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, t("2026-05-31"), SIX_MONTHS_AFTER))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("expiry hold of member ann in MILES cannot end at 2026-05-31T00:00:00Z, before it began at"
                        + " 2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, t("2027-01-01"),
                ExpiryPolicy.afterTerm(Period.ofMonths(6)).withInactivity(Period.ofMonths(3))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must date lots, not count inactivity");
        assertThatThrownBy(() -> ledger.holdExpiry(MemberId.of("zed"), MILES, t("2026-06-01")))
                .isInstanceOf(UnknownMemberException.class);
        assertThatThrownBy(() -> ledger.holdExpiry(ANN, PointCurrency.of("GEMS", "Gems", 0), t("2026-06-01")))
                .isInstanceOf(UnknownCurrencyException.class);
        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, Instant.parse("+10000-01-01T00:00:00Z"),
                SIX_MONTHS_AFTER)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ledger.liftExpiryHold(ANN, MILES, t("2027-01-01"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("expiry after the hold must not be null");
        assertThat(store.book(ANN)).contains(before);
        assertThat(store.openLots(ANN, "MILES")).isEqualTo(lots);
        assertThat(store.liftedHolds(ANN, "MILES")).isEmpty();

        ledger.enrol(MemberId.of("bo"), t("2026-03-01"));
        assertThatThrownBy(() -> ledger.holdExpiry(MemberId.of("bo"), MILES, t("2026-02-01")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("expiry hold of member bo in MILES from 2026-02-01T00:00:00Z precedes the enrolment at"
                        + " 2026-03-01T00:00:00Z; a hold starts at or after enrolment");
        assertThat(store.book(MemberId.of("bo")).orElseThrow().purses()).isEmpty();
    }
}
