package io.github.loyaltyrules.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.contract.ScriptedYear;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports render as aligned text and as RFC 4180 CSV, amounts in the currency's decimal places. */
class ReportTableTest {

    private final Ledger year = ScriptedYear.play(LedgerStore.inMemory());

    private List<ActivityReport> months(int first, int last) {
        return year.activityByMonth(ScriptedYear.PTS, YearMonth.of(2026, first), YearMonth.of(2026, last));
    }

    private List<LiabilityReport> liabilities() {
        return List.of(year.liability(ScriptedYear.PTS), year.liability(ScriptedYear.CASH));
    }

    @Test
    void anActivityTableHasOneRowPerPeriodInCsv() {
        assertThat(ReportTable.activity(months(1, 3), ScriptedYear.ZONE).csv()).isEqualTo(""
                + "currency,from,to,opening,earned,redeemed,expired,adjusted credit,adjusted debit,reversal credit,"
                + "reversal debit,transferred in,transferred out,debt settled,closing,breakage,redemption,enrolled,"
                + "active,holding\r\n"
                + "PTS,2026-01-01,2026-02-01,0,800,0,0,0,0,0,0,0,0,0,800,0.00%,0.00%,4,2,2\r\n"
                + "PTS,2026-02-01,2026-03-01,800,1000,200,0,50,0,0,0,0,0,0,1650,0.00%,20.00%,4,2,3\r\n"
                + "PTS,2026-03-01,2026-04-01,1650,400,100,0,0,0,0,400,0,0,0,1550,0.00%,25.00%,4,2,3\r\n");
    }

    @Test
    void everyRowOfAnActivityTableAddsUpFromOpeningToClosing() {
        ReportTable table = ReportTable.activity(months(1, 12), ScriptedYear.ZONE);
        List<String> cols = table.columns();
        for (List<String> row : table.rows()) {
            long sum = 0;
            for (String credit : List.of("opening", "earned", "adjusted credit", "reversal credit", "transferred in")) {
                sum += Long.parseLong(row.get(cols.indexOf(credit)));
            }
            for (String debit : List.of("redeemed", "expired", "adjusted debit", "reversal debit", "transferred out",
                    "debt settled")) {
                sum -= Long.parseLong(row.get(cols.indexOf(debit)));
            }
            assertThat(sum).as(row.get(1)).isEqualTo(Long.parseLong(row.get(cols.indexOf("closing"))));
        }
    }

    @Test
    void textAlignsNumbersRightAndTextLeftInTheCurrencysDecimals() {
        assertThat(ReportTable.liability(liabilities()).text()).isEqualTo(""
                + "currency  as of       outstanding  pending  overdue  never expires  expiry held  holders  debt\n"
                + "--------  ----------  -----------  -------  -------  -------------  -----------  -------  ----\n"
                + "PTS       2027-01-01          970       70       60              0            0        4     0\n"
                + "CASH      2027-01-01         7.25     0.00     0.00           7.25         0.00        1  0.00\n");
        assertThat(ReportTable.expiryMonths(liabilities()).text()).isEqualTo(""
                + "currency  expires  points\n"
                + "--------  -------  ------\n"
                + "PTS       overdue      60\n"
                + "PTS       2027-03     600\n"
                + "PTS       2027-04      80\n"
                + "PTS       2027-05     120\n"
                + "PTS       2027-06     110\n"
                + "PTS       held          0\n"
                + "PTS       never         0\n"
                + "CASH      overdue    0.00\n"
                + "CASH      held       0.00\n"
                + "CASH      never      7.25\n");
    }

    @Test
    void aTransposedTableReadsOnePeriodDownTheLines() {
        ReportTable one = ReportTable.activity(months(3, 3), ScriptedYear.ZONE).transposed();
        assertThat(one.columns()).containsExactly("currency", "PTS");
        assertThat(one.rows()).hasSize(19).startsWith(List.of("from", "2026-03-01"), List.of("to", "2026-04-01"));
        assertThat(one.text()).startsWith(""
                + "currency                PTS\n"
                + "---------------  ----------\n"
                + "from             2026-03-01\n"
                + "to               2026-04-01\n"
                + "opening                1650\n");
        assertThat(one.transposed()).isEqualTo(ReportTable.activity(months(3, 3), ScriptedYear.ZONE));
    }

    @Test
    void csvQuotesCellsWithCommasQuotesAndLineBreaksByRfc4180() {
        ReportTable t = ReportTable.of(List.of("store", "note"), List.of(List.of("Leeds, Briggate", "say \"hi\""),
                List.of("York", "two\r\nlines"), List.of("", "plain")));
        assertThat(t.csv()).isEqualTo("store,note\r\n\"Leeds, Briggate\",\"say \"\"hi\"\"\"\r\nYork,\"two\r\nlines\"\r\n"
                + ",plain\r\n");
        assertThat(t.text()).isEqualTo(""
                + "store            note\n"
                + "---------------  ----------\n"
                + "Leeds, Briggate  say \"hi\"\n"
                + "York             two  lines\n"
                + "                 plain\n");
    }

    @Test
    void periodsNotStartingAtMidnightShowTheirTime() {
        ActivityReport r = year.activity(ScriptedYear.PTS, ScriptedYear.at(2, 15), ScriptedYear.at(2, 16));
        assertThat(ReportTable.activity(List.of(r), ScriptedYear.ZONE).rows().get(0).subList(0, 5))
                .containsExactly("PTS", "2026-02-15 12:00", "2026-02-16 12:00", "600", "1000"); // 800 less 200 redeemed
        assertThat(r.breakageRate().value()).contains(BigDecimal.ZERO.setScale(Ratio.SCALE));
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> ReportTable.of(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("every row of the table needs 2 cells; got 1");
        assertThatThrownBy(() -> ReportTable.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportTable.activity(List.of(), null)).isInstanceOf(NullPointerException.class);
    }
}
