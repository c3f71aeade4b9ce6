package testenv

import (
	"context"
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/temporalserver"
	"github.com/procon-es/procon/workflows"
)

// Namespace is the namespace the test Temporal server registers.
const Namespace = "procon-test"

// Temporal starts an in-memory Temporal server for one test, with the project's
// namespace and search attributes, and returns its address and a client.
func Temporal(t testing.TB) (string, client.Client) {
	t.Helper()
	ctx := context.Background()
	srv, err := temporalserver.Start(ctx, temporalserver.Config{
		Namespace: Namespace, SearchAttributes: workflows.SearchAttributeTypes,
		// The server's own log stays with the test's files, out of the test output.
		LogFile: filepath.Join(t.TempDir(), "temporal.log"),
	})
	if err != nil {
		t.Fatalf("testenv: temporal: %v", err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	c, err := client.DialContext(ctx, client.Options{HostPort: srv.HostPort(), Namespace: Namespace, Logger: temporalserver.QuietLogger})
	if err != nil {
		t.Fatalf("testenv: temporal client: %v", err)
	}
	t.Cleanup(c.Close)
	return srv.HostPort(), c
}
