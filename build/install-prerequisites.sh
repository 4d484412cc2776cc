#!/usr/bin/env bash
# Installs the machine packages Avenir's run and test commands need, when they are missing:
# the PostgreSQL server binaries (the AppHost and the tests start their own server from them),
# Chromium (the browser tests drive /usr/bin/chromium headless) and Dovecot's IMAP server (the outreach
# IMAP watcher's tests start their own Dovecot on a free loopback port).
# Idempotent and quiet when everything is there. Needs root (or sudo) only when something is missing.
set -euo pipefail

have_postgres() {
  command -v postgres >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
have_postgres || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts a cluster on install; Avenir runs its own servers, so the default one is not needed.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
  # Likewise Dovecot's system instance (the tests run their own).
  if [ -x /usr/sbin/dovecot ]; then
    as_root service dovecot stop >/dev/null 2>&1 || true
  fi
fi
