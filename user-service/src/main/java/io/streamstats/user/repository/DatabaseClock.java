package io.streamstats.user.repository;

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
        Number micros = (Number) entityManager
                .createNativeQuery("SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))")
                .getSingleResult();
        long us = micros.longValue();
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }
}
