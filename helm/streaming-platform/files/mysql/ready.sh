#!/bin/bash
# Readiness of a MySQL pod. The primary: it answers a query. A replica: it answers and its applier runs, so a replica
# whose replication stopped (an error, STOP REPLICA) leaves the read Service instead of serving ever older data.
# A replica whose primary is away stays ready: the applier runs while the receiver reconnects. One whose receiver
# stopped because the primary no longer has the binary log it needs (error 1236: away longer than
# mysql.binlogExpireSeconds) can never catch up: it leaves the read Service too, and is re-seeded (docs/deploy.md).
set -euo pipefail
export MYSQL_PWD="$MYSQL_ROOT_PASSWORD"
sql() {
  mysql --user=root --batch --skip-column-names --connect-timeout=3 --execute="$1"
}
if [ "${ROLE:-}" == replica ]; then
  state=$(sql "SELECT SERVICE_STATE FROM performance_schema.replication_applier_status WHERE CHANNEL_NAME = ''")
  [ "$state" == ON ] || {
    echo "replication applier: ${state:-not configured}" >&2
    exit 1
  }
  lost=$(sql "SELECT LAST_ERROR_MESSAGE FROM performance_schema.replication_connection_status WHERE CHANNEL_NAME = ''
    AND SERVICE_STATE = 'OFF' AND (LAST_ERROR_NUMBER IN (1236, 13114) OR LAST_ERROR_MESSAGE LIKE '%error 1236%')")
  [ -z "$lost" ] || {
    echo "replication receiver stopped for good (re-seed this replica): $lost" >&2
    exit 1
  }
else
  sql 'SELECT 1' >/dev/null
fi
