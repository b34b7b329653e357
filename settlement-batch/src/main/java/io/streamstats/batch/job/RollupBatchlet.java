package io.streamstats.batch.job;

import io.streamstats.batch.repository.SettlementRepository;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Step 3, per partition: the day into the rollup of every period containing it ({@code StatPeriod}). */
@Named
public class RollupBatchlet extends RangeBatchlet {

    @Inject
    SettlementRepository repository;

    @Override
    long work(LocalDate date, long lo, long hi) {
        return repository.rollup(date, lo, hi);
    }

    @Override
    String unit() {
        return "videos";
    }
}
