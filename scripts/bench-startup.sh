#!/usr/bin/env bash
# ./wattos bench startup: cold start on an empty data dir, warm restart, RSS after start, login latency.
# Prints the figures and writes them to target/bench/startup.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${BENCH_PORT:-18990}"
LOGINS="${BENCH_LOGINS:-40}"
DATA="$(mktemp -d /tmp/wattos-bench-startup.XXXXXX)"
PASSWORD="bench-admin-password-123"
OUT="$ROOT/target/bench/startup.txt"
mkdir -p "$(dirname "$OUT")"
trap 'pkill -f "wattos.data-dir=$DATA" 2>/dev/null || true; rm -rf "$DATA"' EXIT

"$ROOT/wattos" build -q >/dev/null

start_once() { # prints: seconds-to-ready rss-kB
  local log="$DATA/run-$1.log" t0 pid
  t0=$(date +%s%N)
  WATTOS_ADMIN_PASSWORD="$PASSWORD" WATTOS_PORT="$PORT" WATTOS_DATA_DIR="$DATA/data" \
    "$ROOT/wattos" start --wattos.data-dir="$DATA/data" >"$log" 2>&1 &
  for _ in $(seq 1 600); do
    grep -q "WattOS ready" "$log" && break
    sleep 0.05
  done
  grep -q "WattOS ready" "$log" || { echo "did not start; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  local t1; t1=$(date +%s%N)
  pid=$(pgrep -f "wattos.data-dir=$DATA" | head -1)
  local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

stop() {
  pkill -f "wattos.data-dir=$DATA" || true
  for _ in $(seq 1 100); do pgrep -f "wattos.data-dir=$DATA" >/dev/null || return 0; sleep 0.1; done
}

read -r cold_ms cold_rss < <(start_once cold)
# login latency (bcrypt cost 10 dominates), measured on the warm JVM after a few warm-up calls
for _ in 1 2 3 4 5; do
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://localhost:$PORT/api/v1/auth/login"
done
times=()
for _ in $(seq 1 "$LOGINS"); do
  times+=("$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://localhost:$PORT/api/v1/auth/login")")
done
TOKEN=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "http://localhost:$PORT/api/v1/auth/login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
me=()
for _ in $(seq 1 100); do
  me+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT/api/v1/me")")
done
stop
read -r warm_ms warm_rss < <(start_once warm)
stop

pct() { printf '%s\n' "$@" | sort -n | awk -v p="$P" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; printf "%.1f", a[i]*1000}'; }
P=50; login_p50=$(pct "${times[@]}"); P=95; login_p95=$(pct "${times[@]}")
P=50; me_p50=$(pct "${me[@]}"); P=95; me_p95=$(pct "${me[@]}")

{
  echo "WattOS startup benchmark ($(date -u +%FT%TZ), $(nproc) cores)"
  echo "cold start to ready (empty data dir):  ${cold_ms} ms"
  echo "warm restart to ready:                 ${warm_ms} ms"
  echo "RSS after cold start:                  $((cold_rss / 1024)) MB"
  echo "RSS after warm start:                  $((warm_rss / 1024)) MB"
  echo "login latency (n=$LOGINS):                p50 ${login_p50} ms, p95 ${login_p95} ms"
  echo "authenticated GET /api/v1/me (n=100):  p50 ${me_p50} ms, p95 ${me_p95} ms"
  echo "(times are wall clock from launching ./wattos start to the 'WattOS ready' line, JVM start included)"
} | tee "$OUT"
