package io.streamstats.batch.repository;

import static io.streamstats.batch.repository.Jdbc.prepare;
import static io.streamstats.batch.repository.Jdbc.update;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The live counters of streaming-service ({@code live_video_day}: one row per video and day with something credited,
 * written with every play and pause). Once a day is settled its figures are read from the settled tables and its
 * live rows only take room; this removes them, days after the settlement.
 */
@ApplicationScoped
public class LiveCounters {

    /** Rows deleted per statement: short transactions, no long lock on the table the service writes. */
    static final int CHUNK = 10_000;

    /** The days before {@code before} that still have live rows and are settled, oldest first. */
    public List<LocalDate> settledDaysWithRows(Connection c, LocalDate before) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        // the primary key (stat_date, video_id) gives the distinct dates; settled_dates is keyed by the date
        try (PreparedStatement ps = prepare(c, "SELECT d.stat_date FROM (SELECT DISTINCT stat_date FROM live_video_day"
                + " WHERE stat_date < ?) d JOIN settled_dates s ON s.stat_date = d.stat_date ORDER BY d.stat_date",
                before);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                days.add(rs.getObject(1, LocalDate.class));
            }
        }
        return days;
    }

    /** Deletes a day's live rows, {@value #CHUNK} at a time (each its own transaction). Returns rows deleted. */
    public long remove(Connection c, LocalDate day) throws SQLException {
        long removed = 0;
        for (int deleted = CHUNK; deleted == CHUNK; removed += deleted) {
            deleted = update(c, "DELETE FROM live_video_day WHERE stat_date = ? ORDER BY video_id LIMIT " + CHUNK, day);
        }
        return removed;
    }
}
