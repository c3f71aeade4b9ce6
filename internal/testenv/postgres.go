package testenv

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/pgcluster"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/migrations"
)

var (
	pgOnce    sync.Once
	pgAdmin   string
	pgErr     error
	pgCluster *pgcluster.Cluster
	dbSeq     atomic.Int64
)

// adminURL returns a URL to a server where test databases can be created: the one in
// PROCON_TEST_DATABASE_URL, or a cluster started for this test binary (stopped by
// Cleanup from TestMain, or left to die with the temp folder).
func adminURL(t testing.TB) string {
	pgOnce.Do(func() {
		if u := os.Getenv("PROCON_TEST_DATABASE_URL"); u != "" {
			pgAdmin = u
			return
		}
		dir, err := os.MkdirTemp("", "procon-pg-")
		if err != nil {
			pgErr = err
			return
		}
		// As root the server runs as the postgres user, who must reach the cluster folder.
		if err := os.Chmod(dir, 0o755); err != nil {
			pgErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		pgCluster, pgErr = pgcluster.Start(ctx, filepath.Join(dir, "data"), pgcluster.Options{Port: FreePort(t), Fast: true, Database: "postgres"})
		if pgErr == nil {
			pgAdmin = pgCluster.URL
		}
	})
	if pgErr != nil {
		t.Fatalf("testenv: postgres: %v", pgErr)
	}
	return pgAdmin
}

// Cleanup stops what the package started once for all tests. Call it from TestMain
// after m.Run.
func Cleanup() {
	if pgCluster != nil {
		_ = pgCluster.Stop()
		_ = os.RemoveAll(filepath.Dir(pgCluster.Dir))
	}
}

// DatabaseURL creates a fresh, migrated database for one test and returns its URL.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	admin := adminURL(t)
	name := fmt.Sprintf("t_%d_%d_%s", os.Getpid(), dbSeq.Add(1), sanitize(t.Name()))
	if len(name) > 60 {
		name = name[:60]
	}
	ctx := context.Background()
	if err := pgcluster.CreateDatabase(ctx, admin, name); err != nil {
		t.Fatalf("testenv: create database: %v", err)
	}
	url := replaceDB(admin, name)
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatalf("testenv: open: %v", err)
	}
	defer st.Close()
	if err := migrations.Up(ctx, st.Pool); err != nil {
		t.Fatalf("testenv: migrate: %v", err)
	}
	return url
}

// Store returns a store on a fresh, migrated database, closed at the end of the test.
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), DatabaseURL(t))
	if err != nil {
		t.Fatalf("testenv: open: %v", err)
	}
	t.Cleanup(st.Close)
	return st
}

func replaceDB(url, name string) string {
	base, query, _ := strings.Cut(url, "?")
	i := strings.LastIndex(base, "/")
	out := base[:i+1] + name
	if query != "" {
		out += "?" + query
	}
	return out
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, s)
}
