-- Filled by settlement-batch, read by the statistics and settlement endpoints (through the replica).

-- Per video per settled day, with the lifetime counts at the end of that day (the next day is priced from them).
-- Clustered by date: a day is written as one append; (video_id, stat_date) finds a video's previous day.
CREATE TABLE video_daily_stats (
    stat_date           DATE   NOT NULL,
    video_id            BIGINT NOT NULL,
    creator_id          BIGINT NOT NULL,
    views               BIGINT NOT NULL,
    play_seconds        BIGINT NOT NULL,
    ad_views            BIGINT NOT NULL,
    cumulative_views    BIGINT NOT NULL,
    cumulative_ad_views BIGINT NOT NULL,
    history_rows        INT    NOT NULL,
    PRIMARY KEY (stat_date, video_id),
    KEY ix_daily_stats_video (video_id, stat_date)
) ENGINE = InnoDB;

-- Per video per settled day, in whole won (each amount truncated per video per day).
CREATE TABLE video_daily_settlement (
    stat_date    DATE   NOT NULL,
    video_id     BIGINT NOT NULL,
    creator_id   BIGINT NOT NULL,
    video_amount BIGINT NOT NULL,
    ad_amount    BIGINT NOT NULL,
    PRIMARY KEY (stat_date, video_id)
) ENGINE = InnoDB;

-- Per video per period ('D', 'W', 'M', keyed by the period's first day): sums of the settled days. A creator's
-- Top 5 by views is an ordered read of ix_period_creator_views (descending views, ascending id breaks ties);
-- by play time and settlement read the same index's (creator, period, start) prefix: the creator's rows of the
-- period, sorted. One secondary index instead of two per metric halves the index writes of every rollup row.
CREATE TABLE video_period_stats (
    period       CHAR(1) NOT NULL,
    period_start DATE    NOT NULL,
    video_id     BIGINT  NOT NULL,
    creator_id   BIGINT  NOT NULL,
    views        BIGINT  NOT NULL,
    play_seconds BIGINT  NOT NULL,
    ad_views     BIGINT  NOT NULL,
    video_amount BIGINT  NOT NULL,
    ad_amount    BIGINT  NOT NULL,
    PRIMARY KEY (period, period_start, video_id),
    KEY ix_period_creator_views (creator_id, period, period_start, views DESC, video_id)
) ENGINE = InnoDB;

-- The platform-wide Top 5 of each period by views ('V') and by play time ('P'), written by the batch after the
-- rollups: a primary-key read for the API instead of two more indexes on every rollup row.
CREATE TABLE period_top (
    period       CHAR(1) NOT NULL,
    period_start DATE    NOT NULL,
    metric       CHAR(1) NOT NULL,
    rank_no      TINYINT NOT NULL,
    video_id     BIGINT  NOT NULL,
    views        BIGINT  NOT NULL,
    play_seconds BIGINT  NOT NULL,
    PRIMARY KEY (period, period_start, metric, rank_no)
) ENGINE = InnoDB;

-- Which dates are settled, with the figures of the run that settled them.
CREATE TABLE settled_dates (
    stat_date   DATE        NOT NULL,
    settled_at  DATETIME(6) NOT NULL,
    videos      BIGINT      NOT NULL,
    rows_read   BIGINT      NOT NULL,
    duration_ms BIGINT      NOT NULL,
    PRIMARY KEY (stat_date)
) ENGINE = InnoDB;
