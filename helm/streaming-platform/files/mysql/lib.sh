#!/bin/bash
# Functions shared by primary-init.sh, replica-init.sh and ready.sh (sourced, never run).
# Every path is a variable so the tests can run the scripts on a scratch directory with stand-in mysql tools.

# a failing command inside $(...) fails the script too
shopt -s inherit_errexit

DATADIR="${DATADIR:-/var/lib/mysql}"
# The options mysqld starts with: the role's file from the chart plus this pod's server-id, written on every start.
INSTANCE_CNF="${INSTANCE_CNF:-/etc/mysql/instance/instance.cnf}"
SCRIPTS_DIR="${SCRIPTS_DIR:-/scripts}"
RUN_DIR="${RUN_DIR:-/var/run/mysqld}"
# An initialisation in progress lives here (inside the volume, so renames are atomic); it exists only while the
# data directory holds nothing else of value: finding it on start means the last initialisation did not finish.
STAGE="$DATADIR/.initializing"
TEMP_SOCKET="$RUN_DIR/init.sock"
TEMP_PID=""
# a failed step leaves no temporary mysqld behind (SIGTERM: it shuts down cleanly)
trap 'if [ -n "$TEMP_PID" ]; then kill "$TEMP_PID" 2>/dev/null; wait "$TEMP_PID" 2>/dev/null; fi' EXIT

log() {
  printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${ROLE:-mysql}-init" "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# A SQL string literal: backslashes and quotes escaped, so a password can hold any character.
sql_string() {
  local s=${1//\\/\\\\}
  s=${s//\'/\\\'}
  printf "'%s'" "$s"
}

# The Secret still holds k8s/base/secrets.yaml's placeholder: refused before any server is touched, so an applied
# template never becomes the database's passwords (the variables named hold the Secret's keys).
refuse_placeholders() {
  local name
  for name in "$@"; do
    [ "${!name}" != REPLACE_ME ] \
      || die "$name is REPLACE_ME, the placeholder of k8s/base/secrets.yaml: put generated passwords into the Secret (docs/deploy.md \"Secrets\") and restart this pod"
  done
}

# Names the chart puts into SQL unquoted-safe (schema enforces the same pattern).
check_identifier() {
  [[ "$1" =~ ^[A-Za-z0-9_]{1,64}$ ]] || die "not a plain identifier: '$1'"
}

# The pod's ordinal: the StatefulSet names its pods <statefulset>-<ordinal>.
ordinal() {
  local host=$1
  local n="${host##*-}"
  [[ "$n" =~ ^[0-9]+$ ]] || die "hostname '$host' does not end in a StatefulSet ordinal"
  printf '%d' "$((10#$n))"
}

# Unique per server: the primary's base is 1, the replicas' 100, so replica N is 100+N and never the primary's.
# $1: the pod's hostname.
server_id() {
  [[ "${SERVER_ID_BASE:-}" =~ ^[1-9][0-9]*$ ]] || die "SERVER_ID_BASE must be a positive number"
  local n
  n=$(ordinal "$1") || exit 1
  printf '%d' "$((SERVER_ID_BASE + n))"
}

write_instance_cnf() {
  local id
  id=$(server_id "${HOSTNAME:-}")
  mkdir -p "$(dirname "$INSTANCE_CNF")"
  {
    cat "$SCRIPTS_DIR/$ROLE.cnf"
    printf '\n[mysqld]\nserver-id=%s\n' "$id"
  } >"$INSTANCE_CNF.tmp"
  mv "$INSTANCE_CNF.tmp" "$INSTANCE_CNF"
  log "server-id $id ($HOSTNAME)"
}

# Entries of the data directory that hold data (the volume's lost+found and the staging directory do not).
data_entries() {
  local entry
  for entry in "$DATADIR"/* "$DATADIR"/.[!.]* "$DATADIR"/..?*; do
    [ -e "$entry" ] || continue
    case "${entry##*/}" in
      lost+found | .initializing) continue ;;
    esac
    printf '%s\n' "$entry"
  done
}

data_present() {
  [ -n "$(data_entries)" ]
}

# Empties the data directory; the staging directory goes last, so an interrupted wipe is redone on the next start.
wipe_datadir() {
  local entry
  while IFS= read -r entry; do
    rm -rf -- "$entry"
  done < <(data_entries)
  rm -rf -- "$STAGE"
}

# Moves a finished data directory from the staging area into place, then drops the staging directory.
promote() {
  local from=$1 entry
  for entry in "$from"/* "$from"/.[!.]* "$from"/..?*; do
    [ -e "$entry" ] || continue
    mv -- "$entry" "$DATADIR/"
  done
  rm -rf -- "$STAGE"
}

# A mysqld only this script can reach: no TCP listener, a socket of its own, replication not started (with no TCP,
# require_secure_transport has nothing to guard).
# $1: --defaults-extra-file=... or --no-defaults (mysqld wants it first), $2: data directory, then more options.
start_temp_server() {
  local defaults=$1 datadir=$2
  shift 2
  mkdir -p "$RUN_DIR"
  mysqld "$defaults" --datadir="$datadir" --skip-networking --mysqlx=OFF --socket="$TEMP_SOCKET" \
    --pid-file="$RUN_DIR/init.pid" --skip-replica-start --require-secure-transport=OFF "$@" &
  TEMP_PID=$!
  local i
  for ((i = 0; i < ${TEMP_START_SECONDS:-600}; i++)); do
    # ping answers once the server accepts connections, whatever the credentials
    if mysqladmin --socket="$TEMP_SOCKET" --user=root ping >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$TEMP_PID" 2>/dev/null || die "mysqld stopped while starting on $datadir (its log is above)"
    sleep 1
  done
  die "mysqld did not start on $datadir within ${TEMP_START_SECONDS:-600}s"
}

# $1: root's password on that server.
stop_temp_server() {
  MYSQL_PWD="$1" mysqladmin --socket="$TEMP_SOCKET" --user=root shutdown \
    || die "could not shut the temporary mysqld down"
  wait "$TEMP_PID" || die "the temporary mysqld exited with an error"
  TEMP_PID=""
}

# SQL from stdin as root over the temporary server's socket; $1 the root password ("" on a fresh data directory).
# The password goes in MYSQL_PWD, not on the command line where ps shows it.
root_sql() {
  local password=$1
  shift
  MYSQL_PWD="$password" mysql --socket="$TEMP_SOCKET" --user=root --batch --skip-column-names "$@"
}
