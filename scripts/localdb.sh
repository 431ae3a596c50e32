#!/usr/bin/env bash
# A project-local PostgreSQL cluster for development and tests.
#
#   scripts/localdb.sh ensure   initialise (first run), start (if not running), create the database
#   scripts/localdb.sh stop     stop the server
#   scripts/localdb.sh status   say whether it runs
#   scripts/localdb.sh restart  stop and start the server (fast shutdown)
#
# HERENTQ_PGDATA=DIR keeps the cluster in DIR instead of .pgdata/ (the worker's tests
# start a throw-away cluster of their own this way).
#
# The cluster lives in .pgdata/ inside the checkout and listens only on a Unix socket in
# .pgdata/run, so it never collides with a system server or another checkout. PostgreSQL
# refuses to run as root, so when invoked as root the server runs as the `postgres` user.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# .pgdata may point elsewhere (see ensure_dirs): the server is given real paths.
if [ -n "${HERENTQ_PGDATA:-}" ]; then
  mkdir -p "$HERENTQ_PGDATA"
  base=$(readlink -f "$HERENTQ_PGDATA")
else
  base=$(readlink -f "$top/.pgdata")
fi
set_paths() { data="$base/data"; run="$base/run"; log="$base/server.log"; }
set_paths
port="${HERENTQ_PG_PORT:-54329}"
dbname="${HERENTQ_PG_DB:-herentq}"
superuser="herentq"

die() { echo "localdb: $*" >&2; exit 1; }

find_bin() {
  local name=$1 candidate
  if command -v "$name" >/dev/null 2>&1 && [ "$name" != psql ]; then command -v "$name"; return; fi
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  command -v "$name" 2>/dev/null || true
}

initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)
psql=$(find_bin psql)
pg_isready=$(find_bin pg_isready)
if [ -z "$initdb" ] || [ -z "$pg_ctl" ] || [ -z "$psql" ] || [ -z "$pg_isready" ]; then
  die "PostgreSQL server binaries not found: install them with 'apt-get install postgresql' (or set DATABASE_URL to an existing server)."
fi

# Run a server-side command as the owner of the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql creates it)."
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# "Running" means accepting connections: a killed server can leave a zombie
# process behind that `pg_ctl status` would still count as alive.
running() { "$pg_isready" -q -h "$run" -p "$port" >/dev/null 2>&1; }

# Is the process named in the pid file a live (not zombie) PostgreSQL server?
server_process_alive() {
  local pid state
  [ -f "$data/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$data/postmaster.pid")
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat")
  [ "$state" != Z ] && grep -q postgres "/proc/$pid/comm" 2>/dev/null
}

ensure_dirs() {
  if [ -z "${HERENTQ_PGDATA:-}" ] && [ "$(id -u)" = 0 ] && [ ! -e "$top/.pgdata" ] && ! runuser -u postgres -- test -x "$top" 2>/dev/null; then
    # The postgres user cannot reach the checkout (a private temporary directory,
    # say): the cluster lives in a directory of its own and .pgdata points at it.
    base="/var/tmp/herentq-pgdata-$(printf %s "$top" | sha256sum | cut -c1-16)"
    set_paths
    mkdir -p "$base"
    ln -s "$base" "$top/.pgdata"
  fi
  mkdir -p "$base" "$run"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$base" "$run"
    runuser -u postgres -- test -w "$base" \
      || die "the postgres user cannot write $base: clone the project under a directory it can reach, or set DATABASE_URL."
  fi
}

# A server still running for a checkout that was deleted at this same path: once
# it notices its data directory is gone, it exits and removes its socket file —
# which by then is the new cluster's. Stop it before making the new cluster.
stop_orphaned_server() {
  local pid attempt
  for pid in $(pgrep -f "postgres -D $data\$" || true); do
    kill -QUIT "$pid" 2>/dev/null || continue
    for attempt in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
}

init_cluster() {
  [ -f "$data/PG_VERSION" ] && return
  stop_orphaned_server
  echo "localdb: initialising a PostgreSQL cluster in $data"
  as_owner "$initdb" -D "$data" -U "$superuser" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$data/postgresql.conf" <<CONF
# HerentQ local cluster: socket only, no TCP port opened.
listen_addresses = ''
port = $port
unix_socket_directories = '$run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
}

clear_stale_files() {
  # A server killed without shutdown leaves a pid file and a socket lock behind.
  if ! running && ! server_process_alive; then
    rm -f "$data/postmaster.pid" "$run/.s.PGSQL.$port" "$run/.s.PGSQL.$port.lock"
  fi
}

start() {
  local attempt
  running && return
  if server_process_alive; then
    # Starting up or recovering: give it time to accept connections.
    for attempt in $(seq 60); do running && return; sleep 0.5; done
    die "a server runs on $data but accepts no connections; see $log"
  fi
  # Backends of a killed server may hold its shared memory for a moment.
  for attempt in 1 2 3 4 5; do
    as_owner "$pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1 && return
    sleep 2
    clear_stale_files
  done
  die "the server did not start; see $log"
}

create_database() {
  local exists
  exists=$("$psql" -h "$run" -p "$port" -U "$superuser" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$dbname'")
  if [ "$exists" != 1 ]; then
    "$psql" -h "$run" -p "$port" -U "$superuser" -d postgres -qc "CREATE DATABASE \"$dbname\"" >/dev/null
  fi
}

case "${1:-ensure}" in
  ensure)
    ensure_dirs
    init_cluster
    clear_stale_files
    start
    create_database
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ] && server_process_alive; then
      as_owner "$pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    clear_stale_files
    ;;
  restart)
    as_owner "$pg_ctl" -D "$data" -m fast -w -t 60 restart -l "$log" >/dev/null
    ;;
  status)
    if [ -f "$data/PG_VERSION" ] && running; then echo "running on $run (port $port)"; else echo "stopped"; fi
    ;;
  *)
    die "usage: $0 ensure|stop|status|restart"
    ;;
esac
