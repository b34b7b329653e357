package io.streamstats.batch.job;

import io.streamstats.batch.cli.BatchClock;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.SettlementRepository;
import io.streamstats.batch.repository.WatchHistoryPartitions;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.Map;

/**
 * Days are settled in date order: a day is priced from the lifetime counts at the end of the previous day, so that
 * day must be settled first (or be the very first day with any watch history). And a day is priced only by the
 * schedule in force on it: a day before the first schedule has no price, and a settled day is never re-settled
 * with other prices than it was settled with (a price change entered for days already settled is refused here).
 * Once the checks pass, the day and the later days are marked unsettled until their re-runs complete.
 */
@Named
public class CheckOrderBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String date;

    @Inject
    SettlementRepository repository;

    @Inject
    PriceList prices;

    @Inject
    WatchHistoryPartitions historyPartitions;

    @Inject
    JobContext job;

    @Inject
    BatchClock clock;

    @Inject
    BatchConfig config;

    @Override
    public String process() {
        LocalDate day = LocalDate.parse(date);
        LocalDate previous = repository.lastSettledBefore(day);
        String problem = null;
        if (previous == null) {
            LocalDate first = repository.firstHistoryDate();
            if (first != null && first.isBefore(day)) {
                problem = "cannot settle " + day + ": watch history starts on " + first
                        + " and no earlier day is settled; settle from " + first + " (" + rangeCommand(first, day) + ")";
            }
        } else if (!previous.equals(day.minusDays(1))) {
            problem = "cannot settle " + day + ": the previous day " + day.minusDays(1) + " is not settled (last settled: "
                    + previous + "); run " + rangeCommand(previous.plusDays(1), day);
        }
        if (problem == null) {
            // the day, or a later one re-settled with it, has no raw rows left: it would be settled as zeros
            problem = historyPartitions.droppedProblem(day);
        }
        if (problem == null) {
            problem = pricingProblem(day);
        }
        if (problem != null) {
            job.setExitStatus(problem);
            throw new IllegalStateException(problem);
        }
        // a re-settle: this day and every later one (re-settled after it, in order) count as unsettled until each
        // completes again, so a run that stops half-way leaves no day settled on counts from before it
        repository.unmarkSettledFrom(day);
        return "ORDER_OK";
    }

    /**
     * The command that settles the missing days through {@code day}, as it can be run now: a day that is not over
     * needs --allow-open-day (the refused run had it), or the command would be refused in turn.
     */
    private String rangeCommand(LocalDate from, LocalDate day) {
        boolean open = day.isAfter(BatchClock.lastClosedDay(clock.now(), config.zone(), config.openDayGrace()));
        return "settle --from " + from + " --to " + day + (open ? " --allow-open-day" : "");
    }

    /**
     * Settling the day also re-settles every later settled day (their prices depend on it), so each of them must
     * still get the prices it was settled with; checked before anything is written, so a refused run leaves every
     * day as it was.
     */
    private String pricingProblem(LocalDate day) {
        try {
            prices.inForce(day);
        } catch (IllegalArgumentException e) {
            return "cannot settle " + day + ": " + e.getMessage();
        }
        for (Map.Entry<LocalDate, LocalDate> settled : repository.pricesSettledWithFrom(day).entrySet()) {
            LocalDate from = prices.inForce(settled.getKey()).effectiveFrom();
            if (!settled.getValue().equals(from)) {
                String which = settled.getKey().equals(day) ? "it" : "the later settled day " + settled.getKey()
                        + ", which would be re-settled with it,";
                return "cannot re-settle " + day + ": " + which + " was settled with the prices in force from "
                        + settled.getValue() + ", but the price schedules now give it the prices from " + from
                        + "; a price change must take effect after the last settled day, so that no settled day"
                        + " changes (see TierPricing)";
            }
        }
        return null;
    }
}
