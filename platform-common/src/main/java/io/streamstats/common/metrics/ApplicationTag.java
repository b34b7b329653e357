package io.streamstats.common.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every metric carries {@code application} (quarkus.application.name: user-service, streaming-service), so the
 * dashboard can split by service however Prometheus names its scrape jobs (pod annotations or a ServiceMonitor).
 */
@Singleton
public class ApplicationTag {

    @Produces
    @Singleton
    public MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }
}
