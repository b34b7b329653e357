package io.streamstats.batch.job;

import io.streamstats.batch.cli.SettlementRunner;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.SettlementRepository;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/**
 * Step 1, per partition: the day's watch history into per-video daily statistics; with the job parameter
 * {@code mode=reprice} (a later day re-settled in the cascade of a correction) only its lifetime counts, from
 * its statistics and the previous day's, without reading its watch history.
 */
@Named
public class AggregateBatchlet extends RangeBatchlet {

    @Inject
    SettlementRepository repository;

    @Inject
    BatchConfig config;

    @Override
    long work(LocalDate date, long lo, long hi) {
        long rows = SettlementRunner.REPRICE.equals(jobParameter(SettlementRunner.MODE))
                ? repository.carryForward(date, lo, hi)
                : repository.aggregate(date, lo, hi);
        if (config.aggregatePauseMillis() > 0) {
            try {
                Thread.sleep(config.aggregatePauseMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rows;
    }

    @Override
    String unit() {
        return "rows";
    }
}
