package io.streamstats.batch.job;

import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.SettlementRepository;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Step 1, per partition: the day's watch history into per-video daily statistics. */
@Named
public class AggregateBatchlet extends RangeBatchlet {

    @Inject
    SettlementRepository repository;

    @Inject
    BatchConfig config;

    @Override
    long work(LocalDate date, long lo, long hi) {
        long rows = repository.aggregate(date, lo, hi);
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
