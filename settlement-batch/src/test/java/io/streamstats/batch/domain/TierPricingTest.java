package io.streamstats.batch.domain;

import static io.streamstats.batch.domain.TierPricing.Kind.AD;
import static io.streamstats.batch.domain.TierPricing.Kind.VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierPricingTest {

    /** The contract's prices (DESIGN §2), in force on the days the worked examples are settled. */
    private static final PriceSchedule CONTRACT = TierPricing.inForce(LocalDate.of(2026, 3, 10));

    @Test
    void workedExampleDayOne() {
        // 99,999 x 1 + 400,000 x 1.1 + 50,001 x 1.3 = 605,000.3
        assertEquals(6_050_003, CONTRACT.tenths(VIDEO, 0, 550_000));
        assertEquals(605_000, CONTRACT.won(VIDEO, 0, 550_000));
    }

    @Test
    void workedExampleDayTwo() {
        // 449,999 x 1.3 + 150,001 x 1.5 = 584,998.7 + 225,001.5 = 810,000.2 (DESIGN §2 prints 809,000.2 for the
        // same formula; the formula is what is priced)
        assertEquals(8_100_002, CONTRACT.tenths(VIDEO, 550_000, 600_000));
        assertEquals(810_000, CONTRACT.won(VIDEO, 550_000, 600_000));
    }

    /** The price of the single n-th view, at every tier boundary. */
    @ParameterizedTest(name = "view #{0}: video {1} tenths, ad {2} tenths")
    @CsvSource({
        "1, 10, 100",
        "99999, 10, 100",
        "100000, 11, 120",
        "499999, 11, 120",
        "500000, 13, 150",
        "999999, 13, 150",
        "1000000, 15, 200",
        "5000000000, 15, 200",
    })
    void unitPriceOfTheNthView(long n, long videoTenths, long adTenths) {
        assertEquals(videoTenths, CONTRACT.tenths(VIDEO, n - 1, 1));
        assertEquals(adTenths, CONTRACT.tenths(AD, n - 1, 1));
    }

    @Test
    void aDayCrossingTwoTiers() {
        // views 99,990 .. 500,009: 10 at 1.0, 400,000 at 1.1, 10 at 1.3 = 10 + 440,000 + 13 = 440,023
        assertEquals(4_400_230, CONTRACT.tenths(VIDEO, 99_989, 400_020));
        assertEquals(440_023, CONTRACT.won(VIDEO, 99_989, 400_020));
        // ad views 99,999 .. 100,001: 1 at 10, 2 at 12 = 34
        assertEquals(34, CONTRACT.won(AD, 99_998, 3));
    }

    @Test
    void truncatesPerAmountNotPerView() {
        // 3 views at 1.1 = 3.3 won -> 3
        assertEquals(33, CONTRACT.tenths(VIDEO, 100_000, 3));
        assertEquals(3, CONTRACT.won(VIDEO, 100_000, 3));
        assertEquals(0, CONTRACT.won(VIDEO, 0, 0));
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CONTRACT.tenths(VIDEO, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> CONTRACT.tenths(VIDEO, 0, -1));
    }
}
