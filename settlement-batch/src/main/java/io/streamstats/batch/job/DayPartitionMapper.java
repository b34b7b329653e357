package io.streamstats.batch.job;

import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.PartitionPlanner;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/**
 * The partition plan of a step: video-id ranges of about equal rows of the day, one thread each.
 *
 * <p>A restart re-plans and runs every partition of the unfinished step ({@code partitionsOverride}). Without it,
 * JBeret would rerun only the unfinished partition numbers but hand them the new plan's ranges: after the day's
 * rows or SETTLEMENT_PARTITIONS changed, the ranges no longer match the completed ones and videos between them are
 * never settled. Each partition's work is idempotent per video, so redoing the completed ranges is safe; it costs
 * at most the completed part of one step.
 */
@Named
public class DayPartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    String date;

    @Inject
    PartitionPlanner planner;

    @Inject
    BatchConfig config;

    @Override
    public PartitionPlan mapPartitions() {
        List<PartitionPlanner.Range> ranges = planner.plan(LocalDate.parse(date), config.partitionCount());
        Properties[] properties = new Properties[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            Properties p = new Properties();
            p.setProperty("lo", Long.toString(ranges.get(i).lo()));
            p.setProperty("hi", Long.toString(ranges.get(i).hi()));
            p.setProperty("partition", Integer.toString(i + 1));
            p.setProperty("partitions", Integer.toString(ranges.size()));
            properties[i] = p;
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(ranges.size());
        plan.setThreads(ranges.size());
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(true);
        return plan;
    }
}
