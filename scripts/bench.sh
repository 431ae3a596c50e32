#!/usr/bin/env bash
# `make bench`: volume data in a separate database, the portal under gunicorn with
# production settings (herentq/settings/bench.py: production plus devdata), wrk
# with the page cache on (32 connections) and off (8), and a table of the results.
#   BENCH_SCALE (default 1: the full volume), BENCH_DURATION (seconds per target,
#   default 15), BENCH_WARMUP (unmeasured seconds before each target, default 2),
#   BENCH_CONNECTIONS (the cached run, default 32), BENCH_UNCACHED_CONNECTIONS
#   (the uncached and cluster runs, default 8), BENCH_MODES (default "cached
#   uncached"; "cluster": one app node against two behind HAProxy, scripts/cluster.sh),
#   BENCH_ADMIN_CONNECTIONS (the admin targets:
#   default 4, a busy back office; see README), BENCH_WORKERS (gunicorn, default 5),
#   BENCH_DATABASE_URL (default: database herentq_bench on the local cluster),
#   BENCH_PORT (gunicorn on 127.0.0.1, default 8123),
#   BENCH_ONLY (comma-separated words: only the targets whose kind, name or path
#   contains one, e.g. BENCH_ONLY=admin or BENCH_ONLY=inschrijvingen,/admin/council/;
#   the minimal view is kept when a public page is chosen; default: every target).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's wrk for the benchmark…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is missing: install it with 'apt-get install wrk'." >&2
    exit 1
  fi
fi

if [ -z "${BENCH_DATABASE_URL:-}" ]; then
  HERENTQ_PG_DB=herentq_bench scripts/localdb.sh ensure
  BENCH_DATABASE_URL=$(HERENTQ_PG_DB=herentq_bench $py -c \
    "from herentq.settings.base import local_cluster_url; print(local_cluster_url())")
fi

mkdir -p .bench
# Production settings plus the devdata app that loads and measures the volume.
export DJANGO_SETTINGS_MODULE=herentq.settings.bench
export DATABASE_URL="$BENCH_DATABASE_URL"
export SECRET_KEY="bench-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
export ALLOWED_HOSTS=127.0.0.1,localhost,testserver
export STATIC_ROOT="$PWD/.bench/static"
export MEDIA_ROOT="$PWD/.bench/media/public"
export PRIVATE_MEDIA_ROOT="$PWD/.bench/media/private"
# The bench's staff session has no TOTP device; everything else is production.
export HERENTQ_STAFF_MFA_REQUIRED=false
export LOG_LEVEL=WARNING

$py manage.py migrate --noinput -v0
$py manage.py createcachetable
$py manage.py load_bench_data --scale "${BENCH_SCALE:-1}"
# After a bulk load PostgreSQL has neither statistics nor a visibility map for the
# new rows (its manual, "Populating a Database": run ANALYZE afterwards); without
# them an unfiltered admin changelist counts 50 000 rows with a sequential scan
# instead of an index-only scan. Production's autovacuum keeps both current.
$py manage.py shell -v 0 -c "from django.db import connection; connection.cursor().execute('VACUUM (ANALYZE)')"
$py manage.py collectstatic --noinput -v0

port=${BENCH_PORT:-8123}
# Two runs: the page cache on (what most anonymous visitors get) and off (what
# every signed-in user, every new search and the first visitor after a change
# get). Each starts its own gunicorn; the second run's table shows both.
rm -f .bench/results-cached.json .bench/results-uncached.json
status=0
server=
trap 'if [ -n "$server" ]; then kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; fi' EXIT
for mode in ${BENCH_MODES:-cached uncached}; do
  if [ "$mode" = cluster ]; then
    # Two nodes behind HAProxy against one (node-b out of rotation), same run:
    # scripts/cluster.sh on the bench database, its own run directory.
    export HERENTQ_CLUSTER_DIR="$PWD/.bench/cluster" CLUSTER_DATABASE_URL="$BENCH_DATABASE_URL" \
      CLUSTER_SETTINGS=herentq.settings.bench CLUSTER_PAGE_CACHE_SECONDS=0 \
      CLUSTER_GUNICORN_WORKERS="${BENCH_WORKERS:-5}"
    trap 'scripts/cluster.sh stop >/dev/null 2>&1 || true; if [ -n "$server" ]; then kill $server 2>/dev/null || true; fi' EXIT
    scripts/cluster.sh start
    haproxy_port=$(sed -n 's/^HAPROXY_PORT=//p' "$HERENTQ_CLUSTER_DIR/ports.env")
    echo "== cluster run: 1 node, then 2, behind HAProxy; $(uptime)"
    $py manage.py run_bench --base-url "http://127.0.0.1:$haproxy_port" --mode cluster \
      --haproxy-socket "$HERENTQ_CLUSTER_DIR/haproxy.sock" \
      --duration "${BENCH_DURATION:-15}" --connections "${BENCH_UNCACHED_CONNECTIONS:-8}" \
      --warmup "${BENCH_WARMUP:-2}" --only "${BENCH_ONLY:-}" --scale "${BENCH_SCALE:-1}" \
      --workers "${BENCH_WORKERS:-5}" --lua scripts/bench.lua --out .bench/results.md || status=1
    scripts/cluster.sh stop
    continue
  fi
  if [ "$mode" = cached ]; then
    cache_seconds=${PAGE_CACHE_SECONDS:-30}; connections=${BENCH_CONNECTIONS:-32}
  else
    cache_seconds=0; connections=${BENCH_UNCACHED_CONNECTIONS:-8}
  fi
  PAGE_CACHE_SECONDS=$cache_seconds .venv/bin/gunicorn herentq.wsgi \
    --bind "127.0.0.1:$port" --workers "${BENCH_WORKERS:-5}" --log-level warning \
    >".bench/gunicorn-$mode.log" 2>&1 &
  server=$!
  # Ready when the minimal view answers as it will during the run (behind "TLS").
  for _ in $(seq 100); do
    curl -fs -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/healthz/" >/dev/null && break
    sleep 0.2
  done
  echo "== $mode run: PAGE_CACHE_SECONDS=$cache_seconds, $connections connections; $(uptime)"
  $py manage.py run_bench --base-url "http://127.0.0.1:$port" --mode "$mode" \
    --duration "${BENCH_DURATION:-15}" --connections "$connections" \
    --admin-connections "${BENCH_ADMIN_CONNECTIONS:-4}" \
    --warmup "${BENCH_WARMUP:-2}" --only "${BENCH_ONLY:-}" --scale "${BENCH_SCALE:-1}" \
    --workers "${BENCH_WORKERS:-5}" --server-pid "$server" \
    --lua scripts/bench.lua --out .bench/results.md || status=1
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
done
exit $status
