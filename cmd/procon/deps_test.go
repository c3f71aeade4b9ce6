package main

import (
	"os/exec"
	"strings"
	"testing"
)

// developmentOnly are the packages the production binary must not link (issue 15): the
// Temporal server and its web UI, the development mail server, the development stack and
// the bench. They belong to cmd/procon-dev.
var developmentOnly = []string{
	"go.temporal.io/server",
	"github.com/temporalio/ui-server",
	"github.com/procon-es/procon/internal/devmail",
	"github.com/procon-es/procon/internal/devstack",
	"github.com/procon-es/procon/internal/temporalserver",
	"github.com/procon-es/procon/internal/bench",
}

func TestProductionBinaryLinksNoDevelopmentCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 { // the list is real: the binary links at least the SDK and pgx
		t.Fatalf("go list -deps gave only %d packages: %v", len(deps), deps)
	}
	for _, dep := range deps {
		for _, banned := range developmentOnly {
			if dep == banned || strings.HasPrefix(dep, banned+"/") {
				t.Errorf("cmd/procon links %s (development only, see cmd/procon-dev)", dep)
			}
		}
	}
}
