package io.streamstats.batch.job;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Properties;

/** One partition of a partitioned step: the work on one video-id range of the date, with progress output. */
abstract class RangeBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String date;

    @Inject
    @BatchProperty
    String lo;

    @Inject
    @BatchProperty
    String hi;

    @Inject
    @BatchProperty
    String partition;

    @Inject
    @BatchProperty
    String partitions;

    @Inject
    StepContext step;

    @Inject
    jakarta.batch.runtime.context.JobContext job;

    /** A parameter of this job execution (a restart's own parameters), or null. */
    String jobParameter(String name) {
        Properties parameters = BatchRuntime.getJobOperator()
                .getParameters(job.getExecutionId());
        return parameters == null ? null : parameters.getProperty(name);
    }

    /** Does the work; returns how many rows it handled (history rows or videos, as {@link #unit()} says). */
    abstract long work(LocalDate date, long lo, long hi);

    abstract String unit();

    @Override
    public String process() {
        long started = System.nanoTime();
        long rows = work(LocalDate.parse(date), Long.parseLong(lo), Long.parseLong(hi));
        double seconds = (System.nanoTime() - started) / 1e9;
        StepFigures.addRows(job.getExecutionId(), step.getStepName(), rows, unit());
        Progress.partitionDone(step.getStepName(), Integer.parseInt(partition), Integer.parseInt(partitions), rows,
                unit(), seconds);
        return BatchStatus.COMPLETED.name();
    }
}
