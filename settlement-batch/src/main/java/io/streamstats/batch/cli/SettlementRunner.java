package io.streamstats.batch.cli;

import io.streamstats.batch.job.Progress;
import io.streamstats.batch.job.StepFigures;
import io.streamstats.batch.repository.SettlementRepository;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jberet.runtime.AbstractStepExecution;
import org.jberet.runtime.PartitionExecutionImpl;

/**
 * Runs the settle-day job for dates in order and waits for each. A date whose last run did not complete (failed,
 * stopped, or killed while running) is restarted from where it stopped, not started afresh, unless an earlier day
 * was re-settled since ({@link SettlementRepository#carriesCurrentLifetimeCounts}).
 */
@ApplicationScoped
public class SettlementRunner {

    public static final String JOB = "settle-day";
    /** The job's first step (see CheckOrderBatchlet). */
    private static final String CHECK = "check";
    /** Job parameter: how the day's statistics are made; absent, from its watch history. */
    public static final String MODE = "mode";
    /**
     * A later day re-settled only because an earlier one changed: its own watch history did not, so its lifetime
     * counts are carried forward from the previous day's statistics and it is priced and rolled up again, without
     * reading its raw rows.
     */
    public static final String REPRICE = "reprice";
    /** Job parameter of a repriced day: when its rows were last read (an ISO-8601 instant, to the microsecond). */
    public static final String ROWS_READ_AT = "rowsReadAt";
    private static final List<BatchStatus> UNFINISHED = List.of(BatchStatus.FAILED, BatchStatus.STOPPED,
            BatchStatus.STARTED, BatchStatus.STARTING, BatchStatus.STOPPING);

    @Inject
    JobOperator operator;

    @Inject
    SettlementRepository repository;

    /** {@code reason}: for a run that did not complete, each failed step with its error's innermost message. */
    public record Outcome(LocalDate date, BatchStatus status, String exitStatus, double seconds,
                          List<StepFigures.Figure> steps, String reason) {
        public boolean completed() {
            return status == BatchStatus.COMPLETED;
        }
    }

    public Outcome settle(LocalDate date) throws InterruptedException {
        return settle(date, false);
    }

    /** Settles the date; {@code reprice}: from its statistics as they stand ({@link #REPRICE}). */
    public Outcome settle(LocalDate date, boolean reprice) throws InterruptedException {
        return settle(date, reprice, null);
    }

    /**
     * As {@link #settle(LocalDate, boolean)}; {@code rowsReadAt}, for a repriced day, when its rows were last read,
     * kept as its settled_at (the late-row sweep's order) since this run does not read them.
     */
    public Outcome settle(LocalDate date, boolean reprice, java.time.Instant rowsReadAt) throws InterruptedException {
        Progress.reset();
        long started = System.nanoTime();
        Long unfinished = unfinishedExecution(date);
        String staleBecause = null;
        if (unfinished != null && !repository.carriesCurrentLifetimeCounts(date)) {
            // a restart would skip the completed aggregate step and price the day from lifetime counts an earlier
            // day's re-settle has changed since
            staleBecause = "was made on earlier days' figures that were re-settled since";
        } else if (unfinished != null && !reprice
                && REPRICE.equals(operator.getParameters(unfinished).getProperty(MODE))) {
            // its aggregate step carried the day's statistics forward without reading the day's rows: a restart
            // would skip that step, and rows this settle must read (late rows) would stay out. (The other way
            // round cannot happen: only settled days are repriced, and a day with an unfinished run is unsettled.)
            staleBecause = "repriced it from its statistics; this settle reads its watch history";
        }
        if (staleBecause != null) {
            System.out.printf("The unfinished run %d of %s %s: settling %s afresh%n", unfinished, date, staleBecause,
                    date);
            try {
                operator.abandon(unfinished);
            } catch (JobExecutionIsRunningException e) {
                // still marked running (its process was killed): the new run's later id supersedes it
            }
            unfinished = null;
        }
        long executionId;
        if (unfinished != null) {
            System.out.printf("Restarting the unfinished run %d of %s%n", unfinished, date);
            Properties restart = new Properties();
            restart.setProperty("date", date.toString());
            // the run may look STARTED because its process was killed; only one batch runs at a time (a lock)
            restart.setProperty("jberet.restart.mode", "force");
            if (reprice) {
                restart.setProperty(MODE, REPRICE);
            }
            if (reprice && rowsReadAt != null) {
                restart.setProperty(ROWS_READ_AT, rowsReadAt.toString());
            }
            executionId = operator.restart(unfinished, restart);
        } else {
            Properties parameters = new Properties();
            parameters.setProperty("date", date.toString());
            if (reprice) {
                parameters.setProperty(MODE, REPRICE);
            }
            if (reprice && rowsReadAt != null) {
                parameters.setProperty(ROWS_READ_AT, rowsReadAt.toString());
            }
            executionId = operator.start(JOB, parameters);
        }
        JobExecution execution = operator.getJobExecution(executionId);
        while (!isDone(execution.getBatchStatus())) {
            Thread.sleep(50);
            execution = operator.getJobExecution(executionId);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String reason = execution.getBatchStatus() == BatchStatus.COMPLETED ? "" : failureReason(executionId);
        if (execution.getBatchStatus() == BatchStatus.FAILED && failedIn(executionId, CHECK)) {
            // the check refuses before anything is written: there is nothing to resume, and the next run of the
            // date (once the reason is fixed) starts afresh instead of restarting this one
            operator.abandon(executionId);
        }
        return new Outcome(date, execution.getBatchStatus(), execution.getExitStatus(), seconds,
                StepFigures.of(executionId), reason);
    }

    /** From the job repository: each failed step, with the innermost message of its (or a partition's) error. */
    private String failureReason(long executionId) {
        List<String> reasons = new ArrayList<>();
        for (StepExecution step : operator.getStepExecutions(executionId)) {
            if (step.getBatchStatus() != BatchStatus.FAILED) {
                continue;
            }
            String why = null;
            if (step instanceof AbstractStepExecution recorded) {
                why = innermostMessage(recorded.getException());
                List<PartitionExecutionImpl> partitions = recorded.getPartitionExecutions();
                for (int i = 0; why == null && partitions != null && i < partitions.size(); i++) {
                    why = innermostMessage(partitions.get(i).getException());
                }
            }
            reasons.add(step.getStepName() + (why == null ? "" : ": " + why));
        }
        return String.join("; ", reasons);
    }

    /** Whether the named step of the run failed ({@code check} writes nothing unless it passes). */
    private boolean failedIn(long executionId, String stepName) {
        return operator.getStepExecutions(executionId).stream().anyMatch(
                step -> stepName.equals(step.getStepName()) && step.getBatchStatus() == BatchStatus.FAILED);
    }

    private static String innermostMessage(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean isDone(BatchStatus status) {
        return status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                || status == BatchStatus.ABANDONED;
    }

    /** The latest execution of this date's job if it did not complete, else null. */
    private Long unfinishedExecution(LocalDate date) {
        List<JobInstance> instances;
        try {
            int count = operator.getJobInstanceCount(JOB);
            instances = operator.getJobInstances(JOB, 0, Math.max(count, 1));
        } catch (NoSuchJobException e) {
            return null;
        }
        JobExecution latest = null;
        for (JobInstance instance : instances) {
            for (JobExecution execution : operator.getJobExecutions(instance)) {
                Properties p = execution.getJobParameters();
                if (p != null && date.toString().equals(p.getProperty("date"))
                        && (latest == null || execution.getExecutionId() > latest.getExecutionId())) {
                    latest = execution;
                }
            }
        }
        return latest != null && UNFINISHED.contains(latest.getBatchStatus()) ? latest.getExecutionId() : null;
    }

    /**
     * Whether a date of a run requested up to {@code lastRequested} is repriced ({@link #REPRICE}): the later settled
     * dates a re-settle cascades to, whose own history was not asked to be read again.
     */
    public static boolean repriced(LocalDate date, LocalDate lastRequested) {
        return date.isAfter(lastRequested);
    }

    /** Dates to settle for a request: re-settling a date also re-settles every later settled date, in order. */
    public List<LocalDate> datesFor(LocalDate from, LocalDate to) {
        LocalDate last = repository.lastSettled();
        LocalDate end = last != null && last.isAfter(to) && !from.isAfter(last) ? last : to;
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
            dates.add(d);
        }
        return dates;
    }
}
