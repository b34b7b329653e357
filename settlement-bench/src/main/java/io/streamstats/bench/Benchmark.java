package io.streamstats.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import io.streamstats.batch.cli.SettlementRunner;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Runs the job on a loaded day and prints rows, seconds and rows/s per step and in total, next to the floor: a
 * plain scan of the same rows ({@code SELECT COUNT(*), SUM(played_seconds)}), timed in the same run.
 */
@ApplicationScoped
public class Benchmark {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SettlementRunner runner;

    public boolean run(LocalDate date) throws InterruptedException {
        long rows;
        double floor;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*), SUM(played_seconds) FROM watch_history WHERE watched_date = ?")) {
            ps.setObject(1, date);
            long started = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
            }
            floor = (System.nanoTime() - started) / 1e9;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.out.printf("Floor: plain scan of %,d rows of %s in %.2f s (%,.0f rows/s)%n", rows, date, floor,
                rows / Math.max(floor, 1e-9));
        SettlementRunner.Outcome outcome = runner.settle(date);
        System.out.println();
        System.out.printf("%-10s %14s %10s %16s%n", "step", "rows", "seconds", "rows/s");
        for (var step : outcome.steps()) {
            System.out.printf("%-10s %,14d %10.2f %,16.0f %s%n", step.step(), step.rows(), step.seconds(),
                    step.rows() / Math.max(step.seconds(), 1e-9), step.unit());
        }
        System.out.printf("%-10s %,14d %10.2f %,16.0f history rows%n", "total", rows, outcome.seconds(),
                rows / Math.max(outcome.seconds(), 1e-9));
        System.out.printf("%-10s %,14d %10.2f %,16.0f history rows%n", "floor", rows, floor,
                rows / Math.max(floor, 1e-9));
        System.out.printf("ratio total/floor: %.2f; job %s%n", outcome.seconds() / Math.max(floor, 1e-9), outcome.status());
        return outcome.completed();
    }
}
