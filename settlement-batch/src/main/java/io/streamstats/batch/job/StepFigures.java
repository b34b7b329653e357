package io.streamstats.batch.job;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time and rows of each step of a job execution, measured in this process (the job repository stores
 * times in whole seconds only). Read by the command line for its summary and by the benchmark.
 */
@Named
public class StepFigures extends AbstractStepListener {

    public record Figure(String step, double seconds, long rows, String unit) {
    }

    private static final Map<Long, Map<String, long[]>> STARTED = new ConcurrentHashMap<>();
    private static final Map<Long, List<Figure>> FIGURES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> ROWS = new ConcurrentHashMap<>();
    private static final Map<String, String> UNITS = new ConcurrentHashMap<>();

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Override
    public void beforeStep() {
        STARTED.computeIfAbsent(job.getExecutionId(), k -> new ConcurrentHashMap<>())
                .put(step.getStepName(), new long[] {System.nanoTime()});
        ROWS.put(key(job.getExecutionId(), step.getStepName()), new AtomicLong());
    }

    @Override
    public void afterStep() {
        long[] started = STARTED.getOrDefault(job.getExecutionId(), Map.of()).get(step.getStepName());
        if (started == null) {
            return;
        }
        String key = key(job.getExecutionId(), step.getStepName());
        AtomicLong rows = ROWS.getOrDefault(key, new AtomicLong());
        FIGURES.computeIfAbsent(job.getExecutionId(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Figure(step.getStepName(), (System.nanoTime() - started[0]) / 1e9, rows.get(),
                        UNITS.getOrDefault(key, "")));
    }

    /** Called by each partition with what it handled. */
    static void addRows(long executionId, String stepName, long rows, String unit) {
        String key = key(executionId, stepName);
        ROWS.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(rows);
        UNITS.put(key, unit);
    }

    public static List<Figure> of(long executionId) {
        return List.copyOf(FIGURES.getOrDefault(executionId, List.of()));
    }

    private static String key(long executionId, String stepName) {
        return executionId + "/" + stepName;
    }
}
