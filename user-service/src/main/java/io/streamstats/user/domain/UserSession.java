package io.streamstats.user.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One login: every access and refresh token issued from it carries its id; logout ends it. */
@Entity
@Table(name = "user_sessions")
public class UserSession {

    public static final String ENDED_BY_LOGOUT = "LOGOUT";
    public static final String ENDED_BY_REFRESH_REUSE = "REFRESH_TOKEN_REUSE";

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_reason", length = 32)
    public String revokedReason;

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public void revoke(Instant now, String reason) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = reason;
        }
    }
}
