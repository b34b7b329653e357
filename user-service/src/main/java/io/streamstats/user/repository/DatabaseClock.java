package io.streamstats.user.repository;

import io.streamstats.common.db.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The database's clock. Revocation instants and the feed's server time are read here, not from the pod: other
 * services page the feed by them, so every user-service instance must stamp on the same clock, or a logout
 * stamped by a pod whose clock is behind would fall before a reader's cursor and be missed.
 */
@ApplicationScoped
public class DatabaseClock {

    @Inject
    EntityManager entityManager;

    /** Now, in UTC with microseconds, independent of the session's and the JVM's time zones. */
    @Transactional
    public Instant now() {
        Number micros = (Number) entityManager.createNativeQuery("SELECT " + DatabaseTime.NOW_MICROS)
                .getSingleResult();
        return DatabaseTime.instantOfMicros(micros.longValue());
    }
}
