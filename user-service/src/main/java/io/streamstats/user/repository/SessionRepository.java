package io.streamstats.user.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.streamstats.user.domain.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<UserSession, String> {

    public UserSession findForUpdate(String id) {
        // plain FOR UPDATE: the dialect's "FOR UPDATE OF alias" is MySQL-only, not MariaDB
        List<?> rows = getEntityManager()
                .createNativeQuery("SELECT * FROM user_sessions WHERE id = ? FOR UPDATE", UserSession.class)
                .setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? null : (UserSession) rows.get(0);
    }

    public boolean isRevoked(String id) {
        return find("id = ?1 and revokedAt is null", id).count() == 0;
    }

    /**
     * Sessions ended at or after {@code since}, oldest first (index on revoked_at); {@code afterId} continues a page
     * cut inside one instant (ids are compared only among sessions ended at exactly {@code since}).
     */
    public List<UserSession> revokedSince(Instant since, String afterId, int limit) {
        return find("revokedAt > ?1 or (revokedAt = ?1 and id > ?2) order by revokedAt, id", since, afterId)
                .page(0, limit).list();
    }
}
