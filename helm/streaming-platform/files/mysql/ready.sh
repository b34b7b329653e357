#!/bin/bash
# Readiness of a MySQL pod. The primary: it answers a query. A replica: it answers and its applier runs, so a replica
# whose replication stopped (an error, STOP REPLICA) leaves the read Service instead of serving ever older data.
# A replica whose primary is away stays ready: the applier runs while the receiver reconnects.
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
else
  sql 'SELECT 1' >/dev/null
fi
