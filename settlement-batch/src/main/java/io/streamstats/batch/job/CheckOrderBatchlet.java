package io.streamstats.batch.job;

import io.streamstats.batch.repository.SettlementRepository;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/**
 * Days are settled in date order: a day is priced from the lifetime counts at the end of the previous day, so that
 * day must be settled first (or be the very first day with any watch history).
 */
@Named
public class CheckOrderBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String date;

    @Inject
    SettlementRepository repository;

    @Inject
    JobContext job;

    @Override
    public String process() {
        LocalDate day = LocalDate.parse(date);
        LocalDate previous = repository.lastSettledBefore(day);
        String problem = null;
        if (previous == null) {
            LocalDate first = repository.firstHistoryDate();
            if (first != null && first.isBefore(day)) {
                problem = "cannot settle " + day + ": watch history starts on " + first
                        + " and no earlier day is settled; settle from " + first + " (--from " + first + " --to " + day + ")";
            }
        } else if (!previous.equals(day.minusDays(1))) {
            problem = "cannot settle " + day + ": the previous day " + day.minusDays(1) + " is not settled (last settled: "
                    + previous + "); run --from " + previous.plusDays(1) + " --to " + day;
        }
        if (problem != null) {
            job.setExitStatus(problem);
            throw new IllegalStateException(problem);
        }
        return "ORDER_OK";
    }
}
