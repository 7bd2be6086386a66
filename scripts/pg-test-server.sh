#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests, on loopback, in .build/pg-test/.
#
#   scripts/pg-test-server.sh run -- COMMAND…   start it, run COMMAND with REHAB_TEST_PG_URL and
#                                               PGPASSFILE set, stop it (whatever COMMAND does), and
#                                               exit with COMMAND's status
#   scripts/pg-test-server.sh start | stop      the same in two steps (start prints the variables)
#
# The server is Debian's `postgresql` (scripts/install-deps.sh test installs it): a new cluster each
# time (initdb), a free port on 127.0.0.1 only, its socket in its own folder, password authentication
# (scram-sha-256) with a random password kept in a 0600 pgpass file, TLS on with a self-signed
# certificate (clients may use it or not), fsync off (test data only).
# Run as root, the server runs as the `postgres` user (PostgreSQL refuses root). When it cannot start,
# `run` still runs COMMAND, with REHAB_TEST_PG_ERROR saying why: the tests that need the server fail
# with that message instead of being skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
# REHAB_PG_TEST_DIR: another folder under .build/, for a second server beside a running one.
BASE="${REHAB_PG_TEST_DIR:-$PWD/.build/pg-test}"
case "$BASE" in
    "$PWD"/.build/?*) ;;
    *) echo "REHAB_PG_TEST_DIR must be a folder under $PWD/.build/ (it is deleted and remade)" >&2; exit 2 ;;
esac
case "$BASE" in *..*) echo "REHAB_PG_TEST_DIR must not hold '..'" >&2; exit 2 ;; esac
# The tests' password file lives beside the server's folder, not in it: that folder belongs to the
# postgres account when run as root, which must not be able to redirect what root writes.
PGPASS="$BASE.pgpass"
DATA="$BASE/data"
ENVFILE="$BASE/env"

as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgbin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin port password
    bin=$(pgbin) || { echo "PostgreSQL is not installed (Debian package postgresql: run 'make setup-test')"; return 1; }
    stop >/dev/null 2>&1
    rm -rf "$BASE"
    mkdir -p "$BASE/sock"
    chmod 700 "$BASE"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" > "$BASE/password"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$BASE"; fi
    chmod 600 "$BASE/password"
    if ! as_server "$bin/initdb" -D "$DATA" -U rehab --auth=scram-sha-256 --pwfile="$BASE/password" \
            -E UTF8 --locale=C --no-sync > "$BASE/initdb.log" 2>&1; then
        echo "initdb failed: $(tail -3 "$BASE/initdb.log" | tr '\n' ' ')"
        return 1
    fi
    # TLS too (a self-signed certificate for 127.0.0.1), so that sslmode=require and verify-full are
    # tested against a real handshake; clients choose, the server does not insist.
    if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
            -keyout "$DATA/server.key" -out "$DATA/server.crt" > "$BASE/openssl.log" 2>&1; then
        echo "openssl could not make the test server's certificate: $(tail -2 "$BASE/openssl.log" | tr '\n' ' ')"
        return 1
    fi
    chmod 600 "$DATA/server.key"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DATA/server.key" "$DATA/server.crt"; fi
    port=$(free_port)
    if ! as_server "$bin/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
            -o "-p $port -k '$BASE/sock' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c ssl=on" start > /dev/null 2>&1; then
        echo "the server did not start: $(tail -3 "$BASE/server.log" 2>/dev/null | tr '\n' ' ')"
        return 1
    fi
    # pgpass for the tests (owned by whoever runs them, 0600 from the start), then a database of the tests' own.
    rm -f "$PGPASS"
    (umask 077; printf '127.0.0.1:%s:*:rehab:%s\n' "$port" "$password" > "$PGPASS")
    if ! PGPASSFILE="$PGPASS" psql -q -h 127.0.0.1 -p "$port" -U rehab -d postgres \
            -c "CREATE DATABASE rehab_test" > "$BASE/createdb.log" 2>&1; then
        echo "the server started but no database could be made: $(cat "$BASE/createdb.log" | tr '\n' ' ')"
        return 1
    fi
    {
        echo "REHAB_TEST_PG_URL=postgres://rehab@127.0.0.1:$port/rehab_test"
        echo "PGPASSFILE=$PGPASS"
    } > "$ENVFILE"
    cat "$ENVFILE"
}

stop() {
    local bin
    bin=$(pgbin) || return 0
    [ -d "$DATA" ] && as_server "$bin/pg_ctl" -D "$DATA" -m fast -w stop > /dev/null 2>&1
    rm -rf "$DATA" "$ENVFILE" "$BASE/password" "$PGPASS"
    return 0
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    run)
        shift
        [ "${1:-}" = "--" ] && shift
        trap stop EXIT INT TERM
        if out=$(start); then
            set -a; . "$ENVFILE"; set +a
            echo "test PostgreSQL server: ${REHAB_TEST_PG_URL}"
        else
            export REHAB_TEST_PG_ERROR="$out"
            echo "warning: no test PostgreSQL server: $out" >&2
        fi
        "$@"
        ;;
    *) echo "usage: $0 run -- COMMAND… | start | stop" >&2; exit 2 ;;
esac
