package io.streamstats.batch.cli;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * "Now" for deciding which days are over: the database's clock, the one the services stamp watch history with
 * (platform-common's DatabaseTime: UTC_TIMESTAMP(6) as microseconds, repeated here rather than pulling the
 * services' common module into the batch), so a batch pod whose clock drifts can neither settle a day whose rows are still being written nor
 * hold back one that is over. Tests replace this bean with a fixed clock.
 */
@ApplicationScoped
public class BatchClock {

    @Inject
    AgroalDataSource dataSource;

    public Instant now() {
        return databaseNow(dataSource);
    }

    public static Instant databaseNow(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long micros = rs.getLong(1);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database clock: " + e.getMessage(), e);
        }
    }

    /**
     * The last day that is over at {@code now}: day D is over once D+1 has begun in the platform zone and the grace
     * for requests still in flight has passed, i.e. when the date of {@code now - grace} in the zone is after D.
     */
    public static LocalDate lastClosedDay(Instant now, ZoneId zone, Duration grace) {
        return now.minus(grace).atZone(zone).toLocalDate().minusDays(1);
    }
}
