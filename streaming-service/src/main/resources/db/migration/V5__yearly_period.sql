-- YEARLY ('Y', keyed by 1 January) joins the periods of video_period_stats and period_top (StatPeriod). From now on
-- the batch keeps the year rows with the others; this rolls up the days settled before: each video's year row is
-- the sum of its settled days (D rows), as every period row is. Reads each D row once. A year row the batch
-- already wrote (a new batch ran before this migration) is replaced by the same sums, so the order does not matter.
INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds, ad_views,
                                video_amount, ad_amount)
SELECT 'Y', MAKEDATE(YEAR(period_start), 1), video_id, creator_id, SUM(views), SUM(play_seconds), SUM(ad_views),
       SUM(video_amount), SUM(ad_amount)
FROM video_period_stats
WHERE period = 'D'
GROUP BY MAKEDATE(YEAR(period_start), 1), video_id, creator_id
ON DUPLICATE KEY UPDATE views = VALUES(views), play_seconds = VALUES(play_seconds), ad_views = VALUES(ad_views),
                        video_amount = VALUES(video_amount), ad_amount = VALUES(ad_amount);

-- The platform-wide Top 5 of those years by views ('V') and by play time ('P'), by the rule of Ranking as it
-- stands in this release (0 ranks nowhere, ties to the lower video id); the batch re-ranks the current year on
-- its next run.
DELETE FROM period_top WHERE period = 'Y';

INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views, play_seconds)
SELECT 'Y', period_start, 'V', rank_no, video_id, views, play_seconds
FROM (SELECT period_start, video_id, views, play_seconds,
             ROW_NUMBER() OVER (PARTITION BY period_start ORDER BY views DESC, video_id) AS rank_no
      FROM video_period_stats WHERE period = 'Y' AND views > 0) ranked
WHERE rank_no <= 5;

INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views, play_seconds)
SELECT 'Y', period_start, 'P', rank_no, video_id, views, play_seconds
FROM (SELECT period_start, video_id, views, play_seconds,
             ROW_NUMBER() OVER (PARTITION BY period_start ORDER BY play_seconds DESC, video_id) AS rank_no
      FROM video_period_stats WHERE period = 'Y' AND play_seconds > 0) ranked
WHERE rank_no <= 5;
