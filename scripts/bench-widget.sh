#!/usr/bin/env bash
# ./wattos bench widget [requests]
# Figures for the embeddable widget:
#   - widget.js size, raw and gzipped (gzip -9), as served
#   - public config endpoint latency (p50/p95/p99/max over keep-alive requests with an allowed Origin)
#   - visitor session creation latency (p50/p95)
#   - time to launcher, if the browser test measured it (target/figures/widget-time-to-launcher-ms.txt)
# Uses a running WattOS on WATTOS_PORT (default 8080) or starts one (./wattos start, log in <data>/wattos.log) and
# stops it again afterwards. Creates a tenant "bench-widget" with one active widget (as the platform admin).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-1000}"
PORT="${WATTOS_PORT:-8080}"
BASE="http://localhost:$PORT"
DATA="${WATTOS_DATA_DIR:-$ROOT/data}"
OUT="$ROOT/target/figures"
mkdir -p "$OUT"
die() { printf 'bench-widget: %s\n' "$*" >&2; exit 1; }
healthy() { curl -fsS -m 3 "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; }

STARTED=""
if ! healthy; then
  mkdir -p "$DATA"
  echo "starting WattOS (log: $DATA/wattos.log) ..."
  nohup "$ROOT/wattos" start >>"$DATA/wattos.log" 2>&1 &
  STARTED=$!
  trap '[ -n "$STARTED" ] && kill "$STARTED" 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do healthy && break; kill -0 "$STARTED" 2>/dev/null || die "WattOS exited, see $DATA/wattos.log"; sleep 2; done
  healthy || die "WattOS did not become healthy"
fi

PASSWORD="${WATTOS_ADMIN_PASSWORD:-}"
[ -n "$PASSWORD" ] || { [ -f "$DATA/admin-password.txt" ] && PASSWORD="$(head -n 1 "$DATA/admin-password.txt")"; } || true
[ -n "$PASSWORD" ] || die "no admin password (WATTOS_ADMIN_PASSWORD or $DATA/admin-password.txt)"
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed -E 's/^"[^"]*":"(.*)"$/\1/'; }
TOKEN="$(curl -sS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" | field accessToken)"
[ -n "$TOKEN" ] || die "login failed"
auth=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
curl -sS -o /dev/null "${auth[@]}" -d '{"slug":"bench-widget","name":"Benchmark"}' "$BASE/api/v1/tenants" || true
KEY="$(curl -sS "${auth[@]}" -d "{\"name\":\"bench $(date +%s)\",\"status\":\"active\",\"allowedOrigins\":[\"$BASE\"]}" \
  "$BASE/api/v1/tenants/bench-widget/widgets" | field publicKey)"
[ -n "$KEY" ] || die "could not create a widget"

# ---- widget.js size
curl -sS -o "$OUT/widget.js" "$BASE/widget.js"
RAW=$(wc -c <"$OUT/widget.js")
GZ=$(gzip -9 -c "$OUT/widget.js" | wc -c)

# ---- latency: one curl process, keep-alive, N transfers; time_total per transfer in seconds
percentiles() { # stdin: seconds per line -> "p50 p95 p99 max" in ms
  sort -n | awk '{v[NR]=$1} END {n=NR; if(n==0){print "n/a"; exit}
    i50=int(n*0.50+0.5); i95=int(n*0.95+0.5); i99=int(n*0.99+0.5);
    if(i50<1)i50=1; if(i95<1)i95=1; if(i99<1)i99=1; if(i95>n)i95=n; if(i99>n)i99=n;
    printf "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%d)\n", v[i50]*1000, v[i95]*1000, v[i99]*1000, v[n]*1000, n}'
}
CFG="$OUT/curl-config.txt"
: >"$CFG"
for _ in $(seq 1 "$N"); do printf 'url = "%s/api/v1/public/widgets/%s/config"\noutput = /dev/null\n' "$BASE" "$KEY" >>"$CFG"; done
# warm-up
curl -sS -H "Origin: $BASE" -K "$CFG" -w '%{time_total}\n' >/dev/null
CONFIG=$(curl -sS -H "Origin: $BASE" -K "$CFG" -w '%{time_total}\n' | percentiles)

S=$(( N / 5 )); [ "$S" -gt 50 ] || S=50; [ "$S" -lt 55 ] || S=55   # stays under the per-IP session limit (60/h)
: >"$CFG"
for _ in $(seq 1 "$S"); do printf 'url = "%s/api/v1/public/widgets/%s/sessions"\nrequest = "POST"\noutput = /dev/null\n' "$BASE" "$KEY" >>"$CFG"; done
SESSIONS=$(curl -sS -H "Origin: $BASE" -K "$CFG" -w '%{time_total}\n' | percentiles)

LAUNCH="(run the browser test: mvn test -Dtest=WidgetBrowserTest)"
[ -f "$OUT/widget-time-to-launcher-ms.txt" ] && LAUNCH="$(cat "$OUT/widget-time-to-launcher-ms.txt") ms after widget.js arrived (WidgetBrowserTest, headless Chromium)"

REPORT="$OUT/widget-bench.txt"
{
  echo "WattOS widget benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $BASE"
  echo "widget.js            ${RAW} bytes raw, ${GZ} bytes gzip -9 ($(awk "BEGIN{printf \"%.1f\", $GZ/1024}") KiB; budget 30 KiB)"
  echo "GET  config          $CONFIG"
  echo "POST sessions        $SESSIONS"
  echo "time to launcher     $LAUNCH"
} | tee "$REPORT"
rm -f "$CFG"
