#!/usr/bin/env bash
# The kind e2e's user journey, through the Ingress of a release installed by .github/workflows/e2e.yml:
#   a creator and two viewers sign up; the creator registers three videos; the viewers play and pause with known
#   positions (views and ad views are exact, played seconds exact but for one seek whose credit the API reports);
#   the MySQL replica pod is restarted while play/pause keep answering 200; the day that was played is settled by a
#   Job made from the installed CronJob (docs/deploy.md "Run a backfill"); the Top 5 and the settlement are read
#   back and compared with the numbers the rules give (DESIGN.md: view counting, ads every 5 minutes, tier prices).
# Environment: RELEASE (sp), NAMESPACE (sp), API (http://localhost: the Ingress host).
set -euo pipefail

RELEASE=${RELEASE:-sp}
NAMESPACE=${NAMESPACE:-sp}
API=${API:-http://localhost}
RUN=$(date +%s)
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

kube() { kubectl -n "$NAMESPACE" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "==> $*"; }

# call METHOD PATH [TOKEN] [BODY]: the status in $STATUS, the body in the file $BODY
call() {
  local method=$1 path=$2 token=${3:-} body=${4:-}
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method" "$API$path" -H 'Content-Type: application/json')
  if [ -n "$token" ]; then args+=(-H "Authorization: Bearer $token"); fi
  if [ -n "$body" ]; then args+=(-d "$body"); fi
  : >"$BODY"
  STATUS=$(curl "${args[@]}") || STATUS=000
}

# expect STATUS METHOD PATH [TOKEN] [BODY]: prints the body, or fails naming the call
expect() {
  local want=$1
  shift
  call "$@"
  [ "$STATUS" = "$want" ] || fail "$1 $2 answered $STATUS, expected $want: $(cat "$BODY")"
  cat "$BODY"
}

# equal WHAT ACTUAL EXPECTED: compares two JSON documents (jq -S)
equal() {
  local actual expected
  actual=$(jq -S -c . <<<"$2")
  expected=$(jq -S -c . <<<"$3")
  [ "$actual" = "$expected" ] || fail "$1: got $actual, expected $expected"
  echo "ok   $1"
}

# eventually WHAT EXPECTED COMMAND...: reports are read from the replica, which may lag the settlement's writes
# for a moment (and has just restarted): COMMAND's output must equal EXPECTED within 90 s
eventually() {
  local what=$1 expected=$2 actual=""
  shift 2
  for _ in $(seq 1 30); do
    actual=$("$@") || true
    if [ "$(jq -S . <<<"$actual" 2>/dev/null)" = "$(jq -S . <<<"$expected")" ]; then
      echo "ok   $what"
      return 0
    fi
    sleep 3
  done
  fail "$what: got $actual, expected $expected"
}

user() {
  expect 201 POST /api/users "" "{\"email\":\"$1-$RUN@example.com\",\"password\":\"e2e-password\",\"nickname\":\"$1\",\"role\":\"$2\"}" >/dev/null
  expect 200 POST /api/auth/login "" "{\"email\":\"$1-$RUN@example.com\",\"password\":\"e2e-password\"}" | jq -er .accessToken
}

video() {
  expect 201 POST /api/videos "$1" "{\"title\":\"$2\",\"durationSeconds\":$3}" | jq -er .id
}

# play_pause TOKEN VIDEO POSITION [WATCH]: prints "countedAsView resumeFromSeconds playedSeconds adViews";
# WATCH seconds pass between the play and the pause
play_pause() {
  local play pause
  play=$(expect 200 POST "/api/videos/$2/play" "$1")
  [ -z "${4:-}" ] || sleep "$4"
  pause=$(expect 200 POST "/api/videos/$2/pause" "$1" \
    "{\"playbackId\":$(jq -er .playbackId <<<"$play"),\"positionSeconds\":$3}")
  echo "$(jq -r '"\(.countedAsView) \(.resumeFromSeconds)"' <<<"$play") $(jq -r '"\(.playedSeconds) \(.adViews)"' <<<"$pause")"
}

# --- the platform day ---------------------------------------------------------------------------------------------
ZONE=$(kube get configmap "$RELEASE-config" -o jsonpath='{.data.PLATFORM_ZONE}')
[ -n "$ZONE" ] || fail "no PLATFORM_ZONE in ConfigMap $RELEASE-config"
# every record belongs to the platform-zone date it is recorded on: keep the plays away from midnight there
left=$(( $(TZ=$ZONE date -d 'tomorrow 00:00' +%s) - $(date +%s) ))
if [ "$left" -lt 900 ]; then
  step "$left s to midnight in $ZONE: waiting for the next day"
  sleep $((left + 5))
fi
DAY=$(TZ=$ZONE date +%F)
step "Playing on $DAY ($ZONE)"

# --- users and videos ---------------------------------------------------------------------------------------------
step "Sign-up and login: a creator and two viewers"
creator=$(user creator CREATOR)
viewer1=$(user viewer1 VIEWER)
viewer2=$(user viewer2 VIEWER)
step "The creator registers 15:00, 5:00 and 5:01 (ads at [300, 600], [], [300])"
fifteen=$(video "$creator" "e2e fifteen minutes" 900)
five=$(video "$creator" "e2e exactly five" 300)
five1=$(video "$creator" "e2e five and a second" 301)
equal "ad positions of 15:00, 5:00, 5:01" \
  "$(for v in "$fifteen" "$five" "$five1"; do expect 200 GET "/api/videos/$v" "$creator" | jq -c .adPositions; done | jq -s -c .)" \
  '[[300,600],[],[300]]'

# --- plays and pauses ---------------------------------------------------------------------------------------------
# A viewer watches one thing at a time: all of a viewer's pauses together credit at most the time that passed since
# the viewer's first credited play plus 2 s (the tolerance). A first pause is credited up to 2 s however fast it
# follows its play; each later pause of the same viewer waits 2.5 s (WATCH) so its seconds really passed.
# "countedAsView resume played adViews" per line:
step "Plays and pauses"
p1=$(play_pause "$viewer1" "$fifteen" 2)       # a view; 0..2: 2 s
p2=$(play_pause "$viewer1" "$fifteen" 4 2.5)   # replay inside 30 s: no view; resumes at 2; 2..4: 2 s
p3=$(play_pause "$viewer2" "$fifteen" 1)       # a view; 1 s
p4=$(play_pause "$viewer1" "$five" 2 2.5)      # a view; 2 s, no ad in a 5:00 video
p5=$(play_pause "$viewer2" "$five1" 299 2.5)   # a view; seeks to 4:59: credited the viewer's time left (about 3.5 s)
p6=$(play_pause "$viewer2" "$five1" 301 2.5)   # replay: no view; resumes at 299; 299..301 passes the ad at 300
p7=$(play_pause "$creator" "$fifteen" 900) # the creator's own: no view, nothing credited to the statistics
equal "plays 1-4, 6" "$(printf '"%s"\n' "$p1" "$p2" "$p3" "$p4" "$p6" | jq -s -c .)" \
  '["true 0 2 0","false 2 2 0","true 0 1 0","true 0 2 0","false 299 2 1"]'
read -r counted5 resume5 seek ads5 <<<"$p5"
[ "$counted5 $resume5 $ads5" = "true 0 0" ] || fail "play 5: $p5"
if [ "$seek" -lt 2 ] || [ "$seek" -gt 5 ]; then
  fail "the seek to 4:59 was credited $seek s, expected 2..5 (cap: the viewer's time since the play + 2, less 1 s still credited to play 3)"
fi
read -r counted7 _ _ _ <<<"$p7"
[ "$counted7" = false ] || fail "the creator's own play counted as a view: $p7"
echo "ok   plays: the seek was credited $seek s"

# --- the MySQL replica restarts: play/pause keep answering ---------------------------------------------------------
step "Restarting the MySQL replica pod while the creator plays and pauses (own playbacks: the numbers stay put)"
kube delete pod "$RELEASE-mysql-replica-0" --wait=false
away=0 served=0 deadline=$(( $(date +%s) + 420 ))
while :; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the replica did not come back within 7 minutes ($served pairs served, $away while it was away)"
  ready=$(kube get pod "$RELEASE-mysql-replica-0" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)
  [ "$ready" = True ] || away=$((away + 1))
  play_pause "$creator" "$five" 1 >/dev/null   # fails the journey on anything but 200
  served=$((served + 1))
  if [ "$ready" = True ] && [ "$away" -gt 0 ]; then break; fi
  sleep 1
done
echo "ok   $served play/pause pairs answered 200, $away of them while the replica was not ready"
[ "$away" -gt 0 ] || fail "no request was made while the replica was away"

[ "$(TZ=$ZONE date +%F)" = "$DAY" ] || fail "the day in $ZONE changed during the plays: run again"

# --- settle the day that was played ------------------------------------------------------------------------------
# the day played is today, not over yet: the batch refuses it (exit 4) unless told to settle an open day
JOB=e2e-settle-$DAY
step "Settling $DAY with Job $JOB made from cronjob/$RELEASE-settlement"
kube create job "$JOB" --from="cronjob/$RELEASE-settlement" --dry-run=client -o json \
  | kubectl patch --local -f - --type=json -o json -p '[
      {"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": ["settle", "--date", "'"$DAY"'", "--allow-open-day"]}]' \
  | kube create -f -
for _ in $(seq 1 120); do
  state=$(kube get job "$JOB" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
  case "$state" in
    *Complete*) break ;;
    *Failed*) kube logs "job/$JOB" --tail=100 || true; fail "Job $JOB failed" ;;
  esac
  sleep 5
done
[[ "$state" == *Complete* ]] || fail "Job $JOB did not complete in 10 minutes"
kube logs "job/$JOB" --tail=50

# --- the reports, through the Ingress -----------------------------------------------------------------------------
# views: 15:00 two (viewer1, viewer2), 5:00 one, 5:01 one; played seconds: 15:00 2+2+1, 5:00 2, 5:01 seek+2;
# ad views: 5:01 one. Ranks: by views then the lower id; by play seconds then the lower id.
step "Top 5 and settlement of $DAY"
expected_top() { # by: views | play
  jq -n -c --arg by "$1" --argjson a "$fifteen" --argjson b "$five" --argjson c "$five1" --argjson seek "$seek" '
    [{videoId: $a, title: "e2e fifteen minutes", views: 2, playSeconds: 5},
     {videoId: $b, title: "e2e exactly five", views: 1, playSeconds: 2},
     {videoId: $c, title: "e2e five and a second", views: 1, playSeconds: ($seek + 2)}]
    | sort_by(if $by == "views" then [-.views, .videoId] else [-.playSeconds, .videoId] end)
    | to_entries | map(.value + {rank: (.key + 1)})'
}
top() { expect 200 GET "/api/stats/top?period=DAILY&date=$DAY&by=$1&scope=$2" "$3" | jq -c '.items | map({rank, videoId, title, views, playSeconds})'; }
eventually "Top 5 by views, platform-wide" "$(expected_top views)" top VIEWS ALL "$viewer1"
eventually "Top 5 by play time, platform-wide" "$(expected_top play)" top PLAY_TIME ALL "$viewer1"
eventually "Top 5 by views, the creator's own" "$(expected_top views)" top VIEWS MINE "$creator"
eventually "Top 5 by play time, the creator's own" "$(expected_top play)" top PLAY_TIME MINE "$creator"
# first-tier prices: 1 won per view, 10 won per ad view; the first settled day is also the whole week and month
settlement() {
  expect 200 GET "/api/settlements?period=$1&date=$DAY" "$creator" | jq -c '{videoAmount, adAmount, totalAmount,
    items: (.items | sort_by(.videoId) | map({videoId, views, adViews, videoAmount, adAmount, totalAmount}))}'
}
expected_settlement=$(jq -n -c --argjson a "$fifteen" --argjson b "$five" --argjson c "$five1" '
  {videoAmount: 4, adAmount: 10, totalAmount: 14, items: ([
    {videoId: $a, views: 2, adViews: 0, videoAmount: 2, adAmount: 0, totalAmount: 2},
    {videoId: $b, views: 1, adViews: 0, videoAmount: 1, adAmount: 0, totalAmount: 1},
    {videoId: $c, views: 1, adViews: 1, videoAmount: 1, adAmount: 10, totalAmount: 11}] | sort_by(.videoId))}')
for period in DAILY WEEKLY MONTHLY; do
  eventually "settlement $period" "$expected_settlement" settlement "$period"
done
# a viewer sees no settlement
call GET "/api/settlements?period=DAILY&date=$DAY" "$viewer1"
[ "$STATUS" = 403 ] || fail "a viewer's settlement request answered $STATUS, expected 403"
echo "ok   a viewer is refused the settlement (403)"
step "The journey passed"
