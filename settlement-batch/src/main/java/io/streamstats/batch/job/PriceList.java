package io.streamstats.batch.job;

import io.streamstats.batch.domain.PriceSchedule;
import io.streamstats.batch.domain.PriceSchedules;
import io.streamstats.batch.domain.TierPricing;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * The price schedules the job settles with: {@link TierPricing#SCHEDULES}. A bean so that the job's tests can
 * settle across a price change the real table does not have.
 */
@ApplicationScoped
public class PriceList {

    public PriceSchedules schedules() {
        return TierPricing.SCHEDULES;
    }

    /** The schedule in force on the settled day (never "today": a past day keeps its own prices). */
    public PriceSchedule inForce(LocalDate day) {
        return schedules().inForce(day);
    }
}
