package io.streamstats.streaming.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Playback ids, handed out from blocks reserved in {@code id_blocks}: unique across instances, known before the
 * batch that inserts them. A block is reserved in its own short transaction, so batches never wait on the
 * counter row; ids of a block an instance did not use before it stopped are skipped.
 */
@ApplicationScoped
public class PlaybackIds {

    static final int BLOCK_SIZE = 10_000;

    @Inject
    AgroalDataSource primary;

    private long next;
    private long end;

    public synchronized long next() {
        if (next == end) {
            end = reserveBlock();
            next = end - BLOCK_SIZE;
        }
        return next++;
    }

    /** Moves the counter on by one block and returns the new value: the block is [value - size, value). */
    private long reserveBlock() {
        try (Connection c = primary.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.executeUpdate("UPDATE id_blocks SET next_id = LAST_INSERT_ID(next_id + " + BLOCK_SIZE
                    + ") WHERE name = 'playbacks'");
            try (ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reserve playback ids: " + e.getMessage(), e);
        }
    }
}
