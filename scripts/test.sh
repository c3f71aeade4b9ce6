#!/usr/bin/env bash
# test.sh — the project's full test suite, as README.md documents it and .ci/run runs it.
#
# On a fresh Debian 12 machine of this project's kind it installs what the tests need
# (scripts/install-deps.sh: PostgreSQL, Dovecot, OpenSMTPD, Chromium), then runs, in order:
#   gofmt            every Go file formatted
#   go vet           ./...
#   workflowcheck    Temporal's determinism check over the workflow code
#   go test          ./... against the real servers: a throwaway PostgreSQL cluster,
#                    an in-process Temporal server, Dovecot + OpenSMTPD (mandatory:
#                    PROCON_REQUIRE_REAL_MAIL=1, so a missing mail server fails the run)
#   fuzz             each fuzz target for FUZZTIME (default 15s; 0 skips), starting
#                    from the corpus kept in the package's testdata/fuzz
# Extra arguments go to `go test` (e.g. scripts/test.sh -run TestComplaint).
set -euo pipefail
cd "$(dirname "$0")/.."

# workflowcheck is Temporal's own analyzer, pinned here, fetched through the Go module proxy.
WORKFLOWCHECK=go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0

step() { printf '\n=== %s\n' "$*"; }

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
	echo "test.sh: Go not found: install Go $(sed -n 's/^go //p' go.mod) (see README.md)" >&2
	exit 1
fi
export PATH="$(go env GOPATH)/bin:$PATH"

step "dependencies (Debian packages)"
if [ "$(id -u)" -eq 0 ]; then
	scripts/install-deps.sh
elif command -v sudo >/dev/null 2>&1; then
	sudo scripts/install-deps.sh
else
	echo "test.sh: not root and no sudo: run scripts/install-deps.sh as root first" >&2
fi

step "go mod download"
go mod download

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.data/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi

step "go vet"
go vet ./...

step "workflowcheck (deterministic workflow code)"
go run "$WORKFLOWCHECK" ./workflows/...

step "go test"
export PROCON_REQUIRE_REAL_MAIL=1
go test -count=1 -timeout 20m "$@" ./...

# The fuzz targets: the parsers of what arrives from outside, and the deadline engine.
FUZZ_TARGETS=(
	"internal/intake FuzzCheck"
	"internal/mailmsg FuzzParseMessage"
	"internal/mailmsg FuzzHTMLToText"
	"internal/prazo FuzzCompute"
	"internal/senderauth FuzzCheck"
)
# fuzz runs one target. Go 1.26's fuzz coordinator can fail a run that found nothing
# with a bare "context deadline exceeded" at the end of -fuzztime, on a loaded machine
# (golang/go#75804, fixed in Go 1.27). A real finding always writes its input under
# testdata/fuzz/<target>/; so a run that failed with that message and wrote nothing is
# run once more, and only a second such failure, or any other failure, fails the suite.
fuzz() {
	local pkg=$1 fn=$2 attempt log before after
	for attempt in 1 2; do
		before=$(ls "$pkg/testdata/fuzz/$fn" 2>/dev/null | sort || true)
		log=$(mktemp)
		if go test -run='^$' -fuzz="^${fn}\$" -fuzztime="${FUZZTIME:-15s}" "./$pkg" 2>&1 | tee "$log"; then
			rm -f "$log"
			return 0
		fi
		after=$(ls "$pkg/testdata/fuzz/$fn" 2>/dev/null | sort || true)
		if [ "$attempt" = 1 ] && [ "$before" = "$after" ] && grep -q '^    context deadline exceeded$' "$log" &&
			! grep -q 'Failing input written' "$log"; then
			echo "test.sh: $fn: the fuzz coordinator's end-of-time failure (golang/go#75804), no input written; running it once more" >&2
			rm -f "$log"
			continue
		fi
		rm -f "$log"
		return 1
	done
	return 1
}
if [ "${FUZZTIME:-15s}" != 0 ]; then
	for target in "${FUZZ_TARGETS[@]}"; do
		read -r pkg fn <<<"$target"
		step "fuzz $fn (${FUZZTIME:-15s})"
		fuzz "$pkg" "$fn"
	done
fi
