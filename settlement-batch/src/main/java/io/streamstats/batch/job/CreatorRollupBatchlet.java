package io.streamstats.batch.job;

import io.streamstats.batch.repository.CreatorRollupRepository;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/**
 * Step after the rollup: the day's per-creator sums ({@code creator_daily_stats}), one idempotent statement for the
 * whole date, so a restarted or re-settled day leaves the creator rows equal to the sums of their videos' rows.
 */
@Named
public class CreatorRollupBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String date;

    @Inject
    CreatorRollupRepository repository;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Override
    public String process() {
        long creators = repository.rollup(LocalDate.parse(date));
        StepFigures.addRows(job.getExecutionId(), step.getStepName(), creators, "creators");
        return BatchStatus.COMPLETED.name();
    }
}
