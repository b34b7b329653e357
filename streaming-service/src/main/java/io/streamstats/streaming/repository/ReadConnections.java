package io.streamstats.streaming.repository;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.config.StreamingConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.ArrayList;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where the read side gets its connection: the {@code replica} datasource, or the primary while the replica gives
 * none (a restart, a network cut). A failed replica read — no connection, or the connection lost mid-query and
 * again on a new one — is run again on the primary, and for {@code streaming.replica.retry-after} every read goes straight to the primary;
 * then one read at a time tries the replica again, and the first that succeeds moves reads back. So an outage costs
 * a read at most the replica's connect timeout once per interval, and readiness never depends on the replica.
 * Reads answered by the primary are counted ({@code streaming_replica_fallback_total});
 * {@code streaming_replica_up} is 1 while reads go to the replica.
 */
@ApplicationScoped
public class ReadConnections {

    private static final Logger LOG = Logger.getLogger(ReadConnections.class);

    @Inject
    @DataSource("replica")
    AgroalDataSource replica;

    @Inject
    AgroalDataSource primary;

    @Inject
    StreamingConfig config;

    @Inject
    MeterRegistry registry;

    private Counter fallbacks;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean replicaDown;
    private volatile long retryAtNanos;
    private volatile String lastError;

    /** Binds a statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** One result row to a value. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Every row of one query, read as {@link #read} reads. */
    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            }
        });
    }

    /** One read on a connection it does not close. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @PostConstruct
    void meters() {
        fallbacks = Counter.builder("streaming.replica.fallback")
                .description("Reads answered from the primary because the replica gave no connection")
                .register(registry);
        Gauge.builder("streaming.replica.up", this, r -> r.replicaDown ? 0 : 1)
                .description("1 while reads go to the replica, 0 while they fall back to the primary")
                .register(registry);
    }

    public <T> T read(Work<T> work) {
        if (!replicaDown) {
            try {
                return onReplicaWithFreshRetry(work);
            } catch (ReplicaUnavailable e) {
                down(e.cause);
            }
        } else if (System.nanoTime() - retryAtNanos >= 0 && probing.compareAndSet(false, true)) {
            try {
                T result = onReplicaWithFreshRetry(work);
                up();
                return result;
            } catch (ReplicaUnavailable e) {
                down(e.cause);
            } finally {
                probing.set(false);
            }
        }
        return onPrimary(work);
    }

    /**
     * A pooled connection that died mid-query is most often one the replica dropped when it restarted, with the
     * replica already back: the pool's idle connections are closed and the read tried once more on a new one.
     */
    private <T> T onReplicaWithFreshRetry(Work<T> work) {
        try {
            return onReplica(work);
        } catch (ReplicaUnavailable e) {
            if (!e.midQuery) {
                throw e;
            }
            replica.flush(AgroalDataSource.FlushMode.IDLE);
            return onReplica(work);
        }
    }

    /** Whether reads go to the replica now (false: to the primary until the replica answers again). */
    public boolean readingFromReplica() {
        return !replicaDown;
    }

    public long fallbackCount() {
        return (long) fallbacks.count();
    }

    public String lastError() {
        return lastError;
    }

    private <T> T onReplica(Work<T> work) {
        Connection connection;
        try {
            connection = replica.getConnection();
        } catch (SQLException e) {
            throw new ReplicaUnavailable(e, false);
        }
        try (connection) {
            return work.run(connection);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw new ReplicaUnavailable(e, true);
            }
            throw new IllegalStateException("Read query failed: " + e.getMessage(), e);
        }
    }

    private <T> T onPrimary(Work<T> work) {
        if (!config.replica().fallback()) {
            throw new ApiException(503, "Reports are unavailable for a moment; try again shortly");
        }
        fallbacks.increment();
        try (Connection connection = primary.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw new ApiException(503, "Reports are unavailable for a moment; try again shortly");
            }
            throw new IllegalStateException("Read query failed: " + e.getMessage(), e);
        }
    }

    private void down(SQLException cause) {
        lastError = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        retryAtNanos = System.nanoTime() + config.replica().retryAfter().toNanos();
        if (!replicaDown) {
            replicaDown = true;
            LOG.warnf("Replica unreachable (%s): reads go to the primary, the replica is tried again every %s s",
                    lastError, config.replica().retryAfter().toSeconds());
        }
        // its other pooled connections most likely died with it: close them now rather than fail a read each later
        replica.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    private void up() {
        replicaDown = false;
        lastError = null;
        LOG.info("Replica reachable again: reads go to the replica again");
    }

    /** A failure of the connection itself (SQLState class 08, or the driver's connection exceptions). */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static final class ReplicaUnavailable extends RuntimeException {
        final SQLException cause;
        final boolean midQuery;

        ReplicaUnavailable(SQLException cause, boolean midQuery) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
            this.midQuery = midQuery;
        }
    }
}
