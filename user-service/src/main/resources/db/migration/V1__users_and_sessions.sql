-- Users, their login sessions and the (hashed) refresh tokens of each session.
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    nickname      VARCHAR(30)  NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE user_sessions (
    id             CHAR(36)    NOT NULL,
    user_id        BIGINT      NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    revoked_at     DATETIME(6) NULL,
    revoked_reason VARCHAR(32) NULL,
    PRIMARY KEY (id),
    KEY ix_user_sessions_user (user_id),
    -- the revocation feed other services poll reads by this index
    KEY ix_user_sessions_revoked_at (revoked_at),
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

CREATE TABLE refresh_tokens (
    token_hash CHAR(64)    NOT NULL,
    session_id CHAR(36)    NOT NULL,
    issued_at  DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    rotated_at DATETIME(6) NULL,
    PRIMARY KEY (token_hash),
    KEY ix_refresh_tokens_session (session_id),
    CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES user_sessions (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;
