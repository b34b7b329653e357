-- Play and pause are written in batches, many requests per transaction. A batch must know its playback ids
-- before it inserts (a multi-row insert does not reliably report every generated id), so each instance takes
-- blocks of ids from this counter. Instances of an earlier release, which let AUTO_INCREMENT choose, must be
-- stopped before this migration runs (see docs/deploy.md).
CREATE TABLE id_blocks (
    name    VARCHAR(64) NOT NULL,
    next_id BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB;

INSERT INTO id_blocks (name, next_id) SELECT 'playbacks', COALESCE(MAX(id), 0) + 1 FROM playbacks;

-- The state row now keeps only the last play (NULL: locked by a pause before any play was seen); a batch
-- derives the window for each of its plays in memory, in order.
ALTER TABLE viewer_video_state MODIFY last_play_epoch_ms BIGINT NULL;
ALTER TABLE viewer_video_state DROP COLUMN prev_play_epoch_ms;
