package io.streamstats.streaming.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.streamstats.streaming.repository.ReadConnections;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The replica's state for operators, on {@code /q/health/group/replica} only: deliberately neither readiness nor
 * liveness, because reads fall back to the primary while the replica is away ({@link ReadConnections}) and play /
 * pause never use it — a replica restart must not take instances out of the Service.
 */
@HealthGroup("replica")
@ApplicationScoped
public class ReplicaHealthCheck implements HealthCheck {

    @Inject
    @DataSource("replica")
    AgroalDataSource replica;

    @Inject
    ReadConnections reads;

    @Override
    public HealthCheckResponse call() {
        boolean reachable;
        String error = null;
        try {
            reachable = replica.isHealthy(false);
        } catch (SQLException e) {
            reachable = false;
            error = e.getMessage();
        }
        var builder = HealthCheckResponse.named("replica").status(reachable)
                .withData("readsFrom", reads.readingFromReplica() ? "replica" : "primary")
                .withData("fallbacks", reads.fallbackCount());
        String last = error != null ? error : reads.lastError();
        if (last != null) {
            builder.withData("lastError", last);
        }
        return builder.build();
    }
}
