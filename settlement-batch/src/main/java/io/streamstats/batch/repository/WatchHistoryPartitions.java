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
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The day partitions of {@code watch_history} ({@code RANGE COLUMNS (watched_date)}, after {@code p_history} and
 * before the catch-all {@code p_future}): a partition {@code pYYYYMMDD} holds the rows of that day (the first one
 * also the empty range below it). Every statement here is in the SQL MySQL 8.4 and MariaDB share.
 */
@ApplicationScoped
public class WatchHistoryPartitions {

    public static final String FUTURE = "p_future";
    /** Beyond MySQL's and MariaDB's limit of 8192 partitions per table, with room to spare. */
    public static final int MAX_PARTITIONS = 8000;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMMdd");
    private static final Pattern DAY_NAME = Pattern.compile("p\\d{8}");

    @Inject
    AgroalDataSource dataSource;

    /** One partition: rows with {@code from <= watched_date < lessThan} (null: unbounded). */
    public record Partition(String name, LocalDate from, LocalDate lessThan) {

        /** A day partition this class made (or the by-hand procedure did): not p_history, not p_future. */
        public boolean isDay() {
            return lessThan != null && from != null && DAY_NAME.matcher(name).matches();
        }

        /** The last day it can hold. */
        public LocalDate lastDay() {
            return lessThan.minusDays(1);
        }
    }

    /** The earliest and latest watched_date of a partition's rows (two dives into the primary key), or null. */
    public record Span(LocalDate first, LocalDate last) {
    }

    public static String nameOf(LocalDate day) {
        return NAME.format(day);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The table's partitions in order, from information_schema. */
    public List<Partition> list(Connection c) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT PARTITION_NAME, PARTITION_DESCRIPTION"
                + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'watch_history'"
                + " ORDER BY PARTITION_ORDINAL_POSITION");
             ResultSet rs = ps.executeQuery()) {
            LocalDate from = null;
            while (rs.next()) {
                String bound = rs.getString(2).replace("'", "").trim();
                LocalDate lessThan = bound.equalsIgnoreCase("MAXVALUE") ? null : LocalDate.parse(bound);
                partitions.add(new Partition(rs.getString(1), from, lessThan));
                from = lessThan;
            }
        }
        if (partitions.isEmpty() || !FUTURE.equals(partitions.get(partitions.size() - 1).name())) {
            throw new IllegalStateException("watch_history is not partitioned as the migrations define it (its last "
                    + "partition must be " + FUTURE + "): " + partitions);
        }
        return partitions;
    }

    public Span span(Connection c, String partition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(watched_date), MAX(watched_date) FROM watch_history"
                + " PARTITION (" + partition + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new Span(first, rs.getObject(2, LocalDate.class));
        }
    }

    public long rowsBetween(Connection c, LocalDate first, LocalDate last) throws SQLException {
        Long rows = single(c, Long.class, "SELECT COUNT(*) FROM watch_history WHERE watched_date BETWEEN ? AND ?",
                first, last);
        return rows == null ? 0 : rows;
    }

    /** Makes every following DDL wait at most this long for the table's metadata lock (MySQL and MariaDB alike). */
    public void limitLockWait(Connection c, long seconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + Math.max(1, seconds));
        }
    }

    public void resetLockWait(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = DEFAULT");
        }
    }

    /**
     * Splits p_future into one partition per day from {@code first} through {@code last} (p_future keeps the rest).
     * Instant when p_future holds no rows up to {@code last}; otherwise those rows are copied into their days, under
     * the table's lock.
     */
    public void splitFuture(Connection c, LocalDate first, LocalDate last) throws SQLException {
        StringBuilder sql = new StringBuilder("ALTER TABLE watch_history REORGANIZE PARTITION " + FUTURE + " INTO (");
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            sql.append("PARTITION ").append(nameOf(day)).append(" VALUES LESS THAN ('").append(day.plusDays(1))
                    .append("'), ");
        }
        sql.append("PARTITION ").append(FUTURE).append(" VALUES LESS THAN (MAXVALUE))");
        try (Statement s = c.createStatement()) {
            s.execute(sql.toString());
        }
    }

    /** How many days from first through last are settled. */
    public long settledDays(Connection c, LocalDate first, LocalDate last) throws SQLException {
        Long days = single(c, Long.class, "SELECT COUNT(*) FROM settled_dates WHERE stat_date BETWEEN ? AND ?",
                first, last);
        return days == null ? 0 : days;
    }

    /**
     * The earliest day with late rows not re-settled yet (settlement_late_rows): the next settlement re-settles from
     * it through the last settled day, from their raw rows, so none of those may be dropped. Null: none open.
     */
    public LocalDate earliestPendingResettle(Connection c) throws SQLException {
        return single(c, LocalDate.class, "SELECT MIN(stat_date) FROM settlement_late_rows WHERE resettled_at IS NULL");
    }

    /**
     * Drops a day partition after recording its settled days in history_dropped_dates (committed first: a day may
     * briefly be recorded with its rows still there, never the reverse). If the drop fails, the record goes again.
     */
    public int drop(Connection c, Partition partition) throws SQLException {
        int recorded = update(c, "INSERT INTO history_dropped_dates (stat_date, partition_name, dropped_at)"
                + " SELECT stat_date, ?, UTC_TIMESTAMP(6) FROM settled_dates WHERE stat_date >= ? AND stat_date < ?"
                + " ON DUPLICATE KEY UPDATE partition_name = VALUES(partition_name), dropped_at = VALUES(dropped_at)",
                partition.name(), partition.from(), partition.lessThan());
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE watch_history DROP PARTITION " + partition.name());
        } catch (SQLException e) {
            update(c, "DELETE FROM history_dropped_dates WHERE partition_name = ? AND stat_date >= ? AND stat_date < ?",
                    partition.name(), partition.from(), partition.lessThan());
            throw e;
        }
        return recorded;
    }

    /**
     * Why {@code day} cannot be settled now, or null: it, or a later day that settling it re-settles, had its raw
     * watch history dropped for retention. Settling such a day would write zeros over its figures; they stand as they
     * were settled.
     */
    public String droppedProblem(LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Jdbc.prepare(c, "SELECT stat_date, partition_name, dropped_at FROM"
                     + " history_dropped_dates WHERE stat_date >= ? ORDER BY stat_date LIMIT 1", day);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            LocalDate dropped = rs.getObject(1, LocalDate.class);
            String which = dropped.equals(day) ? "its" : "the later settled day " + dropped + "'s (re-settled with it)";
            return "cannot re-settle " + day + ": " + which + " raw watch history was dropped for retention ("
                    + rs.getString(2) + ", at " + rs.getString(3) + " UTC, SETTLEMENT_HISTORY_RETENTION_DAYS), so it"
                    + " would be settled from no rows; its settled figures stand as they are. Nothing was settled.";
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
