package io.streamstats.batch.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The prices of views and ad views (DESIGN §2), in one place: every tier schedule the platform has had, each with
 * the day from which it applies. The unit price of the n-th view (or ad view) of a video depends on n, counted over
 * the video's lifetime; a day is priced marginally from the count at the end of the previous day, with the
 * schedule in force on that day ({@link PriceSchedules#inForce}). Prices are multiples of 0.1 won (integer tenths).
 *
 * <p>A price change is one more entry in {@link #SCHEDULES}, effective from a day that is not settled yet. The
 * batch records which schedule priced each settled day and refuses to re-settle a day with a different one, so an
 * entry that reaches back into settled days fails the run instead of silently re-pricing the past.
 */
public final class TierPricing {

    /** One tier: the n-th views from {@code first} to {@code last} (inclusive) cost {@code tenths} / 10 won each. */
    public record Tier(long first, long last, long tenths) {
    }

    public enum Kind {
        VIDEO, AD
    }

    /**
     * The contract's prices apply from the platform's first possible day (the API takes no date before 2000-01-01);
     * an earlier day has no price and is refused.
     */
    public static final LocalDate FIRST_PRICED_DAY = LocalDate.of(2000, 1, 1);

    /** Every schedule, oldest first. Edit here (and in TierPricingTest) to change prices. */
    public static final PriceSchedules SCHEDULES = PriceSchedules.of(
            new PriceSchedule(FIRST_PRICED_DAY,
                    List.of(new Tier(1, 99_999, 10), new Tier(100_000, 499_999, 11), new Tier(500_000, 999_999, 13),
                            new Tier(1_000_000, Long.MAX_VALUE, 15)),
                    List.of(new Tier(1, 99_999, 100), new Tier(100_000, 499_999, 120), new Tier(500_000, 999_999, 150),
                            new Tier(1_000_000, Long.MAX_VALUE, 200))));

    private TierPricing() {
    }

    /** The schedule that prices the given day. */
    public static PriceSchedule inForce(LocalDate day) {
        return SCHEDULES.inForce(day);
    }
}
