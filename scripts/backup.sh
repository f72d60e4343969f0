#!/usr/bin/env bash
# ./wattos backup <file.tar.gz> [--wattos.data-dir=DIR] and ./wattos restore <file.tar.gz> [--wattos.data-dir=DIR]
#
# Backs up the embedded default: the embedded PostgreSQL (a physical backup, so the server's own major version is
# what restores it; Debian's pg_dump 15 refuses the newer embedded server) plus the generated keys next to it
# (jwt.key, master.key, login-names.key: without master.key the stored provider secrets cannot be decrypted).
# While WattOS runs the backup is taken online: pg_backup_start/pg_backup_stop in one psql session around the copy,
# then the WAL written meanwhile and the backup_label, so the restored server replays to a consistent state.
# The search index is not backed up: a restored data dir rebuilds it from PostgreSQL at start (no re-embedding).
# A shared PostgreSQL (WATTOS_DB_URL) is backed up with that server's own tools, not with this script.
set -euo pipefail

die() { echo "wattos: $*" >&2; exit 1; }

mode="$1"; shift
file=""
dir="${WATTOS_DATA_DIR:-./data}"
for arg in "$@"; do
  case "$arg" in
    --wattos.data-dir=*) dir="${arg#--wattos.data-dir=}" ;;
    -*) die "unknown option $arg" ;;
    *) [ -z "$file" ] && file="$arg" || die "one file only" ;;
  esac
done
[ -n "$file" ] || die "usage: ./wattos $mode <file.tar.gz> [--wattos.data-dir=DIR]"
[ -n "${WATTOS_DB_URL:-}" ] && die "WATTOS_DB_URL is set: back up that PostgreSQL with its own tools (pg_dump / pg_basebackup of its version)"
dir="$(cd "$dir" 2>/dev/null && pwd)" || die "no data dir $dir"
case "$file" in /*) ;; *) file="$PWD/$file" ;; esac

# The running postmaster of the embedded database: its pid and port from postmaster.pid (lines 1 and 4).
postmaster_port() {
  local pidfile="$dir/postgres/postmaster.pid" pid
  [ -f "$pidfile" ] || return 0
  pid="$(sed -n 1p "$pidfile" | tr -dc '0-9')"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  sed -n 4p "$pidfile" | tr -dc '0-9'
}

KEYS=(jwt.key master.key login-names.key)

keys_present() { local k; for k in "${KEYS[@]}"; do [ -f "$dir/$k" ] && printf '%s\n' "$k"; done; return 0; }

backup() {
  [ -d "$dir/postgres" ] || die "no embedded database in $dir/postgres"
  local tar port
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  tar="$work/backup.tar"
  mapfile -t keys < <(keys_present)
  port="$(postmaster_port)"
  if [ -z "$port" ]; then
    # not running: the files are consistent as they are
    tar -C "$dir" -cf "$tar" --exclude=postgres/postmaster.pid postgres "${keys[@]}"
  else
    command -v psql >/dev/null 2>&1 || die "psql is needed for an online backup (apt-get install postgresql-client)"
    # pg_backup_stop must run in the session that started the backup; the copy runs in between (\!), and says
    # that it succeeded by leaving a marker (psql does not stop on a failed shell command)
    cat >"$work/copy.sh" <<COPY
tar -C '$dir' -cf '$tar' --warning=no-file-changed --warning=no-file-removed \\
  --exclude=postgres/postmaster.pid --exclude=postgres/postmaster.opts --exclude='postgres/pg_wal/*' \\
  --exclude=postgres/backup_label --exclude=postgres/tablespace_map postgres ${keys[*]}
status=\$?
[ \$status -le 1 ] && touch '$work/copied'
COPY
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres \
      -d postgres -At >/dev/null <<SQL || die "online backup failed (see above)"
SELECT pg_backup_start('wattos backup', true);
\! sh '$work/copy.sh'
SELECT labelfile FROM pg_backup_stop(false) \g '$work/backup_label'
SQL
    [ -f "$work/copied" ] || die "online backup failed: copying the data dir failed (see above)"
    [ -s "$work/backup_label" ] || die "online backup failed: no backup label"
    # the WAL from the backup's start on, copied after pg_backup_stop, and the label that tells recovery where to begin
    sed -i -e '$ { /^$/ d }' "$work/backup_label"
    mkdir -p "$work/postgres"; cp "$work/backup_label" "$work/postgres/backup_label"
    tar -C "$dir" -rf "$tar" --warning=no-file-changed --exclude='postgres/pg_wal/archive_status/*' postgres/pg_wal \
      || [ $? -eq 1 ] || die "copying the WAL failed"
    tar -C "$work" -rf "$tar" postgres/backup_label
  fi
  gzip -c "$tar" >"$file.partial" && mv "$file.partial" "$file"
  echo "wattos: Sicherung geschrieben / backup written: $file ($(du -h "$file" | cut -f1))"
}

restore() {
  [ -f "$file" ] || die "no backup file $file"
  if [ -f "$dir/wattos.pid" ] && kill -0 "$(head -n 1 "$dir/wattos.pid" | tr -dc '0-9')" 2>/dev/null; then
    die "WattOS läuft / is running on $dir: ./wattos stop first"
  fi
  [ -z "$(postmaster_port)" ] || die "the embedded database still runs on $dir: ./wattos stop first"
  tar -tzf "$file" postgres/PG_VERSION >/dev/null 2>&1 || die "$file is not a WattOS backup"
  local aside=""
  if [ -d "$dir/postgres" ]; then
    aside="$dir/postgres.before-restore-$(date +%Y%m%d-%H%M%S)"
    mv "$dir/postgres" "$aside"
  fi
  tar -C "$dir" -xzf "$file"
  mkdir -p "$dir/postgres/pg_wal/archive_status"
  chmod 700 "$dir/postgres"
  # the index belongs to the replaced database: the next start rebuilds it from the restored one
  rm -rf "$dir/index"
  echo "wattos: wiederhergestellt / restored $file into $dir${aside:+ (the previous database is kept in $aside)}"
  echo "wattos: Start / start: ./wattos start"
}

case "$mode" in
  backup) backup ;;
  restore) restore ;;
  *) die "unknown mode $mode" ;;
esac
