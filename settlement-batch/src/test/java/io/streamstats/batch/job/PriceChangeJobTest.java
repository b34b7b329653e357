package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.domain.PriceSchedule;
import io.streamstats.batch.domain.PriceSchedules;
import io.streamstats.batch.domain.TierPricing;
import io.streamstats.batch.domain.TierPricing.Tier;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real job across a price change: each day is priced by the schedule in force on it, tiers still counted over
 * the video's lifetime, and a settled day never changes because prices changed after it.
 */
@QuarkusTest
class PriceChangeJobTest {

    static final LocalDate D1 = LocalDate.parse("2026-09-07");
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final PriceSchedule CONTRACT = TierPricing.SCHEDULES.schedules().getFirst();

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    History history;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        history.clear();
    }

    /** The contract's prices, then dearer ones (video 2.0 / 2.2 / 2.6 / 3.0, ad 12.5 / 14 / 18 / 24) from the given day. */
    static PriceSchedules dearerFrom(LocalDate day) {
        return PriceSchedules.of(CONTRACT, new PriceSchedule(day, tiers(20, 22, 26, 30), tiers(125, 140, 180, 240)));
    }

    static List<Tier> tiers(long a, long b, long c, long d) {
        return List.of(new Tier(1, 99_999, a), new Tier(100_000, 499_999, b), new Tier(500_000, 999_999, c),
                new Tier(1_000_000, Long.MAX_VALUE, d));
    }

    void settleWith(PriceSchedules table) {
        QuarkusMock.installMockForType(new PriceList() {
            @Override
            public PriceSchedules schedules() {
                return table;
            }
        }, PriceList.class);
    }

    int settle(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "settle";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.run(full);
    }

    List<List<String>> amounts() {
        return history.rows("SELECT stat_date, video_amount, ad_amount FROM video_daily_settlement ORDER BY stat_date");
    }

    @Test
    void eachDayIsPricedByTheScheduleInForceOnItAndReSettlingTheOldDayKeepsItsPrices() throws Exception {
        history.video(1, 7);
        history.watch(D1, 1, 100, 99_990, 3, 10);
        history.watch(D2, 1, 100, 20, 2, 10);
        history.watch(D3, 1, 100, 5, 1, 10);
        settleWith(dearerFrom(D2));
        assertEquals(0, settle("--from", D1.toString(), "--to", D3.toString()));
        assertEquals(List.of(
                        // views 1 .. 99,990 at 1.0; 3 ad views at 10
                        List.of(D1.toString(), "99990", "30"),
                        // views 99,991 .. 100,010 at the new prices, tiers counted over the lifetime:
                        // 9 x 2.0 + 11 x 2.2 = 42.2; ad views 4 .. 5 at 12.5 = 25 (old prices: 21 and 20)
                        List.of(D2.toString(), "42", "25"),
                        // views 100,011 .. 100,015: 5 x 2.2 = 11; ad view 6: 12.5 -> 12
                        List.of(D3.toString(), "11", "12")),
                amounts());
        assertEquals(List.of(List.of(D1.toString(), "2000-01-01"), List.of(D2.toString(), D2.toString()),
                        List.of(D3.toString(), D2.toString())),
                history.rows("SELECT stat_date, prices_from FROM settled_prices ORDER BY stat_date"));
        // the week (from Monday D1) adds up the days as each was priced
        assertEquals(List.of(List.of("100015", "100043", "67")), history.rows("SELECT views, video_amount, ad_amount"
                + " FROM video_period_stats WHERE period = 'W' AND period_start = '" + D1 + "'"));

        // re-settling the first day after the change exists: nothing changes, D1 keeps the prices of D1
        List<List<String>> settled = history.snapshot();
        assertEquals(0, settle("--date", D1.toString()));
        assertEquals(settled, history.snapshot());

        // late history for D1: D1 is re-priced with its own (old) prices, the later days with the new ones
        history.watch(D1, 1, 101, 10, 0, 0);
        assertEquals(0, settle("--date", D1.toString()));
        assertEquals(List.of(
                        // views 1 .. 100,000: 99,999 x 1.0 + 1 x 1.1 = 100,000.1 (new prices would give 200,000.2)
                        List.of(D1.toString(), "100000", "30"),
                        // views 100,001 .. 100,020: 20 x 2.2 = 44
                        List.of(D2.toString(), "44", "25"),
                        // views 100,021 .. 100,025: 5 x 2.2 = 11
                        List.of(D3.toString(), "11", "12")),
                amounts());

        // the same as settling the corrected history from scratch
        List<List<String>> resettled = history.snapshot();
        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices");
        assertEquals(0, settle("--from", D1.toString(), "--to", D3.toString()));
        assertEquals(resettled, history.snapshot());
    }

    @Test
    void aPriceChangeEnteredForSettledDaysIsRefusedAndChangesNothing() throws Exception {
        history.video(2, 7);
        history.watch(D1, 2, 100, 1_000, 4, 10);
        history.watch(D2, 2, 100, 500, 0, 0);
        assertEquals(0, settle("--from", D1.toString(), "--to", D2.toString()));
        List<List<String>> settled = history.snapshot();

        // a change dated back to D2, which was settled with the contract's prices
        settleWith(dearerFrom(D2));
        String err = stderrOf(() -> assertNotEquals(0, settle("--date", D2.toString())));
        assertTrue(err.contains("cannot re-settle " + D2 + ": it was settled with the prices in force from 2000-01-01,"
                + " but the price schedules now give it the prices from " + D2), err);
        assertEquals(settled, history.snapshot());

        // re-settling D1 (late history) would re-settle D2 too: refused before anything is written, so no later
        // day is left priced from counts that no longer hold
        history.watch(D1, 2, 101, 7, 0, 0);
        err = stderrOf(() -> assertNotEquals(0, settle("--date", D1.toString())));
        assertTrue(err.contains("cannot re-settle " + D1 + ": the later settled day " + D2 + ", which would be"
                + " re-settled with it, was settled with the prices in force from 2000-01-01"), err);
        assertEquals(settled, history.snapshot());
        assertEquals(List.of(List.of(D1.toString(), "1000", "40"), List.of(D2.toString(), "500", "0")), amounts());

        // the same change from the first unsettled day is accepted; D1's late views now settle at D1's prices
        settleWith(dearerFrom(D3));
        history.watch(D3, 2, 100, 10, 0, 0);
        assertEquals(0, settle("--from", D1.toString(), "--to", D3.toString()));
        // D1: 1,007 views at 1.0; D2: views 1,008 .. 1,507 at 1.0; D3: views 1,508 .. 1,517 at 2.0
        assertEquals(List.of(List.of(D1.toString(), "1007", "40"), List.of(D2.toString(), "500", "0"),
                List.of(D3.toString(), "20", "0")), amounts());
    }

    @Test
    void aDayBeforeTheFirstScheduleIsNotSettled() throws Exception {
        LocalDate before = TierPricing.FIRST_PRICED_DAY.minusDays(1);
        String err = stderrOf(() -> assertNotEquals(0, settle("--date", before.toString())));
        assertTrue(err.contains("no prices are in force on " + before), err);
        assertEquals(0, history.number("SELECT COUNT(*) FROM settled_dates"));
    }

    interface Run {
        void run() throws Exception;
    }

    static String stderrOf(Run run) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
