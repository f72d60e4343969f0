#!/usr/bin/env bash
# WattOS quickstart: ./wattos quickstart <site-url>
# Starts WattOS (embedded default) unless it already runs, then - as the platform admin, over the public REST API -
# creates a tenant, a knowledge space and a website source for <site-url>, crawls it to the end, creates an active
# widget and prints the console URL, the login and a local preview page with the widget embedded.
#
# Environment: WATTOS_PORT (8080), WATTOS_DATA_DIR (./data), WATTOS_ADMIN_PASSWORD (else <data>/admin-password.txt),
# QS_TENANT (tenant slug, default derived from the site's host), QS_MAX_PAGES (200), QS_START_TIMEOUT (600 s).
# Needs only bash, curl, sed and grep.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'quickstart: %s\n' "$*" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl fehlt / curl is missing (apt-get install curl)"

SITE="${1:-}"
[ -n "$SITE" ] || die "Aufruf / usage: ./wattos quickstart <https://www.ihre-gemeinde.de/>"
case "$SITE" in http://*|https://*) ;; *) die "Die Adresse muss mit http:// oder https:// beginnen / the URL must start with http:// or https://" ;; esac
HOST="$(printf '%s' "$SITE" | sed -E 's#^https?://([^/:?#]+).*#\1#' | tr 'A-Z' 'a-z')"
[ -n "$HOST" ] || die "keine gültige Adresse / not a valid URL: $SITE"

PORT="${WATTOS_PORT:-8080}"
BASE="http://localhost:$PORT"
DATA="${WATTOS_DATA_DIR:-$ROOT/data}"
LOG="$DATA/wattos.log"
MAX_PAGES="${QS_MAX_PAGES:-200}"

healthy() { curl -fsS -m 3 "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; }

# ---------------------------------------------------------------- 1. start WattOS if needed
if healthy; then
  say "WattOS läuft bereits auf $BASE / WattOS is already running"
else
  mkdir -p "$DATA"
  case "$HOST" in
    localhost|127.*|10.*|192.168.*|172.1[6-9].*|172.2[0-9].*|172.3[01].*|\[::1\])
      # the crawler refuses private addresses unless told otherwise; a local demo site needs it
      export WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS="${WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS:-true}"
      say "Hinweis: $HOST ist eine lokale Adresse; private Netze für den Crawler erlaubt / local address: private networks allowed" ;;
  esac
  say "Starte WattOS (Protokoll: $LOG) / starting WattOS (log: $LOG) ..."
  nohup "$ROOT/wattos" start >>"$LOG" 2>&1 &
  PID=$!
  DEADLINE=$(( $(date +%s) + ${QS_START_TIMEOUT:-600} ))
  until healthy; do
    if ! kill -0 "$PID" 2>/dev/null; then
      tail -n 30 "$LOG" >&2 || true
      die "WattOS hat sich beendet, siehe $LOG / WattOS exited, see $LOG"
    fi
    [ "$(date +%s)" -lt "$DEADLINE" ] || die "WattOS antwortet nicht (Zeitüberschreitung), siehe $LOG / timed out, see $LOG"
    sleep 2
  done
  say "WattOS ist bereit / WattOS is ready (pid $PID)"
fi

# ---------------------------------------------------------------- 2. small JSON helpers (no jq)
STATUS=""; BODY=""
# call METHOD PATH [JSON] -> sets STATUS and BODY
call() {
  local method="$1" path="$2" data="${3:-}" out
  local args=(-sS -m 60 -X "$method" -H 'Accept: application/json' -w '\n%{http_code}')
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  out="$(curl "${args[@]}" "$BASE$path")" || die "Anfrage fehlgeschlagen / request failed: $method $path"
  STATUS="${out##*$'\n'}"
  BODY="${out%$'\n'*}"
}
# first "key":"string" value in BODY
str() { printf '%s' "$BODY" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed -E 's/^"[^"]*":"(.*)"$/\1/'; }
# first "key":number value in BODY (0 if absent)
num() { local v; v="$(printf '%s' "$BODY" | grep -o "\"$1\":[0-9]*" | head -n 1 | sed -E 's/.*://')"; printf '%s' "${v:-0}"; }
# JSON string literal
js() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }
expect() { # expect STATUS... ; dies with the problem detail otherwise
  local s; for s in "$@"; do [ "$STATUS" = "$s" ] && return 0; done
  die "unerwartete Antwort / unexpected answer $STATUS: $(printf '%s' "$BODY" | head -c 400)"
}

# ---------------------------------------------------------------- 3. log in as the platform admin
PASSWORD="${WATTOS_ADMIN_PASSWORD:-}"
if [ -z "$PASSWORD" ] && [ -f "$DATA/admin-password.txt" ]; then PASSWORD="$(head -n 1 "$DATA/admin-password.txt")"; fi
[ -n "$PASSWORD" ] || die "Kein Admin-Passwort: WATTOS_ADMIN_PASSWORD setzen oder $DATA/admin-password.txt / no admin password found"
TOKEN=""
call POST /api/v1/auth/login "{\"username\":\"admin\",\"password\":$(js "$PASSWORD")}"
expect 200
TOKEN="$(str accessToken)"
[ -n "$TOKEN" ] || die "Anmeldung ohne Token / login returned no token"
say "Angemeldet als admin / signed in as admin"

# ---------------------------------------------------------------- 4. tenant, space, website source
SLUG="${QS_TENANT:-$(printf '%s' "$HOST" | sed -E 's/^www\.//; s/[^a-z0-9]+/-/g; s/^-+//; s/-+$//' | cut -c1-40)}"
[ ${#SLUG} -ge 2 ] || SLUG="demo-$SLUG"
call POST /api/v1/tenants "{\"slug\":$(js "$SLUG"),\"name\":$(js "$HOST"),\"locale\":\"de\"}"
if [ "$STATUS" = "409" ]; then
  say "Mandant $SLUG existiert bereits, wird weiterverwendet / tenant exists, reusing it"
else
  expect 201
  say "Mandant angelegt / tenant created: $SLUG"
fi
T="/api/v1/tenants/$SLUG"

call POST "$T/spaces" "{\"name\":$(js "Website $HOST"),\"description\":$(js "Inhalte von $SITE"),\"language\":\"de\"}"
expect 201
SPACE="$(str id)"
say "Wissensbereich angelegt / knowledge space created: $SPACE"

call POST "$T/spaces/$SPACE/sources" "{\"type\":\"website\",\"name\":$(js "$HOST"),\"startUrls\":[$(js "$SITE")],\"maxPages\":$MAX_PAGES}"
expect 201
SOURCE="$(str id)"
say "Website-Quelle angelegt / website source created: $SOURCE"

# ---------------------------------------------------------------- 5. crawl and follow it to the end
call POST "$T/sources/$SOURCE/crawls" "{}"
expect 201 202
CRAWL="$(str id)"
say "Crawl gestartet / crawl started: $CRAWL"
while :; do
  call GET "$T/crawls/$CRAWL"
  expect 200
  RUN_STATUS="$(str status)"
  printf '\r  %-10s  gefunden/discovered %-5s  geladen/fetched %-5s  neu/new %-5s  Fehler/failed %-5s' \
    "$RUN_STATUS" "$(num discovered)" "$(num fetched)" "$(num new)" "$(num failed)"
  case "$RUN_STATUS" in succeeded|failed|cancelled) break ;; esac
  sleep 2
done
printf '\n'
FAILS="$(printf '%s' "$BODY" | grep -o '"failures":\[[^]]*\]' | grep -o '"url":"[^"]*"' | head -n 5 | sed -E 's/"url":"(.*)"/    - \1/' || true)"
if [ -n "$FAILS" ]; then say "  Beispiele für Fehler / sample failures:"; say "$FAILS"; fi
[ "$RUN_STATUS" = "succeeded" ] || say "Achtung: der Crawl endete mit '$RUN_STATUS' / warning: crawl ended with '$RUN_STATUS'"

# ---------------------------------------------------------------- 6. an active widget, allowed on the preview page's origin
WIDGET_JSON="{\"name\":$(js "Assistent $HOST"),\"spaceIds\":[$(js "$SPACE")],\"allowedOrigins\":[$(js "$BASE")],\
\"status\":\"active\",\"mode\":\"launcher\",\"assistantName\":\"Digitaler Assistent\",\"locale\":\"de\",\
\"greeting\":$(js "Guten Tag! Ich beantworte Ihre Fragen zu $HOST."),\
\"disclosureText\":\"Hinweis: Sie schreiben mit einem KI-Assistenten. Die Antworten werden automatisch aus den Inhalten der Website erstellt und können Fehler enthalten. Bitte geben Sie keine persönlichen Daten ein.\"}"
call POST "$T/widgets" "$WIDGET_JSON"
expect 201
WIDGET="$(str id)"
KEY="$(str publicKey)"
call GET "$T/widgets/$WIDGET/embed-code"
expect 200
PREVIEW="$(str previewUrl)"
[ -n "$PREVIEW" ] || PREVIEW="$BASE/w/$KEY/preview"

cat <<TXT

Fertig / Done.

  Konsole / console:   $BASE/console/
  Anmeldung / login:   Benutzer/user "admin", Passwort/password: ${WATTOS_ADMIN_PASSWORD:+aus/from WATTOS_ADMIN_PASSWORD}${WATTOS_ADMIN_PASSWORD:-siehe/see $DATA/admin-password.txt}
  Mandant / tenant:    $SLUG
  Vorschau / preview:  $PREVIEW
  Einbettung / embed:  <script src="$BASE/widget.js" data-wattos-widget="$KEY" async></script>

Für Ihre eigene Website tragen Sie deren Ursprung im Widget-Designer unter "Erlaubte Ursprünge" ein.
For your own website, add its origin under "Allowed origins" in the widget designer.
TXT
