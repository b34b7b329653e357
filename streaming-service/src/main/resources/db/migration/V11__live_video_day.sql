-- The current, unsettled day so far, per video: views, play seconds and ad views as credited, added by every batch
-- of plays and pauses in its own transaction (one multi-row upsert, rows in video-id order so concurrent batches
-- lock them in one order). Keyed by the same date as the watch-history records of that batch, so until the day is
-- settled its rows equal the sums the batch will read. Only videos with something credited get a row.
-- ix_live_creator: a creator's videos of one day, a range of one index.
CREATE TABLE live_video_day (
    stat_date    DATE   NOT NULL,
    video_id     BIGINT NOT NULL,
    creator_id   BIGINT NOT NULL,
    views        BIGINT NOT NULL,
    play_seconds BIGINT NOT NULL,
    ad_views     BIGINT NOT NULL,
    PRIMARY KEY (stat_date, video_id),
    KEY ix_live_creator (creator_id, stat_date, video_id)
) ENGINE = InnoDB;
