#!/usr/bin/env bash
# WattOS quickstart: ./wattos quickstart <site-url> [--name "Gemeinde Musterstadt"] [--contact buergerbuero@musterstadt.de]
# Starts WattOS (embedded default, bound to 127.0.0.1) unless it already runs, then - as the platform admin, over the
# public REST API - creates (or, on a re-run, reuses) a tenant, a knowledge space and a website source for <site-url>,
# crawls it to the end, creates an active widget allowed on the site's own origin and prints the console URL, the
# login, a local preview page with the widget embedded, and how to stop WattOS again.
# A site on a local or private address needs the platform setting "allow private networks": the quickstart sets it
# (stored, so nightly recrawls after a restart still reach the site) and says so.
# --name and --contact (e-mail, phone or web address) are asked for when missing and run in a terminal.
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

SITE=""; NAME="${QS_NAME:-}"; CONTACT="${QS_CONTACT:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --name) [ $# -ge 2 ] || die "--name braucht einen Wert / needs a value"; NAME="$2"; shift 2 ;;
    --name=*) NAME="${1#--name=}"; shift ;;
    --contact) [ $# -ge 2 ] || die "--contact braucht einen Wert / needs a value"; CONTACT="$2"; shift 2 ;;
    --contact=*) CONTACT="${1#--contact=}"; shift ;;
    -*) die "unbekannte Option / unknown option: $1" ;;
    *) [ -z "$SITE" ] || die "nur eine Adresse / only one URL: $1"; SITE="$1"; shift ;;
  esac
done
[ -n "$SITE" ] || die "Aufruf / usage: ./wattos quickstart <https://www.ihre-gemeinde.de/> [--name NAME] [--contact E-MAIL|TELEFON]"
case "$SITE" in http://*|https://*) ;; *) die "Die Adresse muss mit http:// oder https:// beginnen / the URL must start with http:// or https://" ;; esac
HOST="$(printf '%s' "$SITE" | sed -E 's#^https?://([^/:?#]+).*#\1#' | tr 'A-Z' 'a-z')"
[ -n "$HOST" ] || die "keine gültige Adresse / not a valid URL: $SITE"

ORIGIN="$(printf '%s' "$SITE" | sed -E 's#^(https?://[^/?#]+).*#\1#' | tr 'A-Z' 'a-z')"
if [ -t 0 ]; then
  [ -n "$NAME" ] || read -r -p "Name Ihrer Organisation / name of your organisation [$HOST]: " NAME || true
  [ -n "$CONTACT" ] || read -r -p "Kontakt für Bürger (E-Mail oder Telefon, leer = später) / contact for citizens (e-mail or phone, empty = later): " CONTACT || true
fi
NAME="${NAME:-$HOST}"

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
  [ -f "$DATA/admin-password.txt" ] || NEW_ADMIN=1
  say "Starte WattOS nur für diesen Rechner (127.0.0.1; Protokoll: $LOG) / starting WattOS for this machine only (log: $LOG) ..."
  # loopback only: a first try should not be reachable from the network (set WATTOS_ADDRESS / --server.address to open it)
  nohup "$ROOT/wattos" start --server.address=127.0.0.1 >>"$LOG" 2>&1 &
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

# ---------------------------------------------------------------- 4. private networks for a local site
is_private_host() {
  case "$1" in
    localhost|*.localhost|127.*|10.*|192.168.*|172.1[6-9].*|172.2[0-9].*|172.3[01].*|169.254.*|\[::1\]|\[f[cd]*|\[fe80:*) return 0 ;;
  esac
  return 1
}
allow_private_networks() {
  call GET /api/v1/platform/settings
  [ "$STATUS" = "200" ] || die "Plattform-Einstellungen nicht lesbar ($STATUS) / cannot read platform settings. Abhilfe / fix: WattOS mit WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS=true starten / start it with that variable"
  if printf '%s' "$BODY" | grep -q '"privateNetworksAllowed":true'; then return 0; fi
  say "Hinweis: $HOST ist eine lokale/private Adresse. Die Plattform-Einstellung \"private Netze erlauben\" wird eingeschaltet"
  say "  (gespeichert, gilt auch nach Neustarts; der Crawler und Modell-Server dürfen dann lokale Adressen abrufen)."
  say "Notice: $HOST is a local/private address. The platform setting \"allow private networks\" is switched on"
  say "  (stored, survives restarts; the crawler and model servers may then fetch local addresses)."
  say "  Zurücknehmen / undo: PUT /api/v1/platform/settings {\"allowPrivateNetworks\":false}"
  call PUT /api/v1/platform/settings '{"allowPrivateNetworks":true}'
  [ "$STATUS" = "200" ] || die "Einstellung nicht gesetzt ($STATUS) / setting refused: $(printf '%s' "$BODY" | head -c 300). Abhilfe / fix: WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS=true ./wattos start"
}
if is_private_host "$HOST"; then allow_private_networks; fi

# ---------------------------------------------------------------- 5. tenant, space, website source (reused on a re-run)
SLUG="${QS_TENANT:-$(printf '%s' "$HOST" | sed -E 's/^www\.//; s/[^a-z0-9]+/-/g; s/^-+//; s/-+$//' | cut -c1-40)}"
[ ${#SLUG} -ge 2 ] || SLUG="demo-$SLUG"
call POST /api/v1/tenants "{\"slug\":$(js "$SLUG"),\"name\":$(js "$NAME"),\"locale\":\"de\"}"
if [ "$STATUS" = "409" ]; then
  say "Mandant $SLUG existiert bereits, wird weiterverwendet / tenant exists, reusing it"
  if [ "$NAME" != "$HOST" ]; then
    call PUT "/api/v1/tenants/$SLUG" "{\"slug\":$(js "$SLUG"),\"name\":$(js "$NAME")}"
    expect 200
  fi
else
  expect 201
  say "Mandant angelegt / tenant created: $SLUG ($NAME)"
fi
T="/api/v1/tenants/$SLUG"

if [ -n "$CONTACT" ]; then
  case "$CONTACT" in
    *@*) CONTACT_JSON="{\"email\":$(js "$CONTACT")}" ;;
    http://*|https://*) CONTACT_JSON="{\"url\":$(js "$CONTACT")}" ;;
    *) CONTACT_JSON="{\"phone\":$(js "$CONTACT")}" ;;
  esac
  call PUT "$T/settings" "{\"contact\":$CONTACT_JSON}"
  expect 200
  say "Kontakt gespeichert / contact saved: $CONTACT"
fi

SPACE_NAME="Website $HOST"
call GET "$T/spaces?size=200"
expect 200
SPACE="$(printf '%s' "$BODY" | grep -o "\"id\":\"[^\"]*\",\"name\":$(js "$SPACE_NAME" | sed 's/[][\.*^$]/\\&/g')" | head -n 1 | sed -E 's/^"id":"([^"]*)".*/\1/' || true)"
if [ -n "$SPACE" ]; then
  say "Wissensbereich wird weiterverwendet / reusing knowledge space: $SPACE"
else
  call POST "$T/spaces" "{\"name\":$(js "$SPACE_NAME"),\"description\":$(js "Inhalte von $SITE"),\"language\":\"de\"}"
  expect 201
  SPACE="$(str id)"
  say "Wissensbereich angelegt / knowledge space created: $SPACE"
fi

call GET "$T/spaces/$SPACE/sources?size=100"
expect 200
# the quickstart's space holds just its one website source
SOURCE="$(printf '%s' "$BODY" | grep -o '"id":"[^"]*","spaceId":"[^"]*"' | head -n 1 | sed -E 's/^"id":"([^"]*)".*/\1/' || true)"
if [ -n "$SOURCE" ]; then
  say "Website-Quelle wird weiterverwendet / reusing website source: $SOURCE"
else
  SOURCE_JSON="{\"type\":\"website\",\"name\":$(js "$HOST"),\"startUrls\":[$(js "$SITE")],\"maxPages\":$MAX_PAGES}"
  call POST "$T/spaces/$SPACE/sources" "$SOURCE_JSON"
  if [ "$STATUS" = "400" ] && printf '%s' "$BODY" | grep -q 'private_address'; then
    # the name resolves to a private address although it does not look like one
    allow_private_networks
    call POST "$T/spaces/$SPACE/sources" "$SOURCE_JSON"
  fi
  expect 201
  SOURCE="$(str id)"
  say "Website-Quelle angelegt / website source created: $SOURCE"
fi

# ---------------------------------------------------------------- 6. crawl and follow it to the end
call POST "$T/sources/$SOURCE/crawls" "{}"
if [ "$STATUS" = "409" ] && [ -n "$(str activeRunId)" ]; then
  CRAWL="$(str activeRunId)"
  say "Ein Crawl läuft bereits, wird verfolgt / a crawl is already running, following it: $CRAWL"
else
  expect 201 202
  CRAWL="$(str id)"
  say "Crawl gestartet / crawl started: $CRAWL"
fi
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

# ---------------------------------------------------------------- 7. an active widget, allowed on the site's and the preview page's origins
ORIGINS="$(js "$BASE")"
[ "$ORIGIN" = "$BASE" ] || ORIGINS="$ORIGINS,$(js "$ORIGIN")"
WIDGET_NAME="Assistent $HOST"
WIDGET_JSON="{\"name\":$(js "$WIDGET_NAME"),\"spaceIds\":[$(js "$SPACE")],\"allowedOrigins\":[$ORIGINS],\
\"status\":\"active\",\"mode\":\"launcher\",\"assistantName\":\"Digitaler Assistent\",\"locale\":\"de\",\
\"greeting\":$(js "Guten Tag! Ich beantworte Ihre Fragen zu $NAME."),\
\"disclosureText\":\"Hinweis: Sie schreiben mit einem KI-Assistenten. Die Antworten werden automatisch aus den Inhalten der Website erstellt und können Fehler enthalten. Bitte geben Sie keine persönlichen Daten ein.\"}"
call GET "$T/widgets?size=200"
expect 200
WIDGET="$(printf '%s' "$BODY" | grep -o "\"id\":\"[^\"]*\",\"publicKey\":\"[^\"]*\",\"name\":$(js "$WIDGET_NAME" | sed 's/[][\.*^$]/\\&/g')" \
  | head -n 1 | sed -E 's/^"id":"([^"]*)".*/\1/' || true)"
if [ -n "$WIDGET" ]; then
  call PUT "$T/widgets/$WIDGET" "$WIDGET_JSON"
  expect 200
  say "Widget aktualisiert / widget updated: $WIDGET"
else
  call POST "$T/widgets" "$WIDGET_JSON"
  expect 201
  WIDGET="$(str id)"
  say "Widget angelegt / widget created: $WIDGET"
fi
KEY="$(str publicKey)"
call GET "$T/widgets/$WIDGET/embed-code"
expect 200
PREVIEW="$(str previewUrl)"
[ -n "$PREVIEW" ] || PREVIEW="$BASE/w/$KEY/preview"

if [ -n "${WATTOS_ADMIN_PASSWORD:-}" ]; then
  PASSWORD_HINT="aus/from WATTOS_ADMIN_PASSWORD"
elif [ -n "${NEW_ADMIN:-}" ]; then
  # shown once here, on the terminal; the server's log only names the owner-only file
  PASSWORD_HINT="$PASSWORD  (auch in / also in $DATA/admin-password.txt; bitte nach der ersten Anmeldung ändern / change it after the first login)"
else
  PASSWORD_HINT="siehe/see $DATA/admin-password.txt"
fi
cat <<TXT

Fertig / Done.

  Konsole / console:   $BASE/console/
  Anmeldung / login:   Benutzer/user "admin", Passwort/password: $PASSWORD_HINT
  Mandant / tenant:    $SLUG ($NAME)
  Vorschau / preview:  $PREVIEW
  Einbettung / embed:  <script src="$BASE/widget.js" data-wattos-widget="$KEY" async></script>
                       (erlaubt auf / allowed on $ORIGIN)

Beenden / stop:        ./wattos stop        Status: ./wattos status
Erneut ausführen ist gefahrlos (Mandant, Bereich, Quelle und Widget werden weiterverwendet).
Running it again is safe (tenant, space, source and widget are reused).
TXT
