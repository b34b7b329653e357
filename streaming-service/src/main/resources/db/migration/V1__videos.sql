CREATE TABLE videos (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    creator_id       BIGINT       NOT NULL,
    title            VARCHAR(200) NOT NULL,
    duration_seconds INT          NOT NULL,
    url              VARCHAR(2048) NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_videos_creator (creator_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
