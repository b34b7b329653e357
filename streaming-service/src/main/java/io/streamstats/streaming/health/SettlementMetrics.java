package io.streamstats.streaming.health;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.streamstats.streaming.repository.LateRowReads;
import io.streamstats.streaming.repository.ReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The settlement batch is a short-lived Job that Prometheus may never scrape, so its figures reach Prometheus
 * from here: every 30 s the latest row of {@code settled_dates} (written by the batch) is read from the replica
 * and exported as gauges — last settled date, when it was settled, how long it took, rows and rows/s — and the
 * totals of {@code settlement_late_rows}: late rows found in settled days, days re-settled for them, days pending;
 * and the last day {@code watch_history} has a partition for, which the batch's partitions CronJob moves ahead.
 */
@ApplicationScoped
public class SettlementMetrics {

    private static final Logger LOG = Logger.getLogger(SettlementMetrics.class);

    @Inject
    ReadRepository reads;

    @Inject
    LateRowReads lateRowReads;

    @Inject
    MeterRegistry registry;

    private volatile double lastSettledDate = Double.NaN;
    private volatile double lastSuccess = Double.NaN;
    private volatile double duration = Double.NaN;
    private volatile double rows = Double.NaN;
    private volatile double videos = Double.NaN;
    private volatile double lateRows = Double.NaN;
    private volatile double lateDaysResettled = Double.NaN;
    private volatile double lateDaysPending = Double.NaN;
    private volatile double partitionedUntil = Double.NaN;

    void register(@Observes StartupEvent event) {
        Gauge.builder("settlement.last.settled.date", this, m -> m.lastSettledDate).baseUnit("seconds")
                .description("Start of the latest settled date (UTC epoch seconds)").register(registry);
        Gauge.builder("settlement.last.success.timestamp", this, m -> m.lastSuccess).baseUnit("seconds")
                .description("When the latest settlement finished (epoch seconds)").register(registry);
        Gauge.builder("settlement.last.run.duration", this, m -> m.duration).baseUnit("seconds")
                .description("Wall time of the latest settlement run").register(registry);
        Gauge.builder("settlement.last.run.rows", this, m -> m.rows)
                .description("Watch-history rows read by the latest settlement run").register(registry);
        Gauge.builder("settlement.last.run.videos", this, m -> m.videos)
                .description("Videos settled (statistics, settlement and rollup rows written) by the latest run")
                .register(registry);
        Gauge.builder("settlement.last.run.rows.per.second", this, m -> m.duration > 0 ? m.rows / m.duration : Double.NaN)
                .description("Rows per second of the latest settlement run").register(registry);
        // totals kept in the database, so every instance reports the same ever-growing value: counters
        FunctionCounter.builder("settlement.late.rows", this, m -> m.lateRows)
                .description("Watch-history rows found in days after they were settled (late rows), in all")
                .register(registry);
        FunctionCounter.builder("settlement.late.days.resettled", this, m -> m.lateDaysResettled)
                .description("Days re-settled because late rows were found in them, in all").register(registry);
        Gauge.builder("settlement.late.days.pending", this, m -> m.lateDaysPending)
                .description("Days with late rows found whose re-settle has not completed yet").register(registry);
        // the batch's partitions CronJob makes day partitions ahead; when it keeps failing, this stops moving
        Gauge.builder("watch.history.partitioned.until", this, m -> m.partitionedUntil).baseUnit("seconds")
                .description("Start of the last day with its own watch_history partition (UTC epoch seconds)")
                .register(registry);
        refresh();
    }

    // a read slower than 30 s is skipped over, not run twice at once
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reads.latestSettlement().ifPresent(latest -> {
                lastSettledDate = latest.date().atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                lastSuccess = latest.settledAt().getEpochSecond();
                duration = latest.durationMillis() / 1000.0;
                rows = latest.rowsRead();
                videos = latest.videos();
            });
            settlementReadFailing = recovered(settlementReadFailing, "Settlement figures");
        } catch (RuntimeException e) {
            settlementReadFailing = failed(settlementReadFailing, "Settlement figures", e);
        }
        try {
            LateRowReads.Totals late = lateRowReads.totals();
            lateRows = late.rows();
            lateDaysResettled = late.daysResettled();
            lateDaysPending = late.daysPending();
            lateRowsReadFailing = recovered(lateRowsReadFailing, "Late-row figures");
        } catch (RuntimeException e) {
            lateRowsReadFailing = failed(lateRowsReadFailing, "Late-row figures", e);
        }
        try {
            partitionedUntil = reads.lastHistoryPartitionDay()
                    .map(day -> (double) day.atStartOfDay().toEpochSecond(ZoneOffset.UTC)).orElse(Double.NaN);
            partitionsReadFailing = recovered(partitionsReadFailing, "Watch-history partitions");
        } catch (RuntimeException e) {
            partitionsReadFailing = failed(partitionsReadFailing, "Watch-history partitions", e);
        }
    }

    private volatile boolean settlementReadFailing;
    private volatile boolean lateRowsReadFailing;
    private volatile boolean partitionsReadFailing;

    /** A WARN line when a read starts failing (the alerts' runbook points to it), DEBUG while it goes on. */
    private static boolean failed(boolean wasFailing, String what, RuntimeException e) {
        if (wasFailing) {
            LOG.debugf("%s not read: %s", what, e.getMessage());
        } else {
            LOG.warnf("%s not read: %s (the settlement_* metrics keep their last values until a read succeeds)", what,
                    e.getMessage());
        }
        return true;
    }

    private static boolean recovered(boolean wasFailing, String what) {
        if (wasFailing) {
            LOG.infof("%s read again", what);
        }
        return false;
    }
}
