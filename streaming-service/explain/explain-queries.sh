#!/usr/bin/env bash
# Fills a scratch database with VIDEOS videos of 10,000 creators x DAYS settled days (from 2027-01-01) in every
# table the read endpoints use -- the daily tables, the day/week/month/year rollups, the creators' daily rollup, the
# live counters of one day -- and prints EXPLAIN (and the first rows) of every query streaming-service's report
# endpoints run: Top 5, settlement, a creator's ranking, time series, statements, today so far.
# Usage: [VIDEOS=1000000] [DAYS=31] streaming-service/explain/explain-queries.sh [mariadb client options]
# Needs a MariaDB server (the fill uses its SEQUENCE engine); the queries themselves are MySQL 8.4 SQL too.
# Disk: about 0.4 GB per 1,000,000 video-days (1,000,000 x 31: ~13 GB; 1,000,000 x 365: ~150 GB).
set -euo pipefail
cd "$(dirname "$0")"
VIDEOS=${VIDEOS:-1000000}
DAYS=${DAYS:-31}
LAST=$((DAYS - 1))
DB=explain_demo
SQL="mariadb -uroot $* --table"
# a creator with 100 videos, a day and a video of the middle of the sample
CREATOR=4242
VIDEO=$((CREATOR - 1))
MID=$(date -u -d "2027-01-01 + $((DAYS / 2)) days" +%F)
$SQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
printf '%s\n' ../src/main/resources/db/migration/V*.sql | sort -V | while read -r f; do $SQL $DB < "$f"; done
start=$(date +%s)
$SQL $DB <<SQL
SET unique_checks = 0;
INSERT INTO videos (id, creator_id, title, duration_seconds, created_at)
SELECT seq, seq % 10000 + 1, CONCAT('video ', seq), 600, '2027-01-01' FROM seq_1_to_$VIDEOS;
INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)
SELECT '2027-01-01' + INTERVAL seq DAY, '2027-06-01', $VIDEOS, 0, 0 FROM seq_0_to_$LAST;
INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views, cumulative_views,
                               cumulative_ad_views, history_rows)
SELECT '2027-01-01' + INTERVAL d.seq DAY, v.seq, v.seq % 10000 + 1,
       (v.seq * 7919 + d.seq * 104729) % 100003, (v.seq * 104729 + d.seq * 7919) % 1000003, (v.seq + d.seq) % 1000,
       0, 0, 0
FROM seq_0_to_$LAST d, seq_1_to_$VIDEOS v;
INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount, ad_amount)
SELECT stat_date, video_id, creator_id, views, ad_views * 10 FROM video_daily_stats;
INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds, ad_views,
                                video_amount, ad_amount)
SELECT 'D', stat_date, video_id, creator_id, views, play_seconds, ad_views, views, ad_views * 10
FROM video_daily_stats;
INSERT INTO video_period_stats
SELECT 'W', period_start - INTERVAL WEEKDAY(period_start) DAY, video_id, MIN(creator_id), SUM(views), SUM(play_seconds),
       SUM(ad_views), SUM(video_amount), SUM(ad_amount)
FROM video_period_stats WHERE period = 'D' GROUP BY period_start - INTERVAL WEEKDAY(period_start) DAY, video_id;
INSERT INTO video_period_stats
SELECT 'M', period_start - INTERVAL DAYOFMONTH(period_start) - 1 DAY, video_id, MIN(creator_id), SUM(views),
       SUM(play_seconds), SUM(ad_views), SUM(video_amount), SUM(ad_amount)
FROM video_period_stats WHERE period = 'D' GROUP BY period_start - INTERVAL DAYOFMONTH(period_start) - 1 DAY, video_id;
INSERT INTO video_period_stats
SELECT 'Y', '2027-01-01', video_id, MIN(creator_id), SUM(views), SUM(play_seconds), SUM(ad_views), SUM(video_amount),
       SUM(ad_amount)
FROM video_period_stats WHERE period = 'M' GROUP BY video_id;
INSERT INTO creator_daily_stats (creator_id, stat_date, views, play_seconds, ad_views, video_amount, ad_amount)
SELECT creator_id, period_start, SUM(views), SUM(play_seconds), SUM(ad_views), SUM(video_amount), SUM(ad_amount)
FROM video_period_stats WHERE period = 'D' GROUP BY creator_id, period_start;
INSERT INTO period_top
SELECT period, period_start, 'V', ROW_NUMBER() OVER (ORDER BY views DESC, video_id), video_id, views, play_seconds
FROM (SELECT * FROM video_period_stats WHERE period = 'D' AND period_start = '$MID'
      ORDER BY views DESC, video_id LIMIT 5) t;
-- the day after the sample, not settled: 1,000,000 videos with something counted so far
INSERT INTO live_video_day (stat_date, video_id, creator_id, views, play_seconds, ad_views)
SELECT '2027-01-01' + INTERVAL $DAYS DAY, seq, seq % 10000 + 1, seq % 97, seq % 9973, seq % 13 FROM seq_1_to_$VIDEOS;
ANALYZE TABLE videos, video_daily_stats, video_daily_settlement, video_period_stats, creator_daily_stats,
    live_video_day, settled_dates;
SELECT 'video_daily_stats' AS \`table\`, COUNT(*) AS \`rows\` FROM video_daily_stats
UNION ALL SELECT 'video_daily_settlement', COUNT(*) FROM video_daily_settlement
UNION ALL SELECT CONCAT('video_period_stats ', period), COUNT(*) FROM video_period_stats GROUP BY period
UNION ALL SELECT 'creator_daily_stats', COUNT(*) FROM creator_daily_stats
UNION ALL SELECT 'live_video_day', COUNT(*) FROM live_video_day;
SQL
echo "-- filled $VIDEOS videos x $DAYS days in $(($(date +%s) - start)) s"
explain() {
  echo "-- $1"
  $SQL $DB -e "EXPLAIN $2"
  $SQL $DB -e "$2" | head -4
}
OPEN=$(date -u -d "2027-01-01 + $DAYS days" +%F)
TO=$(date -u -d "2027-01-01 + $LAST days" +%F)
top="SELECT t.video_id, v.title, t.views, t.play_seconds FROM period_top t JOIN videos v ON v.id = t.video_id"
mine="SELECT s.video_id, v.title, s.views, s.play_seconds FROM video_period_stats s JOIN videos v ON v.id = s.video_id"
settlement="SELECT s.video_id, v.title, s.views, s.ad_views, s.video_amount, s.ad_amount FROM video_period_stats s JOIN videos v ON v.id = s.video_id"
explain "Top 5 ALL (any period, either metric): the batch's ranking" "$top WHERE t.period = 'D' AND t.period_start = '$MID' AND t.metric = 'V' ORDER BY t.rank_no LIMIT 5"
explain "Top 5 MINE, DAILY, by views" "$mine WHERE s.creator_id = $CREATOR AND s.period = 'D' AND s.period_start = '$MID' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Top 5 MINE, WEEKLY, by play time" "$mine WHERE s.creator_id = $CREATOR AND s.period = 'W' AND s.period_start = '2027-01-11' AND s.play_seconds > 0 ORDER BY s.play_seconds DESC, s.video_id LIMIT 5"
explain "Top 5 MINE, MONTHLY, by views" "$mine WHERE s.creator_id = $CREATOR AND s.period = 'M' AND s.period_start = '2027-01-01' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Top 5 MINE, YEARLY, by views" "$mine WHERE s.creator_id = $CREATOR AND s.period = 'Y' AND s.period_start = '2027-01-01' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Settlement, DAILY" "$settlement WHERE s.creator_id = $CREATOR AND s.period = 'D' AND s.period_start = '$MID' ORDER BY s.video_id"
explain "Settlement, MONTHLY" "$settlement WHERE s.creator_id = $CREATOR AND s.period = 'M' AND s.period_start = '2027-01-01' ORDER BY s.video_id"
# A creator's ranking over a range reads the fewest whole period rows tiling it (2027-01-03 .. 2027-01-29: a day,
# three weeks, five days).
ranked="SELECT r.video_id, v.title, r.views, r.play_seconds, r.ad_views, r.video_amount, r.ad_amount FROM (SELECT * FROM (SELECT s.video_id, SUM(s.views) AS views, SUM(s.play_seconds) AS play_seconds, SUM(s.ad_views) AS ad_views, SUM(s.video_amount) AS video_amount, SUM(s.ad_amount) AS ad_amount, SUM(s.video_amount + s.ad_amount) AS total_amount FROM video_period_stats s WHERE s.creator_id = $CREATOR AND"
explain "Creator ranking by revenue, 2027-01-03..2027-01-29 (D + W rows)" "$ranked ((s.period = 'W' AND s.period_start IN ('2027-01-04', '2027-01-11', '2027-01-18')) OR (s.period = 'D' AND s.period_start IN ('2027-01-03', '2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-01-29'))) GROUP BY s.video_id) g WHERE total_amount > 0 ORDER BY total_amount DESC, video_id LIMIT 50) r JOIN videos v ON v.id = r.video_id ORDER BY total_amount DESC, video_id"
explain "Creator ranking by views, MONTHLY" "$ranked ((s.period = 'M' AND s.period_start IN ('2027-01-01'))) GROUP BY s.video_id) g WHERE views > 0 ORDER BY views DESC, video_id LIMIT 10) r JOIN videos v ON v.id = r.video_id ORDER BY views DESC, video_id"
# Time series (SeriesReads): the whole sample and the previous equal-length range, 2 x DAYS days at most.
explain "Channel series, the whole sample (creator_daily_stats)" "SELECT stat_date, views, play_seconds, ad_views, video_amount, ad_amount FROM creator_daily_stats WHERE creator_id = $CREATOR AND stat_date BETWEEN '2027-01-01' - INTERVAL $DAYS DAY AND '$TO'"
explain "Video series, the whole sample" "SELECT s.stat_date, s.views, s.play_seconds, s.ad_views, t.video_amount, t.ad_amount FROM video_daily_stats s STRAIGHT_JOIN video_daily_settlement t ON t.stat_date = s.stat_date AND t.video_id = s.video_id WHERE s.video_id = $VIDEO AND s.stat_date BETWEEN '2027-01-01' - INTERVAL $DAYS DAY AND '$TO'"
# Statements (StatementReads): a range's daily sums per video, and whether all its days are settled.
explain "Statement of a range, the whole sample" "SELECT d.video_id, v.title, d.views, d.ad_views, d.video_amount, d.ad_amount FROM (SELECT video_id, SUM(views) AS views, SUM(ad_views) AS ad_views, SUM(video_amount) AS video_amount, SUM(ad_amount) AS ad_amount FROM video_period_stats WHERE creator_id = $CREATOR AND period = 'D' AND period_start BETWEEN '2027-01-01' AND '$TO' GROUP BY video_id) d JOIN videos v ON v.id = d.video_id ORDER BY d.video_id"
explain "Statement: settled days of the range" "SELECT COUNT(*) FROM settled_dates WHERE stat_date BETWEEN '2027-01-01' AND '$TO'"
# Today so far: the live counters of the open day, the settled rows of a settled one.
explain "Today: is the day settled" "SELECT 1 FROM settled_dates WHERE stat_date = '$OPEN'"
explain "Today: the channel's live counters" "SELECT l.video_id, v.title, l.views, l.play_seconds, l.ad_views FROM live_video_day l JOIN videos v ON v.id = l.video_id WHERE l.creator_id = $CREATOR AND l.stat_date = '$OPEN' ORDER BY l.video_id"
explain "Today: one video's live counters" "SELECT l.video_id, '', l.views, l.play_seconds, l.ad_views FROM live_video_day l WHERE l.stat_date = '$OPEN' AND l.video_id = $VIDEO"
explain "Today settled: the channel's day (D rows)" "SELECT s.video_id, v.title, s.views, s.play_seconds, s.ad_views FROM video_period_stats s JOIN videos v ON v.id = s.video_id WHERE s.creator_id = $CREATOR AND s.period = 'D' AND s.period_start = '$MID'"
explain "Today settled: one video's day" "SELECT s.video_id, '', s.views, s.play_seconds, s.ad_views FROM video_period_stats s WHERE s.period = 'D' AND s.period_start = '$MID' AND s.video_id = $VIDEO"
