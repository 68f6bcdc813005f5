#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port for the loyalty-jdbc tests.
#   url=$(.ci/postgres.sh)   -> starts it and prints its JDBC URL (for LOYALTY_PG_URL) on stdout
#   .ci/postgres.sh stop     -> stops it (the caller traps this on exit)
# Everything but the URL goes to stderr.
# Installs PostgreSQL from Debian's packages when it is missing. Needs root (for apt and to run
# the server as the 'postgres' user, which PostgreSQL requires).
set -euo pipefail

PG_PORT="${PG_PORT:-54329}"
PG_DATA="${PG_DATA:-/tmp/loyalty-pg-data}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && echo "$dir"
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_stop() {
  local bin
  bin=$(pg_bin) || return 0
  [ -d "$PG_DATA" ] && as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
}

if [ "${1:-}" = "stop" ]; then
  pg_stop
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
BIN=$(pg_bin)
id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres

pg_stop
rm -rf "$PG_DATA"
mkdir -p "$PG_DATA"
chown postgres "$PG_DATA" 2>/dev/null || true
as_postgres "$BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres loyalty >&2
url="jdbc:postgresql://127.0.0.1:$PG_PORT/loyalty?user=postgres&sslmode=disable&connectTimeout=10&socketTimeout=120"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') is up at $url" >&2
echo "$url"
