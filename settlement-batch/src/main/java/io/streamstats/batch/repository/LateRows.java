package io.streamstats.batch.repository;

import static io.streamstats.batch.repository.Jdbc.single;
import static io.streamstats.batch.repository.Jdbc.update;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Late rows: watch history that reached a day after it was settled (a slow request, a restored replica, a back-fill
 * of lost events). The watermark is {@code settled_dates.rows_read}: the day's history rows its figures hold, written
 * when the day was settled. A settled day whose {@code watch_history} now holds more rows has late rows; it is
 * recorded in {@code settlement_late_rows} (one open detection per day) until a run re-settles it.
 *
 * <p>Cost: one {@code COUNT(*)} of the day's primary-key range per checked day (the day's partition, pruned; no
 * secondary index exists or is needed), i.e. one read of the day's rows without sorting, grouping or writing;
 * plus one small read of {@code settled_dates}.
 */
@ApplicationScoped
public class LateRows {

    /** A settled day whose watch history holds a different number of rows than its figures. */
    public record Day(LocalDate date, long rowsSettled, long rowsFound) {
        public long late() {
            return rowsFound - rowsSettled;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** Every settled day from {@code from} to {@code to} whose watch history no longer holds its rows_read rows. */
    public List<Day> differing(LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection()) {
            return differing(c, settled(c, "SELECT stat_date, rows_read FROM settled_dates"
                    + " WHERE stat_date BETWEEN ? AND ? ORDER BY stat_date", from, to));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check settled days for late rows: " + e.getMessage(), e);
        }
    }

    /**
     * The sweep of the settled days before {@code before}: the {@code days} of them verified longest ago (settled or
     * last swept), whose raw rows retention has not dropped, are counted and stamped as checked {@code now}; returns
     * those whose watch history no longer holds their rows_read rows.
     */
    public List<Day> sweep(LocalDate before, int days, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            Map<LocalDate, Long> oldest = settled(c, "SELECT s.stat_date, s.rows_read FROM settled_dates s"
                    + " LEFT JOIN settlement_late_checks k ON k.stat_date = s.stat_date"
                    + " WHERE s.stat_date < ? AND NOT EXISTS (SELECT 1 FROM history_dropped_dates d"
                    + " WHERE d.stat_date = s.stat_date)"
                    + " ORDER BY GREATEST(s.settled_at, COALESCE(k.checked_at, s.settled_at)),"
                    + " k.checked_at IS NOT NULL, s.stat_date LIMIT ?",
                    before, days);
            List<Day> differing = differing(c, oldest);
            for (LocalDate day : oldest.keySet()) {
                update(c, "INSERT INTO settlement_late_checks (stat_date, checked_at) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE checked_at = VALUES(checked_at)", day, Timestamp.from(now));
            }
            return differing;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not sweep settled days for late rows: " + e.getMessage(), e);
        }
    }

    private static Map<LocalDate, Long> settled(Connection c, String sql, Object... params) throws SQLException {
        Map<LocalDate, Long> settled = new LinkedHashMap<>();
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                settled.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
            }
        }
        return settled;
    }

    private static List<Day> differing(Connection c, Map<LocalDate, Long> settled) throws SQLException {
        List<Day> differing = new ArrayList<>();
        for (Map.Entry<LocalDate, Long> day : settled.entrySet()) {
            Long found = single(c, Long.class, "SELECT COUNT(*) FROM watch_history WHERE watched_date = ?",
                    day.getKey());
            if (found != null && found.longValue() != day.getValue()) {
                differing.add(new Day(day.getKey(), day.getValue(), found));
            }
        }
        return differing;
    }

    /**
     * Records days found with late rows: a day's open detection (not re-settled yet) is updated with what is found
     * now, so a day found again before its re-settle is counted once.
     */
    public void record(List<Day> late, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            for (Day day : late) {
                if (update(c, "UPDATE settlement_late_rows SET rows_found = ? WHERE stat_date = ?"
                        + " AND resettled_at IS NULL", day.rowsFound(), day.date()) == 0) {
                    update(c, "INSERT INTO settlement_late_rows (stat_date, detected_at, rows_settled, rows_found)"
                            + " VALUES (?, ?, ?, ?)", day.date(), Timestamp.from(now), day.rowsSettled(), day.rowsFound());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record late rows: " + e.getMessage(), e);
        }
    }

    /** The earliest day with an open detection (found now or on an earlier night whose re-settle failed), or null. */
    public LocalDate earliestOpen() {
        try (Connection c = dataSource.getConnection()) {
            return single(c, LocalDate.class, "SELECT MIN(stat_date) FROM settlement_late_rows WHERE resettled_at IS NULL");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read late rows: " + e.getMessage(), e);
        }
    }

    /**
     * Closes the open detections of the days a run settled from their raw rows, {@code from} through {@code through}.
     * A later day's detection stays open: a run that stopped short of it (an explicit date after a failed night), or
     * only repriced it from its statistics (the cascade of an earlier day), has not read its late rows. Returns how
     * many it closed.
     */
    public int resettled(LocalDate from, LocalDate through, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "UPDATE settlement_late_rows SET resettled_at = ? WHERE resettled_at IS NULL"
                    + " AND stat_date BETWEEN ? AND ?", Timestamp.from(now), from, through);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the re-settle of late rows: " + e.getMessage(), e);
        }
    }
}
