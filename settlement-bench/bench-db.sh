#!/usr/bin/env bash
# A private MariaDB for the settlement benchmark, beside (never instead of) any server already on the machine: its
# own data directory, port and socket. Works on a fresh Debian MariaDB, whose root@localhost logs in by unix socket
# only (a TCP login as root fails with ERROR 1698): everything is set up over the socket as the OS user that ran
# mariadb-install-db, and the benchmark logs in over TCP as a dedicated user of its own.
#
#   settlement-bench/bench-db.sh start     # install (first time), start, create the user and the schema; prints the exports
#   settlement-bench/bench-db.sh env       # the exports again
#   settlement-bench/bench-db.sh stop
#
# Settings (environment): BENCH_DB_DIR (/var/tmp/settlement-bench-db), BENCH_DB_PORT (3308), BENCH_DB_NAME (bench),
# BENCH_DB_USER (bench), BENCH_DB_PASSWORD (bench), BENCH_DB_BUFFER_POOL (4G; 10G for 100M rows).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
migrations="$here/../streaming-service/src/main/resources/db/migration"
dir=${BENCH_DB_DIR:-/var/tmp/settlement-bench-db}
port=${BENCH_DB_PORT:-3308}
name=${BENCH_DB_NAME:-bench}
user=${BENCH_DB_USER:-bench}
password=${BENCH_DB_PASSWORD:-bench}
pool=${BENCH_DB_BUFFER_POOL:-4G}
data="$dir/data"
tmp="$dir/tmp"
socket="$dir/mariadb.sock"
os_user=$(id -un)

die() {
    echo "bench-db.sh: $*" >&2
    exit 1
}

# over the socket, as the OS user (unix_socket authentication: no password exists or is needed)
admin() {
    mariadb --no-defaults -u"$os_user" -S "$socket" "$@"
}

print_env() {
    echo "export DB_URL=jdbc:mysql://127.0.0.1:$port/$name"
    echo "export DB_USERNAME=$user"
    echo "export DB_PASSWORD=$password"
}

start() {
    command -v mariadbd >/dev/null || die "mariadbd not found (Debian: apt-get install mariadb-server)"
    if [[ -S "$socket" ]] && mariadb-admin --no-defaults -u"$os_user" -S "$socket" ping >/dev/null 2>&1; then
        echo "already running on 127.0.0.1:$port (socket $socket)" >&2
    else
        # its own temporary directory: a starting server (the installer's too) deletes every #sql* file in its
        # tmpdir, which in /tmp are the temporary tables of any other MariaDB on the machine, mid-query
        mkdir -p "$dir" "$tmp"
        if [[ ! -d "$data/mysql" ]]; then
            mariadb-install-db --no-defaults --datadir="$data" --tmpdir="$tmp" --user="$os_user" \
                --auth-root-authentication-method=socket >"$dir/install.log" 2>&1 \
                || die "mariadb-install-db failed; see $dir/install.log"
        fi
        # the settings the README's figures were measured with; --user lets Debian's mariadbd run as root
        nohup mariadbd --no-defaults --datadir="$data" --tmpdir="$tmp" --port="$port" --bind-address=127.0.0.1 --socket="$socket" \
            --pid-file="$dir/mariadb.pid" --user="$os_user" --innodb-buffer-pool-size="$pool" \
            --innodb-log-file-size=4G --innodb-flush-log-at-trx-commit=2 --innodb-flush-method=O_DIRECT \
            --tmp-table-size=2G --max-heap-table-size=2G --local-infile=1 --innodb-autoinc-lock-mode=2 \
            --skip-log-bin >"$dir/mariadb.log" 2>&1 &
        for _ in $(seq 1 60); do
            if mariadb-admin --no-defaults -u"$os_user" -S "$socket" ping >/dev/null 2>&1; then
                break
            fi
            sleep 1
        done
        mariadb-admin --no-defaults -u"$os_user" -S "$socket" ping >/dev/null 2>&1 \
            || die "the server did not start; see $dir/mariadb.log"
    fi
    admin <<SQL
CREATE DATABASE IF NOT EXISTS \`$name\`;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL ON \`$name\`.* TO '$user'@'127.0.0.1';
SQL
    if [[ -z $(admin -N -e "SHOW TABLES FROM \`$name\` LIKE 'watch_history'") ]]; then
        # the schema streaming-service's migrations define, in version order (V10 after V9)
        while IFS= read -r migration; do
            admin "$name" <"$migration"
        done < <(find "$migrations" -name 'V*__*.sql' | sort -V)
    fi
    print_env
}

stop() {
    if [[ -S "$socket" ]]; then
        mariadb-admin --no-defaults -u"$os_user" -S "$socket" shutdown
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    *)
        echo "usage: $0 start|env|stop" >&2
        exit 2
        ;;
esac
