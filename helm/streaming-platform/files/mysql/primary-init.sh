#!/bin/bash
# The primary's init container, on every start of the pod (docs/deploy.md "MySQL replication").
#  1. writes this server's options (server-id from the pod ordinal);
#  2. an empty volume: initialises a data directory in a staging directory and moves it into place only once root's
#     password and the time zone tables are set, so a crash half-way leaves nothing that looks initialised;
#  3. every start: databases, the application user, the replication and clone users and their grants, on a mysqld
#     without networking. All statements are idempotent, so a start after any failure completes what is missing and
#     a rotated password in the Secret reaches the server.
# Never removes data: a data directory without the staging directory is kept as it is.
set -euo pipefail
# shellcheck source=lib.sh
source "${SCRIPTS_DIR:-/scripts}/lib.sh"
ROLE=primary

# Statements MariaDB shares (the tests run them against MariaDB 10.11).
portable_setup_sql() {
  local app_literal repl_literal
  app_literal=$(sql_string "$APP_PASSWORD")
  repl_literal=$(sql_string "$REPLICATION_PASSWORD")
  cat <<SQL
CREATE DATABASE IF NOT EXISTS \`$USERS_DATABASE\`;
CREATE DATABASE IF NOT EXISTS \`$STREAMING_DATABASE\`;
CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED BY $app_literal;
ALTER USER '$APP_USER'@'%' IDENTIFIED BY $app_literal;
GRANT ALL ON \`$USERS_DATABASE\`.* TO '$APP_USER'@'%';
GRANT ALL ON \`$STREAMING_DATABASE\`.* TO '$APP_USER'@'%';
CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY $repl_literal;
ALTER USER 'repl'@'%' IDENTIFIED BY $repl_literal;
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';
CREATE USER IF NOT EXISTS 'clone'@'%' IDENTIFIED BY $repl_literal;
ALTER USER 'clone'@'%' IDENTIFIED BY $repl_literal;
SQL
}

# MySQL only: the clone plugin's donor privilege (a replica seeds itself with CLONE INSTANCE FROM this server).
mysql_only_setup_sql() {
  cat <<SQL
GRANT BACKUP_ADMIN ON *.* TO 'clone'@'%';
SQL
}

initialize() {
  log "empty data directory: initialising it in $STAGE"
  mkdir -p "$STAGE"
  mysqld "--defaults-extra-file=$INSTANCE_CNF" --initialize-insecure --require-secure-transport=OFF \
    --datadir="$STAGE/data"
  start_temp_server "--defaults-extra-file=$INSTANCE_CNF" "$STAGE/data"
  printf 'ALTER USER root@localhost IDENTIFIED BY %s;\n' "$(sql_string "$MYSQL_ROOT_PASSWORD")" | root_sql ""
  # named zones (the services set their sessions to UTC); the image's entrypoint loads them the same way
  mysql_tzinfo_to_sql /usr/share/zoneinfo | sed 's/Local time zone must be set--see zic manual page/FCTY/' \
    | root_sql "$MYSQL_ROOT_PASSWORD" mysql
  stop_temp_server "$MYSQL_ROOT_PASSWORD"
  promote "$STAGE/data"
  log "data directory initialised"
}

main() {
  : "${MYSQL_ROOT_PASSWORD:?}" "${APP_PASSWORD:?}" "${REPLICATION_PASSWORD:?}"
  : "${APP_USER:?}" "${USERS_DATABASE:?}" "${STREAMING_DATABASE:?}"
  refuse_placeholders MYSQL_ROOT_PASSWORD APP_PASSWORD REPLICATION_PASSWORD
  local name
  for name in "$APP_USER" "$USERS_DATABASE" "$STREAMING_DATABASE"; do
    check_identifier "$name"
  done
  write_instance_cnf
  if [ -d "$STAGE" ]; then
    log "an initialisation did not finish: starting it over"
    wipe_datadir
  fi
  if ! data_present; then
    initialize
  fi
  start_temp_server "--defaults-extra-file=$INSTANCE_CNF" "$DATADIR"
  { portable_setup_sql; mysql_only_setup_sql; } | root_sql "$MYSQL_ROOT_PASSWORD"
  stop_temp_server "$MYSQL_ROOT_PASSWORD"
  log "databases, users and grants in place"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
