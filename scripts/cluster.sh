#!/usr/bin/env bash
# The multi-node topology on one box, as processes (issue 18; `make cluster`):
#
#   HAProxy ── app node a (gunicorn) ─┐
#           └─ app node b (gunicorn) ─┼── PostgreSQL (scripts/localdb.sh), Redis,
#              worker-1, worker-2 ────┘   the S3 server (when scripts/s3server.sh exists)
#
#   scripts/cluster.sh start [COMPONENT]   start everything (or one component) not running
#   scripts/cluster.sh stop [COMPONENT]    stop everything (or one component)
#   scripts/cluster.sh status              one line per component
#
# Components: postgres redis s3 node-a node-b worker-1 worker-2 haproxy.
# Everything lives under the run directory HERENTQ_CLUSTER_DIR (default .cluster/):
# each node has its own, unshared media, static and temporary directories; logs and
# pid files are there too, and `cluster.env` holds the environment of the nodes (ports,
# URLs; `set -a; . .cluster/cluster.env` then `manage.py shell` talks to the cluster).
# Ports are chosen free on the first start and kept for the run directory's life.
#
# Environment: CLUSTER_SETTINGS (default herentq.settings.cluster: production over
# plain HTTP), CLUSTER_DATABASE_URL (an existing database instead of a cluster of its
# own), CLUSTER_EMAIL_HOST/CLUSTER_EMAIL_PORT (the mail server the workers deliver
# to; default 127.0.0.1:25), CLUSTER_GUNICORN_WORKERS (per node, default 2),
# CLUSTER_PAGE_CACHE_SECONDS (default 30), CLUSTER_POLLING_INTERVAL (workers, default 1).
# Works as root (PostgreSQL then runs as the postgres user) and as an ordinary user.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
py="$top/.venv/bin/python"
dir=$(mkdir -p "${HERENTQ_CLUSTER_DIR:-$top/.cluster}" && cd "${HERENTQ_CLUSTER_DIR:-$top/.cluster}" && pwd)
components=(postgres redis s3 node-a node-b worker-1 worker-2 haproxy)

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*"; }

# PostgreSQL runs as the postgres user when we are root: its directory must be
# reachable by that user, else it lives in /var/tmp under a name of this run directory.
pgdata="$dir/pg"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
  pgdata="/var/tmp/herentq-cluster-pg-$(printf %s "$dir" | sha256sum | cut -c1-16)"
fi
localdb() { HERENTQ_PGDATA="$pgdata" HERENTQ_PG_DB=herentq scripts/localdb.sh "$@"; }

free_port() {
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Ports: chosen once per run directory.
ports_file="$dir/ports.env"
if [ ! -f "$ports_file" ]; then
  {
    echo "HAPROXY_PORT=$(free_port)"
    echo "NODE_A_PORT=$(free_port)"
    echo "NODE_B_PORT=$(free_port)"
    echo "REDIS_PORT=$(free_port)"
    echo "S3_PORT=$(free_port)"
  } >"$ports_file"
fi
# shellcheck disable=SC1090
. "$ports_file"
if [ -z "$HAPROXY_PORT" ] || [ -z "$NODE_A_PORT" ] || [ -z "$NODE_B_PORT" ] || [ -z "$REDIS_PORT" ] || [ -z "$S3_PORT" ]; then
  rm -f "$ports_file"
  die "could not choose free ports (is $py usable?)"
fi

have_s3() { [ -x "$top/scripts/s3server.sh" ]; }

database_url() {
  if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then
    echo "$CLUSTER_DATABASE_URL"
  else
    "$py" -c 'import sys; from urllib.parse import quote; print(f"postgres://herentq@{quote(sys.argv[1], safe=str())}:54329/herentq")' "$pgdata/run"
  fi
}

write_env() {
  local s3_key=cluster-access-key s3_secret=cluster-secret-key-0123456789
  {
    echo "DJANGO_SETTINGS_MODULE=${CLUSTER_SETTINGS:-herentq.settings.cluster}"
    echo "DATABASE_URL=$(database_url)"
    echo "SECRET_KEY=cluster-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
    echo "ALLOWED_HOSTS=127.0.0.1,localhost"
    echo "CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$HAPROXY_PORT,http://127.0.0.1:$NODE_A_PORT,http://127.0.0.1:$NODE_B_PORT"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    echo "EMAIL_HOST=${CLUSTER_EMAIL_HOST:-127.0.0.1}"
    echo "EMAIL_PORT=${CLUSTER_EMAIL_PORT:-25}"
    echo "PAGE_CACHE_SECONDS=${CLUSTER_PAGE_CACHE_SECONDS:-30}"
    echo "LOG_LEVEL=WARNING"
    # Behind HAProxy, which appends the client's address to X-Forwarded-For.
    echo "TRUSTED_PROXY_COUNT=1"
    # Commands run with this file (migrate, a shell) get directories of their own.
    echo "MEDIA_ROOT=$dir/shell/media/public"
    echo "PRIVATE_MEDIA_ROOT=$dir/shell/media/private"
    echo "STATIC_ROOT=$dir/collected-static"
    if have_s3; then
      echo "S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT"
      echo "S3_ACCESS_KEY_ID=$s3_key"
      echo "S3_SECRET_ACCESS_KEY=$s3_secret"
      echo "S3_PUBLIC_BUCKET=herentq-public"
      echo "S3_PRIVATE_BUCKET=herentq-private"
    fi
    echo "CLUSTER_DIR=$dir"
    echo "CLUSTER_URL=http://127.0.0.1:$HAPROXY_PORT"
    echo "NODE_A_URL=http://127.0.0.1:$NODE_A_PORT"
    echo "NODE_B_URL=http://127.0.0.1:$NODE_B_PORT"
    echo "HAPROXY_SOCKET=$dir/haproxy.sock"
    cat "$ports_file"
  } >"$dir/cluster.env"
}

# The app's environment (cluster.env exported), for a command.
with_env() { (set -a; . "$dir/cluster.env"; set +a; "$@"); }

pid_of() { cat "$dir/$1.pid" 2>/dev/null || true; }
alive() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" != Z ]
}

# Start a long-running process in a session (process group) of its own, so that
# stopping it stops its children too (gunicorn's workers, rclone).
spawn() {
  local name=$1
  shift
  setsid "$@" >>"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

wait_for() {
  local what=$1 attempt
  shift
  for attempt in $(seq 150); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "$what did not come up; see $dir/$what.log"
}

http_ok() { curl -fs -o /dev/null --max-time 2 "$1"; }

start_postgres() {
  [ -n "${CLUSTER_DATABASE_URL:-}" ] && return
  localdb ensure
}

start_redis() {
  alive redis && return
  mkdir -p "$dir/redis"
  spawn redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir "$dir/redis" --daemonize no
  wait_for redis redis-cli -p "$REDIS_PORT" ping
}

start_s3() {
  have_s3 || return 0
  # scripts/s3server.sh manages its own pid file in its data directory.
  with_env scripts/s3server.sh start "$dir/s3" "$S3_PORT" >>"$dir/s3.log" 2>&1
}

prepare_app() {
  # Migrations and the database cache table once; static files collected once and
  # copied to each node (every node serves its own copy).
  local collecting=
  if [ ! -f "$dir/collected-static/staticfiles.json" ]; then
    with_env "$py" manage.py collectstatic --noinput -v0 &  # beside the migrations
    collecting=$!
  fi
  with_env "$py" manage.py migrate --noinput -v0
  with_env "$py" manage.py createcachetable
  [ -z "$collecting" ] || wait "$collecting" || die "collectstatic failed"
}

start_node() {
  local node=$1 port
  alive "node-$node" && return
  if [ "$node" = a ]; then port=$NODE_A_PORT; else port=$NODE_B_PORT; fi
  local home="$dir/node-$node"
  mkdir -p "$home/media/public" "$home/media/private" "$home/tmp"
  [ -d "$home/static" ] || cp -a "$dir/collected-static" "$home/static"
  spawn "node-$node" env MEDIA_ROOT="$home/media/public" \
    PRIVATE_MEDIA_ROOT="$home/media/private" STATIC_ROOT="$home/static" TMPDIR="$home/tmp" \
    bash -c "set -a; . '$dir/cluster.env'; set +a; exec '$top/.venv/bin/gunicorn' herentq.wsgi \
      --bind 127.0.0.1:$port --workers ${CLUSTER_GUNICORN_WORKERS:-2} \
      --worker-tmp-dir '$home/tmp' --log-level warning \
      --access-logfile '$home/access.log'"
  wait_for "node-$node" http_ok "http://127.0.0.1:$port/healthz/"
}

start_worker() {
  local number=$1
  alive "worker-$number" && return
  spawn "worker-$number" bash -c "set -a; . '$dir/cluster.env'; set +a; \
    export MEDIA_ROOT='$dir/worker-$number/media/public' \
      PRIVATE_MEDIA_ROOT='$dir/worker-$number/media/private' TMPDIR='$dir/worker-$number/tmp'; \
    mkdir -p \"\$TMPDIR\"; exec '$py' manage.py run_worker --name worker-$number \
      --polling-interval ${CLUSTER_POLLING_INTERVAL:-1}"
}

# A backend of both app nodes, each checked on `$2`; the answering node's name is
# put in X-Herentq-Node, for the tests and for whoever looks.
haproxy_backend() {
  cat <<BACKEND
backend $1
    balance roundrobin
    option forwardfor
    option httpchk
    http-check send meth GET uri $2 ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    http-response set-header X-Herentq-Node %s
    default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
    server node-a 127.0.0.1:$NODE_A_PORT check
    server node-b 127.0.0.1:$NODE_B_PORT check
BACKEND
}

write_haproxy_config() {
  cat >"$dir/haproxy.cfg" <<CFG
# Written by scripts/cluster.sh. Health check on /readyz/ every 500 ms: a node is out
# after 2 failures (about a second), back after 2 successes. A request whose node
# refuses the connection or closes it without an answer is sent to the other node
# (retry-on, redispatch on every retry): losing a node fails no request.
# When no node is ready — a dependency they all share is down (Redis, the object
# store) — the live ones (/healthz/) serve anyway: the portal degrades (pages without
# the page cache, counters in PostgreSQL, uploads failing) instead of answering 503.
global
    maxconn 2000
    stats socket $dir/haproxy.sock mode 600 level admin

defaults
    mode http
    option httplog
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend web
    bind 127.0.0.1:$HAPROXY_PORT
    use_backend app-live if { nbsrv(app) eq 0 }
    default_backend app

$(haproxy_backend app /readyz/)

$(haproxy_backend app-live /healthz/)
CFG
}

start_haproxy() {
  alive haproxy && return
  write_haproxy_config
  haproxy -c -q -f "$dir/haproxy.cfg" || die "invalid $dir/haproxy.cfg"
  spawn haproxy haproxy -db -f "$dir/haproxy.cfg"
  wait_for haproxy http_ok "http://127.0.0.1:$HAPROXY_PORT/healthz/"
}

stop_process() {
  local name=$1 pid attempt
  pid=$(pid_of "$name")
  if [ -n "$pid" ] && alive "$name"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for attempt in $(seq 100); do
      alive "$name" || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$dir/$name.pid"
}

start_one() {
  write_env
  case "$1" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    s3) start_s3 ;;
    node-a) start_node a ;;
    node-b) start_node b ;;
    worker-1) start_worker 1 ;;
    worker-2) start_worker 2 ;;
    haproxy) start_haproxy ;;
    *) die "unknown component $1 (one of: ${components[*]})" ;;
  esac
}

stop_one() {
  case "$1" in
    postgres) [ -n "${CLUSTER_DATABASE_URL:-}" ] || localdb stop ;;
    s3) if have_s3; then scripts/s3server.sh stop "$dir/s3" >>"$dir/s3.log" 2>&1 || true; fi ;;
    redis | node-a | node-b | worker-1 | worker-2 | haproxy) stop_process "$1" ;;
    *) die "unknown component $1 (one of: ${components[*]})" ;;
  esac
}

status_one() {
  case "$1" in
    postgres)
      if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then echo "postgres: external"; else echo "postgres: $(localdb status)"; fi ;;
    s3)
      if ! have_s3; then echo "s3: not configured (no scripts/s3server.sh)";
      elif scripts/s3server.sh status "$dir/s3" >/dev/null 2>&1; then echo "s3: running on port $S3_PORT";
      else echo "s3: stopped"; fi ;;
    *)
      if alive "$1"; then echo "$1: running (pid $(pid_of "$1"))"; else echo "$1: stopped"; fi ;;
  esac
}

command -v haproxy >/dev/null || die "HAProxy is missing: run scripts/install-test-tools.sh (or apt-get install haproxy)."
command -v redis-server >/dev/null || die "Redis is missing: run scripts/install-test-tools.sh (or apt-get install redis-server)."

case "${1:-}" in
  start)
    if [ -n "${2:-}" ]; then
      start_one "$2"
    else
      write_env
      SECONDS=0
      start_postgres
      start_redis
      start_s3
      say "services up (${SECONDS} s)"
      prepare_app
      say "migrated, static files collected (${SECONDS} s)"
      start_node a
      start_node b
      start_worker 1
      start_worker 2
      start_haproxy
      say "nodes, workers and HAProxy up (${SECONDS} s)"
      say "HAProxy on http://127.0.0.1:$HAPROXY_PORT/ (nodes on $NODE_A_PORT and $NODE_B_PORT); run directory $dir"
    fi
    ;;
  stop)
    if [ -n "${2:-}" ]; then
      stop_one "$2"
    else
      for component in haproxy worker-1 worker-2 node-a node-b s3 redis postgres; do
        stop_one "$component"
      done
    fi
    ;;
  status)
    for component in "${components[@]}"; do status_one "$component"; done
    ;;
  *)
    die "usage: $0 start|stop [COMPONENT] | status   (components: ${components[*]})"
    ;;
esac
