package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.domain.PriceSchedule;
import io.streamstats.batch.domain.TierPricing;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The set-based SQL pricing agrees with the Java rule across every tier boundary and schedule. */
@QuarkusTest
class GeneratedDayTest {

    @Inject
    AgroalDataSource db;

    History history;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        history.clear();
    }

    @Test
    void sqlPricingAgreesWithTheJavaRuleAcrossTiers() {
        long[] before = {0, 1, 99_998, 99_999, 100_000, 499_998, 499_999, 500_000, 999_998, 999_999, 1_000_000, 7_654_321};
        long[] counts = {0, 1, 2, 3, 10, 99_999, 400_001, 1_000_000};
        for (long b : before) {
            for (long n : counts) {
                for (PriceSchedule prices : TierPricing.SCHEDULES.schedules()) {
                    for (TierPricing.Kind kind : TierPricing.Kind.values()) {
                        long sql = history.number("SELECT " + prices.sqlWon(kind, Long.toString(b), Long.toString(n)));
                        assertEquals(prices.won(kind, b, n), sql, kind + " before " + b + " count " + n + " with "
                                + prices.effectiveFrom() + " prices");
                    }
                }
            }
        }
    }
}
