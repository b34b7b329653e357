#!/usr/bin/env bash
# Fills a scratch database with 1,000,000 videos x 31 days of daily rollup rows (plus the weeks and the month)
# and prints EXPLAIN for every Top 5 and settlement query streaming-service runs.
# Usage: streaming-service/explain/explain-queries.sh [mariadb client options, e.g. -h127.0.0.1 -P3308]
# Needs a MariaDB server (the fill uses its SEQUENCE engine); the queries themselves are MySQL 8.4 SQL too.
set -euo pipefail
cd "$(dirname "$0")"
DB=explain_demo
SQL="mariadb -uroot $* --table"
$SQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
for f in ../src/main/resources/db/migration/V*.sql; do $SQL $DB < "$f"; done
$SQL $DB <<'SQL'
SET unique_checks = 0;
INSERT INTO videos (id, creator_id, title, duration_seconds, created_at)
SELECT seq, seq % 10000 + 1, CONCAT('video ', seq), 600, '2027-01-01' FROM seq_1_to_1000000;
INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds, ad_views, video_amount, ad_amount)
SELECT 'D', '2027-01-01' + INTERVAL d.seq DAY, v.seq, v.seq % 10000 + 1,
       (v.seq * 7919 + d.seq * 104729) % 100003, (v.seq * 104729 + d.seq * 7919) % 1000003,
       (v.seq + d.seq) % 1000, (v.seq * 7919 + d.seq * 104729) % 100003, ((v.seq + d.seq) % 1000) * 10
FROM seq_0_to_30 d, seq_1_to_1000000 v;
INSERT INTO video_period_stats
SELECT 'W', period_start - INTERVAL WEEKDAY(period_start) DAY, video_id, MIN(creator_id), SUM(views), SUM(play_seconds),
       SUM(ad_views), SUM(video_amount), SUM(ad_amount)
FROM video_period_stats WHERE period = 'D' GROUP BY period_start - INTERVAL WEEKDAY(period_start) DAY, video_id;
INSERT INTO video_period_stats
SELECT 'M', '2027-01-01', video_id, MIN(creator_id), SUM(views), SUM(play_seconds), SUM(ad_views), SUM(video_amount),
       SUM(ad_amount)
FROM video_period_stats WHERE period = 'D' GROUP BY video_id;
INSERT INTO video_period_stats
-- the sample is January only, so its year is its month
SELECT 'Y', '2027-01-01', video_id, creator_id, views, play_seconds, ad_views, video_amount, ad_amount
FROM video_period_stats WHERE period = 'M';
ANALYZE TABLE video_period_stats, videos;
SELECT period, COUNT(*) AS `rows` FROM video_period_stats GROUP BY period;
SQL
explain() {
  echo "-- $1"
  $SQL $DB -e "EXPLAIN $2"
  $SQL $DB -e "$2" | head -4
}
$SQL $DB <<'SQL'
INSERT INTO period_top
SELECT period, period_start, 'V', ROW_NUMBER() OVER (ORDER BY views DESC, video_id), video_id, views, play_seconds
FROM (SELECT * FROM video_period_stats WHERE period = 'D' AND period_start = '2027-01-15' ORDER BY views DESC, video_id LIMIT 5) t;
SQL
top="SELECT t.video_id, v.title, t.views, t.play_seconds FROM period_top t JOIN videos v ON v.id = t.video_id"
mine="SELECT s.video_id, v.title, s.views, s.play_seconds FROM video_period_stats s JOIN videos v ON v.id = s.video_id"
explain "Top 5 ALL (any period, either metric): the batch's ranking" "$top WHERE t.period = 'D' AND t.period_start = '2027-01-15' AND t.metric = 'V' ORDER BY t.rank_no LIMIT 5"
explain "Top 5 MINE, DAILY, by views" "$mine WHERE s.creator_id = 4242 AND s.period = 'D' AND s.period_start = '2027-01-15' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Top 5 MINE, WEEKLY, by play time" "$mine WHERE s.creator_id = 4242 AND s.period = 'W' AND s.period_start = '2027-01-11' AND s.play_seconds > 0 ORDER BY s.play_seconds DESC, s.video_id LIMIT 5"
explain "Top 5 MINE, MONTHLY, by views" "$mine WHERE s.creator_id = 4242 AND s.period = 'M' AND s.period_start = '2027-01-01' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Settlement, DAILY" "SELECT s.video_id, v.title, s.views, s.ad_views, s.video_amount, s.ad_amount FROM video_period_stats s JOIN videos v ON v.id = s.video_id WHERE s.creator_id = 4242 AND s.period = 'D' AND s.period_start = '2027-01-15' ORDER BY s.video_id"
explain "Top 5 MINE, YEARLY, by views" "$mine WHERE s.creator_id = 4242 AND s.period = 'Y' AND s.period_start = '2027-01-01' AND s.views > 0 ORDER BY s.views DESC, s.video_id LIMIT 5"
explain "Settlement, MONTHLY" "SELECT s.video_id, v.title, s.views, s.ad_views, s.video_amount, s.ad_amount FROM video_period_stats s JOIN videos v ON v.id = s.video_id WHERE s.creator_id = 4242 AND s.period = 'M' AND s.period_start = '2027-01-01' ORDER BY s.video_id"
