package io.streamstats.user.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.streamstats.user.domain.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    public RefreshToken findForUpdate(String tokenHash) {
        // plain FOR UPDATE: the dialect's "FOR UPDATE OF alias" is MySQL-only, not MariaDB
        List<?> rows = getEntityManager()
                .createNativeQuery("SELECT * FROM refresh_tokens WHERE token_hash = ? FOR UPDATE", RefreshToken.class)
                .setParameter(1, tokenHash)
                .getResultList();
        return rows.isEmpty() ? null : (RefreshToken) rows.get(0);
    }
}
