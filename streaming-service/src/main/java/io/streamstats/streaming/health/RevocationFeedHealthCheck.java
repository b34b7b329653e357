package io.streamstats.streaming.health;

import io.streamstats.streaming.security.FeedSessionRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the copy of ended sessions is older than max-staleness (never read yet, or the feed fails): then a
 * logged-out token would pass here, so the Service stops sending requests to this instance until it catches up.
 */
@Readiness
@ApplicationScoped
public class RevocationFeedHealthCheck implements HealthCheck {

    @Inject
    FeedSessionRevocations revocations;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("revocation-feed").status(revocations.isSynchronized())
                .withData("ageSeconds", revocations.age().toSeconds());
        if (revocations.lastSuccess() != null) {
            builder.withData("lastRead", revocations.lastSuccess().toString());
        }
        if (revocations.lastError() != null) {
            builder.withData("lastError", revocations.lastError());
        }
        return builder.build();
    }
}
