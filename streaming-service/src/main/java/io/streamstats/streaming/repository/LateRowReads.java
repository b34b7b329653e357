package io.streamstats.streaming.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The totals of {@code settlement_late_rows} (written by settlement-batch's nightly late-row check), from the
 * replica: one small aggregate over a table with a row per day that ever received late rows.
 */
@ApplicationScoped
public class LateRowReads {

    /** Late rows found in settled days in all, days re-settled for them, days found but not re-settled yet. */
    public record Totals(long rows, long daysResettled, long daysPending) {
    }

    @Inject
    ReadConnections connections;

    public Totals totals() {
        return connections.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(rows_found - rows_settled), 0),"
                    + " COUNT(resettled_at), COUNT(*) - COUNT(resettled_at) FROM settlement_late_rows");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        });
    }
}
