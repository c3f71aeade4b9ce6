#!/usr/bin/env bash
# install-deps.sh — installs the Debian packages the project's tests and CI
# need on a Debian 12 machine, as root. Idempotent: packages already present
# are not touched, and apt is not called at all when nothing is missing.
#
#   postgresql (server 15)            throwaway clusters for database tests
#   dovecot-core dovecot-imapd        IMAP server       (internal/mailstack)
#   dovecot-lmtpd                     LMTP delivery     (internal/mailstack)
#   opensmtpd                         SMTP server / MTA (internal/mailstack)
#   chromium                          headless browser of the console's page tests (e2e)
#
# The packages would normally start their daemons (and register them to start
# at boot). Tests start their own private instances instead, so this script
# forbids service starts during the install with a temporary policy-rc.d
# (unless the machine already has one) and, after an install, stops and
# disables any daemon of these packages that is running anyway: no unit or
# init script is left enabled. A run that installs nothing touches nothing.
#
# Usage: sudo scripts/install-deps.sh        (CI: called by .ci/run as root)
set -euo pipefail

PACKAGES=(
	postgresql
	dovecot-core
	dovecot-imapd
	dovecot-lmtpd
	opensmtpd
	chromium
)

log() { printf 'install-deps: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
	log "must run as root (apt-get install)"
	exit 1
fi

# service_of prints the init service a package brings, if any.
service_of() {
	case "$1" in
	postgresql) echo postgresql ;;
	dovecot-*) echo dovecot ;;
	opensmtpd) echo opensmtpd ;;
	esac
}

# quiesce_services stops and disables the daemons of the packages given
# (just installed), whatever the install did: tests start private instances.
quiesce_services() {
	local p s pidfile
	for p in "$@"; do
		s=$(service_of "$p")
		[ -n "$s" ] || continue
		if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
			systemctl disable --now "$s" >/dev/null 2>&1 || true
		elif [ -x "/etc/init.d/$s" ]; then
			/etc/init.d/"$s" stop >/dev/null 2>&1 || true
			update-rc.d "$s" disable >/dev/null 2>&1 || true
		fi
	done
	# System-wide instances that no init script stopped, found by their
	# packaged pid files (private test instances keep theirs elsewhere).
	for pidfile in /run/dovecot/master.pid /run/smtpd.pid; do
		if [ -r "$pidfile" ]; then
			kill "$(cat "$pidfile")" 2>/dev/null || true
		fi
	done
}

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$status" in
	ii*) ;;
	*) missing+=("$p") ;;
	esac
done

if [ "${#missing[@]}" -eq 0 ]; then
	log "all packages present: ${PACKAGES[*]}"
else
	log "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# Keep daemons from starting during the install. Leave an existing
	# policy-rc.d (e.g. a container image's) alone.
	policy=/usr/sbin/policy-rc.d
	created_policy=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# temporary, from install-deps.sh\nexit 101\n' >"$policy"
		chmod 0755 "$policy"
		created_policy=1
		trap '[ "$created_policy" = 1 ] && rm -f "$policy"' EXIT
	fi
	apt_get() {
		apt-get -y -q -o Dpkg::Options::=--force-confdef \
			-o Dpkg::Options::=--force-confold "$@"
	}
	# Refresh the lists only when apt cannot find a candidate for a package.
	need_update=0
	for p in "${missing[@]}"; do
		cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
		if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
			need_update=1
		fi
	done
	if [ "$need_update" = 1 ] || ! apt_get install --no-install-recommends "${missing[@]}"; then
		apt_get update
		apt_get install --no-install-recommends "${missing[@]}"
	fi
	quiesce_services "${missing[@]}"
fi

for bin in /usr/sbin/dovecot /usr/sbin/smtpd /usr/lib/postgresql/15/bin/postgres; do
	if [ ! -x "$bin" ]; then
		log "missing after install: $bin"
		exit 1
	fi
done
log "ok"
