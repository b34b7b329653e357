-- Open and closed playbacks. A pause closes one exactly once (row lock on the playback).
CREATE TABLE playbacks (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    video_id      BIGINT      NOT NULL,
    viewer_id     BIGINT      NOT NULL,
    start_seconds INT         NOT NULL,
    counted_view  TINYINT     NOT NULL,
    started_at    DATETIME(6) NOT NULL,
    end_seconds   INT         NULL,
    closed_at     DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

-- Per viewer and video: when they last started a playback (the 30-second window) and where they last paused.
-- Every play of one viewer on one video locks this row, so concurrent plays across instances are serialized.
-- Play instants are epoch milliseconds: exact on every server and driver (no fractional-second rounding).
CREATE TABLE viewer_video_state (
    viewer_id         BIGINT NOT NULL,
    video_id          BIGINT NOT NULL,
    last_play_epoch_ms BIGINT NOT NULL,
    prev_play_epoch_ms BIGINT NULL,
    resume_seconds    INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (viewer_id, video_id)
) ENGINE = InnoDB;

-- The append-only watching history, the batch's input. Two records per playback: the play (record_type 0,
-- carrying the view when it counted) and the segment closed by pause (record_type 1, carrying play time and
-- ad views). Values are stored as credited by the rules (a creator's own playback credits nothing), so the
-- batch only sums. Clustered by (date, video): one day is one contiguous range, read in video order.
CREATE TABLE watch_history (
    watched_date   DATE        NOT NULL,
    video_id       BIGINT      NOT NULL,
    playback_id    BIGINT      NOT NULL,
    record_type    TINYINT     NOT NULL,
    viewer_id      BIGINT      NOT NULL,
    counted_view   TINYINT     NOT NULL,
    played_seconds INT         NOT NULL,
    ad_views       SMALLINT    NOT NULL,
    start_seconds  INT         NOT NULL,
    end_seconds    INT         NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (watched_date, video_id, playback_id, record_type)
) ENGINE = InnoDB
    PARTITION BY RANGE COLUMNS (watched_date) (
        PARTITION p_history VALUES LESS THAN ('2000-01-01'),
        PARTITION p_future VALUES LESS THAN (MAXVALUE)
    );
