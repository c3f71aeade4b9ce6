// Package bench measures the system on this machine (issue 6): intake throughput against
// a minimal workflow, the cost of each case in Temporal events and Postgres bytes, a storm
// of deadlines lapsing at once, and open cases parked on timers with the API under load.
// It never asserts timings; `procon-dev bench` prints one table (BENCHMARKS.md keeps them).
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/devmail"
	"github.com/procon-es/procon/internal/mailstack"
	"github.com/procon-es/procon/internal/pgcluster"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/temporalserver"
	"github.com/procon-es/procon/workflows"
)

// Stack is the system the bench measures, in a temporary folder: Temporal in this process
// (SQLite file), PostgreSQL (a cluster of its own, fsync on), the mail servers (Dovecot
// and OpenSMTPD when installed, else the in-process ones), the API in this process, and
// the worker as a child process, so its memory is its own.
type Stack struct {
	Cfg      config.Config
	Store    *store.Store
	Temporal client.Client
	// API is the API's base URL; Atendente and Gerente are staff tokens.
	API               string
	Atendente         string
	Gerente           string
	MailServers       string
	worker            *exec.Cmd
	workerDone        chan struct{}
	stops             []func()
	dir, workerBinary string
}

// Start brings the stack up in dir. exe is the procon binary the worker runs.
func Start(ctx context.Context, dir, exe string) (*Stack, error) {
	s := &Stack{dir: dir, workerBinary: exe}
	if err := os.Chmod(dir, 0o755); err != nil { // as root, postgres must reach it
		return nil, err
	}
	if err := s.start(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Stack) start(ctx context.Context) error {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tsrv, err := temporalserver.Start(ctx, temporalserver.Config{
		DatabaseFile: filepath.Join(s.dir, "temporal.db"), Namespace: "procon",
		SearchAttributes: workflows.SearchAttributeTypes, LogFile: filepath.Join(s.dir, "temporal.log"),
	})
	if err != nil {
		return err
	}
	s.stops = append(s.stops, func() { _ = tsrv.Stop() })
	pgPort, err := freePort()
	if err != nil {
		return err
	}
	pg, err := pgcluster.Start(ctx, filepath.Join(s.dir, "pg"), pgcluster.Options{Port: pgPort, Database: "procon"})
	if err != nil {
		return err
	}
	s.stops = append(s.stops, func() { _ = pg.Stop() })

	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	if err := s.startMail(ctx, &cfg); err != nil {
		return err
	}
	apiPort, err := freePort()
	if err != nil {
		return err
	}
	cfg.DatabaseURL = pg.URL
	cfg.TemporalAddress, cfg.TemporalNamespace = tsrv.HostPort(), "procon"
	cfg.APIAddr = "127.0.0.1:" + strconv.Itoa(apiPort)
	cfg.MailIntake, cfg.MailProtocol, cfg.MailDebt = "atendimento@procon.test", "protocolo@procon.test", "divida.ativa@procon.test"
	cfg.MailFrom = "naoresponda@procon.test"
	cfg.MailAuth = senderauth.PolicyFromOnly // the local mail servers sign nothing
	cfg.PollInterval = time.Second
	s.Cfg = cfg
	if s.Store, err = app.OpenStore(ctx, cfg); err != nil {
		return err
	}
	s.stops = append(s.stops, s.Store.Close)
	if s.Temporal, err = client.DialContext(ctx, client.Options{HostPort: cfg.TemporalAddress, Namespace: "procon",
		Logger: temporalserver.QuietLogger}); err != nil {
		return err
	}
	s.stops = append(s.stops, s.Temporal.Close)
	if _, s.Atendente, err = s.Store.AddStaff(ctx, "Atendente Bench", "", "atendente"); err != nil {
		return err
	}
	if _, s.Gerente, err = s.Store.AddStaff(ctx, "Gerente Bench", "", "gerente_atendimento"); err != nil {
		return err
	}

	apiCtx, stopAPI := context.WithCancel(context.Background())
	apiDone := make(chan struct{})
	go func() { defer close(apiDone); _ = app.RunAPI(apiCtx, cfg, quiet, nil) }()
	s.stops = append(s.stops, func() { stopAPI(); <-apiDone })
	s.API = "http://" + cfg.APIAddr

	worker := exec.Command(s.workerBinary, "worker")
	worker.Env = append(os.Environ(), cfg.Env()...)
	logFile, err := os.Create(filepath.Join(s.dir, "worker.log"))
	if err != nil {
		return err
	}
	worker.Stdout, worker.Stderr = logFile, logFile
	if err := worker.Start(); err != nil {
		return err
	}
	s.worker, s.workerDone = worker, make(chan struct{})
	go func() { _ = worker.Wait(); logFile.Close(); close(s.workerDone) }()
	s.stops = append(s.stops, func() {
		_ = worker.Process.Signal(os.Interrupt)
		select {
		case <-s.workerDone:
		case <-time.After(30 * time.Second):
			_ = worker.Process.Kill()
			<-s.workerDone
		}
	})
	return waitFor(ctx, time.Minute, func() error {
		resp, err := http.Get(s.API + "/readyz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("readyz %d", resp.StatusCode)
		}
		return nil
	})
}

// startMail starts Dovecot + OpenSMTPD when installed, else the in-process servers.
func (s *Stack) startMail(ctx context.Context, cfg *config.Config) error {
	const password = "procon-bench"
	if mailstack.Available() == nil {
		ms, err := mailstack.Start(ctx, mailstack.Config{BaseDir: filepath.Join(s.dir, "mail"), Password: password})
		if err != nil {
			return err
		}
		s.stops = append(s.stops, func() { _ = ms.Stop() })
		cfg.SMTPAddr, cfg.IMAPAddr, s.MailServers = ms.SMTPAddr, ms.IMAPAddr, "Dovecot + OpenSMTPD"
	} else {
		ms, err := devmail.Start(ctx, devmail.Config{DataDir: filepath.Join(s.dir, "mail"), Password: password})
		if err != nil {
			return err
		}
		s.stops = append(s.stops, func() { _ = ms.Close() })
		cfg.SMTPAddr, cfg.IMAPAddr, s.MailServers = ms.SMTPAddr, ms.IMAPAddr, "in-process (devmail)"
	}
	cfg.IMAPPassword = password
	return nil
}

// Close stops everything, the last started first.
func (s *Stack) Close() {
	for i := len(s.stops) - 1; i >= 0; i-- {
		s.stops[i]()
	}
}

// WorkerRSS is the worker process's resident memory, in bytes (Linux).
func (s *Stack) WorkerRSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.worker.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("VmRSS not found")
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitFor polls f until it succeeds or timeout passes.
func waitFor(ctx context.Context, timeout time.Duration, f func() error) error {
	deadline := time.Now().Add(timeout)
	for {
		err := f()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
