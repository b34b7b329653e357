#!/bin/bash
# Readiness of a MySQL pod. The primary: it answers a query. A replica: it answers, its applier runs and its receiver
# has not stopped, so a replica whose replication stopped leaves the read Service instead of serving ever older data:
# an error or STOP REPLICA; the receiver giving up on an unreachable primary (it retries every 10 s for a day,
# replica-init.sh), after which only START REPLICA or a restart resumes it; or error 1236, the binary log it needs
# gone from the primary (away longer than mysql.binlogExpireSeconds), after which it must be re-seeded
# (docs/deploy.md "MySQL replication"). A replica whose primary is away stays ready while its receiver retries.
set -euo pipefail
export MYSQL_PWD="$MYSQL_ROOT_PASSWORD"
sql() {
  mysql --user=root --batch --skip-column-names --connect-timeout=3 --execute="$1"
}
if [ "${ROLE:-}" == replica ]; then
  # one query (the probe's timeout is 4 s): applier state, receiver state, the receiver's last error
  row=$(sql "SELECT a.SERVICE_STATE, COALESCE(c.SERVICE_STATE, 'none'), COALESCE(c.LAST_ERROR_NUMBER, 0),
    COALESCE(c.LAST_ERROR_MESSAGE, '') FROM performance_schema.replication_applier_status a
    LEFT JOIN performance_schema.replication_connection_status c ON c.CHANNEL_NAME = a.CHANNEL_NAME
    WHERE a.CHANNEL_NAME = ''")
  IFS=$'\t' read -r applier receiver errno message <<<"$row" || true
  [ "${applier:-}" == ON ] || {
    echo "replication applier: ${applier:-not configured}" >&2
    exit 1
  }
  [ "$receiver" != OFF ] || {
    echo "replication receiver stopped (error ${errno}: ${message:-none}); START REPLICA once the primary is back," \
      "or re-seed this replica if the error is 13114 / 1236" >&2
    exit 1
  }
else
  sql 'SELECT 1' >/dev/null
fi
