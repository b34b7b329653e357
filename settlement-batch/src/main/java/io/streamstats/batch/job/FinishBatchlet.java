package io.streamstats.batch.job;

import io.streamstats.batch.repository.SettlementRepository;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Step 4: the platform-wide Top of every period containing the day ({@code Ranking}); the date recorded as settled. */
@Named
public class FinishBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String date;

    /** For a repriced day: when its rows were last read (an ISO-8601 instant); empty when this run read them. */
    @Inject
    @BatchProperty
    String rowsReadAt;

    @Inject
    SettlementRepository repository;

    @Inject
    JobContext job;

    @Override
    public String process() {
        LocalDate day = LocalDate.parse(date);
        repository.rankTop(day);
        java.util.Date started = jakarta.batch.runtime.BatchRuntime.getJobOperator()
                .getJobExecution(job.getExecutionId()).getStartTime();
        long millis = started == null ? 0 : System.currentTimeMillis() - started.getTime();
        repository.markSettled(day, millis, rowsReadAt == null || rowsReadAt.isBlank() ? java.time.Instant.now()
                : java.time.Instant.parse(rowsReadAt));
        return "SETTLED";
    }
}
