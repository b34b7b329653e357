-- Per creator per settled day: the sums of the creator's videos' daily rows (video_daily_stats joined with
-- video_daily_settlement), written by settlement-batch's creatorRollup step in the same job as those rows. A
-- channel's time series reads at most 2 × 366 rows of the primary key instead of summing every video's days.
-- (stat_date) finds a date's rows when the batch replaces them (a re-settle).
CREATE TABLE creator_daily_stats (
    creator_id   BIGINT NOT NULL,
    stat_date    DATE   NOT NULL,
    views        BIGINT NOT NULL,
    play_seconds BIGINT NOT NULL,
    ad_views     BIGINT NOT NULL,
    video_amount BIGINT NOT NULL,
    ad_amount    BIGINT NOT NULL,
    PRIMARY KEY (creator_id, stat_date),
    KEY ix_creator_daily_date (stat_date)
) ENGINE = InnoDB;

-- The days settled before this table existed, summed the same way as the batch does.
INSERT INTO creator_daily_stats (creator_id, stat_date, views, play_seconds, ad_views, video_amount, ad_amount)
SELECT s.creator_id, s.stat_date, SUM(s.views), SUM(s.play_seconds), SUM(s.ad_views), SUM(t.video_amount),
       SUM(t.ad_amount)
FROM video_daily_stats s
         JOIN video_daily_settlement t ON t.stat_date = s.stat_date AND t.video_id = s.video_id
GROUP BY s.creator_id, s.stat_date;
