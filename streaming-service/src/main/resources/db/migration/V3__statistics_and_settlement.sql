-- Filled by settlement-batch, read by the statistics and settlement endpoints (through the replica).

-- Per video per settled day, with the lifetime counts at the end of that day (pricing of the next day).
CREATE TABLE video_daily_stats (
    video_id            BIGINT NOT NULL,
    stat_date           DATE   NOT NULL,
    creator_id          BIGINT NOT NULL,
    views               BIGINT NOT NULL,
    play_seconds        BIGINT NOT NULL,
    ad_views            BIGINT NOT NULL,
    cumulative_views    BIGINT NOT NULL,
    cumulative_ad_views BIGINT NOT NULL,
    PRIMARY KEY (video_id, stat_date),
    KEY ix_daily_stats_date (stat_date, video_id)
) ENGINE = InnoDB;

-- Per video per settled day, in whole won (each amount truncated per video per day).
CREATE TABLE video_daily_settlement (
    video_id     BIGINT NOT NULL,
    stat_date    DATE   NOT NULL,
    creator_id   BIGINT NOT NULL,
    video_amount BIGINT NOT NULL,
    ad_amount    BIGINT NOT NULL,
    PRIMARY KEY (video_id, stat_date),
    KEY ix_daily_settlement_date (stat_date, video_id)
) ENGINE = InnoDB;

-- Per video per period (period 'D', 'W', 'M' from its first day): sums of the settled days. Every Top 5 and
-- settlement query is a range read of one of these indexes (descending metric, ascending id breaks ties).
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
    KEY ix_period_top_views (period, period_start, views DESC, video_id),
    KEY ix_period_top_play (period, period_start, play_seconds DESC, video_id),
    KEY ix_period_creator_views (creator_id, period, period_start, views DESC, video_id),
    KEY ix_period_creator_play (creator_id, period, period_start, play_seconds DESC, video_id)
) ENGINE = InnoDB;

-- Which dates are settled, by which run: the batch's own ledger, and what the API reports as settled.
CREATE TABLE settled_dates (
    stat_date   DATE        NOT NULL,
    settled_at  DATETIME(6) NOT NULL,
    videos      BIGINT      NOT NULL,
    rows_read   BIGINT      NOT NULL,
    duration_ms BIGINT      NOT NULL,
    PRIMARY KEY (stat_date)
) ENGINE = InnoDB;
