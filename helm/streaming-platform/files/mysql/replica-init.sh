#!/bin/bash
# A replica's init container, on every start of the pod (docs/deploy.md "MySQL replication").
#  1. writes this server's options: server-id 100 + pod ordinal, read_only and super_read_only (the role's file), so
#     the server that serves the pod is never a writable standalone;
#  2. replication already configured (data present): nothing is redone. Settings that changed (host, user, a rotated
#     password) are updated; mysqld resumes replication by itself when it starts;
#  3. otherwise (empty volume, an interrupted seed, data without replication): the data directory is emptied and
#     seeded from the primary with the clone plugin: waits for the primary with back-off (bounded: the init
#     container then fails and the kubelet starts it again), clones into a staging directory, moves the copy into
#     place and configures replication with GTID auto-positioning. A replica holds nothing of its own, so starting
#     its seed over loses nothing.
# Every temporary mysqld here runs without networking: only this script can reach it.
set -euo pipefail
# shellcheck source=lib.sh
source "${SCRIPTS_DIR:-/scripts}/lib.sh"
ROLE=replica

PRIMARY_HOST="${PRIMARY_HOST:-}"
PRIMARY_PORT="${PRIMARY_PORT:-3306}"
WAIT_ATTEMPTS="${WAIT_ATTEMPTS:-12}"
WAIT_FIRST_DELAY="${WAIT_FIRST_DELAY:-2}"
WAIT_MAX_DELAY="${WAIT_MAX_DELAY:-30}"

# The primary answers the clone user once its own init container has finished (it creates that user).
wait_for_primary() {
  local attempt=1 delay=$WAIT_FIRST_DELAY error
  while ! error=$(MYSQL_PWD="$REPLICATION_PASSWORD" mysql --host="$PRIMARY_HOST" --port="$PRIMARY_PORT" \
    --user=clone --ssl-mode=REQUIRED --connect-timeout=5 --batch --skip-column-names \
    --execute='SELECT 1' 2>&1 >/dev/null); do
    if ((attempt >= WAIT_ATTEMPTS)); then
      die "primary $PRIMARY_HOST:$PRIMARY_PORT not ready after $attempt attempts (${error:-no answer}); exiting so the kubelet starts this container again"
    fi
    log "primary $PRIMARY_HOST:$PRIMARY_PORT not ready (attempt $attempt of $WAIT_ATTEMPTS: ${error:-no answer}); next attempt in ${delay}s"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > WAIT_MAX_DELAY ? WAIT_MAX_DELAY : delay * 2))
  done
  log "primary $PRIMARY_HOST:$PRIMARY_PORT ready (attempt $attempt)"
}

# The settings replication should have, one line as the query below prints them.
wanted_source() {
  printf '%s\t%s\t%s\t%s\n' "$PRIMARY_HOST" "$PRIMARY_PORT" repl "$REPLICATION_PASSWORD"
}

# The configured source (empty when none): mysql.slave_master_info is the replica's connection metadata repository.
configured_source() {
  root_sql "$MYSQL_ROOT_PASSWORD" --raw <<'SQL'
SELECT Host, Port, User_name, User_password FROM mysql.slave_master_info WHERE Channel_name = '';
SQL
}

configure_replication() {
  root_sql "$MYSQL_ROOT_PASSWORD" <<SQL
CHANGE REPLICATION SOURCE TO SOURCE_HOST = $(sql_string "$PRIMARY_HOST"), SOURCE_PORT = $PRIMARY_PORT,
  SOURCE_USER = 'repl', SOURCE_PASSWORD = $(sql_string "$REPLICATION_PASSWORD"),
  SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 1, SOURCE_CONNECT_RETRY = 10, SOURCE_RETRY_COUNT = 8640;
SQL
}

# The replica's own server with replication stopped; read_only is lifted for this server only (no networking) so
# replication can be configured whatever MySQL's rules for read-only servers are.
start_local() {
  start_temp_server "--defaults-extra-file=$INSTANCE_CNF" "$DATADIR" --read-only=OFF --super-read-only=OFF
}

seed() {
  wait_for_primary
  log "seeding from $PRIMARY_HOST:$PRIMARY_PORT with CLONE INSTANCE"
  mkdir -p "$STAGE"
  # a throw-away server to run the clone from; the copy lands in $STAGE/clone, which must not exist yet
  mysqld --no-defaults --initialize-insecure --datadir="$STAGE/recipient"
  start_temp_server --no-defaults "$STAGE/recipient" --plugin-load-add=mysql_clone.so
  root_sql "" <<SQL
SET GLOBAL clone_valid_donor_list = $(sql_string "$PRIMARY_HOST:$PRIMARY_PORT");
CLONE INSTANCE FROM 'clone'@$(sql_string "$PRIMARY_HOST"):$PRIMARY_PORT IDENTIFIED BY $(sql_string "$REPLICATION_PASSWORD")
  DATA DIRECTORY = $(sql_string "$STAGE/clone") REQUIRE SSL;
SQL
  stop_temp_server ""
  # the copy would otherwise carry the primary's server UUID: mysqld makes a new one when auto.cnf is missing
  rm -f -- "$STAGE/clone/auto.cnf"
  rm -rf -- "$STAGE/recipient"
  promote "$STAGE/clone"
  log "data cloned from the primary"
  # the clone carries the primary's users, so root's password is the primary's (the same Secret)
  start_local
  configure_replication
  stop_temp_server "$MYSQL_ROOT_PASSWORD"
  log "replication from $PRIMARY_HOST:$PRIMARY_PORT configured"
}

main() {
  : "${MYSQL_ROOT_PASSWORD:?}" "${REPLICATION_PASSWORD:?}"
  refuse_placeholders MYSQL_ROOT_PASSWORD REPLICATION_PASSWORD
  [ -n "$PRIMARY_HOST" ] || die "PRIMARY_HOST is not set"
  [[ "$PRIMARY_PORT" =~ ^[0-9]+$ ]] || die "PRIMARY_PORT must be a number"
  write_instance_cnf
  if [ -d "$STAGE" ]; then
    log "a seed did not finish: starting it over"
    wipe_datadir
  fi
  if ! data_present; then
    seed
    return
  fi
  start_local
  local current
  current=$(configured_source)
  if [ -z "$current" ]; then
    stop_temp_server "$MYSQL_ROOT_PASSWORD"
    log "data without replication (an interrupted seed, or a server that ran standalone): seeding it again"
    wipe_datadir
    seed
  elif [ "$current" == "$(wanted_source)" ]; then
    stop_temp_server "$MYSQL_ROOT_PASSWORD"
    log "replication from $PRIMARY_HOST:$PRIMARY_PORT already configured: nothing to do, mysqld resumes it"
  else
    log "replication settings changed: updating them (replication resumes from the same GTID position)"
    configure_replication
    stop_temp_server "$MYSQL_ROOT_PASSWORD"
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
