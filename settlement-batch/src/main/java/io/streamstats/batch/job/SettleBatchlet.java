package io.streamstats.batch.job;

import io.streamstats.batch.repository.SettlementRepository;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Step 2, per partition: tier-priced money per video for the day, at the prices in force on that day. */
@Named
public class SettleBatchlet extends RangeBatchlet {

    @Inject
    SettlementRepository repository;

    @Inject
    PriceList prices;

    @Override
    long work(LocalDate date, long lo, long hi) {
        return repository.settle(date, lo, hi, prices.inForce(date));
    }

    @Override
    String unit() {
        return "videos";
    }
}
