package io.streamstats.batch.domain;

import static io.streamstats.batch.domain.TierPricing.Kind.AD;
import static io.streamstats.batch.domain.TierPricing.Kind.VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.batch.domain.TierPricing.Tier;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which schedule prices a day: the latest that applies on or before it. */
class PriceSchedulesTest {

    static final LocalDate CHANGE = LocalDate.of(2026, 9, 8);
    static final PriceSchedule CONTRACT = TierPricing.SCHEDULES.schedules().getFirst();
    /** Dearer prices from {@link #CHANGE}, on the contract's tier bounds. */
    static final PriceSchedule DEARER = new PriceSchedule(CHANGE, tiers(20, 22, 26, 30), tiers(125, 140, 180, 240));
    static final PriceSchedules TABLE = PriceSchedules.of(CONTRACT, DEARER);

    static List<Tier> tiers(long a, long b, long c, long d) {
        return List.of(new Tier(1, 99_999, a), new Tier(100_000, 499_999, b), new Tier(500_000, 999_999, c),
                new Tier(1_000_000, Long.MAX_VALUE, d));
    }

    @Test
    void theDayBeforeAChangeKeepsTheOldPricesAndTheDayOfTheChangeHasTheNew() {
        assertSame(CONTRACT, TABLE.inForce(CHANGE.minusDays(1)));
        assertSame(DEARER, TABLE.inForce(CHANGE));
        assertSame(DEARER, TABLE.inForce(CHANGE.plusDays(1)));
    }

    @Test
    void theLatestScheduleHoldsForever() {
        assertSame(DEARER, TABLE.inForce(LocalDate.of(9999, 12, 31)));
        assertSame(DEARER, TABLE.inForce(LocalDate.MAX));
    }

    @Test
    void aDayBeforeTheFirstScheduleHasNoPrice() {
        assertSame(CONTRACT, TABLE.inForce(TierPricing.FIRST_PRICED_DAY));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TABLE.inForce(TierPricing.FIRST_PRICED_DAY.minusDays(1)));
        assertTrue(refused.getMessage().contains("no prices are in force on 1999-12-31"), refused.getMessage());
    }

    @Test
    void theRealTableStartsOnTheFirstPricedDayWithTheContractsPrices() {
        assertEquals(TierPricing.FIRST_PRICED_DAY, CONTRACT.effectiveFrom());
        assertEquals(10, CONTRACT.tenths(VIDEO, 0, 1));
        assertEquals(200, CONTRACT.tenths(AD, 1_000_000, 1));
    }

    @Test
    void tiersAreCountedOverTheLifetimeWhateverScheduleCountedTheEarlierViews() {
        // views 99,991 .. 100,010 at the new prices: 9 x 2.0 + 11 x 2.2 = 42.2
        assertEquals(422, DEARER.tenths(VIDEO, 99_990, 20));
        // ad views 1 .. 2 at 12.5 won: 25
        assertEquals(25, DEARER.won(AD, 0, 2));
    }

    @Test
    void schedulesOutOfOrderOrOnTheSameDayAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PriceSchedules.of(DEARER, CONTRACT));
        assertThrows(IllegalArgumentException.class, () -> PriceSchedules.of(DEARER,
                new PriceSchedule(CHANGE, CONTRACT.video(), CONTRACT.ad())));
        assertThrows(IllegalArgumentException.class, () -> new PriceSchedules(List.of()));
    }

    @Test
    void tiersWithAGapAnOverlapOrAnEndAreRefused() {
        List<Tier> ad = CONTRACT.ad();
        assertThrows(IllegalArgumentException.class, () -> new PriceSchedule(CHANGE,
                List.of(new Tier(1, 99_999, 10), new Tier(100_001, Long.MAX_VALUE, 11)), ad));
        assertThrows(IllegalArgumentException.class, () -> new PriceSchedule(CHANGE,
                List.of(new Tier(1, 99_999, 10), new Tier(99_999, Long.MAX_VALUE, 11)), ad));
        assertThrows(IllegalArgumentException.class, () -> new PriceSchedule(CHANGE,
                List.of(new Tier(1, 99_999, 10)), ad));
        assertThrows(IllegalArgumentException.class, () -> new PriceSchedule(CHANGE,
                List.of(new Tier(2, Long.MAX_VALUE, 10)), ad));
    }
}
