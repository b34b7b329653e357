package io.streamstats.common.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The services' own clock (UTC). Tests replace it to step across a boundary (a grace, a window) exactly; what must
 * agree across pods reads the database's clock instead ({@link io.streamstats.common.db.DatabaseTime}).
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
