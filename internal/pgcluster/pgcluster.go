// Package pgcluster starts a throwaway PostgreSQL cluster from the Debian server
// binaries in a folder of ours: for `procon-dev dev` (kept across runs) and for tests.
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Options tune a cluster.
type Options struct {
	// Port to listen on (127.0.0.1 only).
	Port int
	// Database is created when missing; "procon" when empty.
	Database string
	// Fast trades durability for speed (fsync off): for tests only.
	Fast bool
}

// Cluster is a running cluster.
type Cluster struct {
	Dir  string
	Port int
	// URL connects to the cluster's database.
	URL   string
	bin   string
	runAs string
}

// BinDir finds the PostgreSQL server binaries (the newest installed version).
func BinDir() (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		if p, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
		return "", errors.New("pgcluster: PostgreSQL server not installed (apt-get install -y postgresql)")
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) < version(matches[j]) })
	return filepath.Dir(matches[len(matches)-1]), nil
}

func version(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

// Start initialises the cluster in dir when it holds none, starts it and creates the
// database. A cluster already initialised in dir is reused with its data.
func Start(ctx context.Context, dir string, opt Options) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	if opt.Database == "" {
		opt.Database = "procon"
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, Port: opt.Port, bin: bin}
	if os.Geteuid() == 0 {
		c.runAs = "postgres"
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := c.own(dir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if out, err := c.run(ctx, "initdb", "-D", dir, "-U", "procon", "--auth=trust", "-E", "UTF8", "--locale=C"); err != nil {
			return nil, fmt.Errorf("pgcluster: initdb: %w: %s", err, out)
		}
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", opt.Port, dir)
	if opt.Fast {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	if out, err := c.run(ctx, "pg_ctl", "-D", dir, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start"); err != nil {
		return nil, fmt.Errorf("pgcluster: start: %w: %s", err, out)
	}
	admin := fmt.Sprintf("postgres://procon@127.0.0.1:%d/postgres?sslmode=disable", opt.Port)
	if err := createDatabase(ctx, admin, opt.Database); err != nil {
		_ = c.Stop()
		return nil, err
	}
	c.URL = fmt.Sprintf("postgres://procon@127.0.0.1:%d/%s?sslmode=disable", opt.Port, opt.Database)
	return c, nil
}

// Stop shuts the cluster down and waits for it.
func (c *Cluster) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if out, err := c.run(ctx, "pg_ctl", "-D", c.Dir, "-m", "fast", "-w", "stop"); err != nil {
		return fmt.Errorf("pgcluster: stop: %w: %s", err, out)
	}
	return nil
}

// CreateDatabase creates a database on the server at adminURL when it does not exist.
func CreateDatabase(ctx context.Context, adminURL, name string) error {
	return createDatabase(ctx, adminURL, name)
}

func createDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

func (c *Cluster) run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, tool)
	var cmd *exec.Cmd
	if c.runAs != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = "/"
	out, err := cmd.CombinedOutput()
	return []byte(strings.TrimSpace(string(out))), err
}

// own gives dir to the user the server runs as.
func (c *Cluster) own(dir string) error {
	if c.runAs == "" {
		return nil
	}
	u, err := user.Lookup(c.runAs)
	if err != nil {
		return fmt.Errorf("pgcluster: user %s: %w", c.runAs, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	}); err != nil {
		return err
	}
	if out, err := exec.Command("runuser", "-u", c.runAs, "--", "test", "-w", dir).CombinedOutput(); err != nil {
		return fmt.Errorf("pgcluster: %s cannot write %s (a parent folder is closed to it): %v %s", c.runAs, dir, err, out)
	}
	return nil
}
