#!/usr/bin/env bash
# dev.sh — brings the whole system up on this machine, no Docker: an in-process Temporal
# server (SQLite under .data/), a PostgreSQL cluster under .data/, in-process SMTP and
# IMAP servers, the Temporal Web UI, the worker with its mailbox pollers and the API.
# Installs PostgreSQL first when it is missing. Arguments go to `procon-dev dev`
# (e.g. scripts/dev.sh --seed-demo). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then scripts/install-deps.sh; else sudo scripts/install-deps.sh; fi
fi
exec go run ./cmd/procon-dev dev "$@"
