package io.streamstats.streaming.health;

import io.streamstats.streaming.security.FeedSessionRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the list of ended sessions has been read once: before that, a logged-out token would pass. */
@Readiness
@ApplicationScoped
public class RevocationFeedHealthCheck implements HealthCheck {

    @Inject
    FeedSessionRevocations revocations;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("revocation-feed").status(revocations.isSynchronized());
        if (revocations.lastSuccess() != null) {
            builder.withData("lastRead", revocations.lastSuccess().toString());
        }
        if (revocations.lastError() != null) {
            builder.withData("lastError", revocations.lastError());
        }
        return builder.build();
    }
}
