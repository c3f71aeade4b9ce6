package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/logging"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if leaks := suite.leaks(); len(leaks) > 0 {
		fmt.Fprintln(os.Stderr, "LGPD: the logs of the end-to-end suite show in clear:", strings.Join(leaks, ", "))
		code = 1
	}
	testenv.Cleanup()
	os.Exit(code)
}

// suite gathers what every system of the suite logged, and the personal data and tokens
// the tests used, so that TestMain can check no log line of the whole suite shows any of
// them in clear (LGPD, issue 6).
var suite suiteLog

type suiteLog struct {
	logs    testenv.Buffer
	mu      sync.Mutex
	secrets map[string]string // secret → what it is
}

// remember registers a secret the logs must never show.
func (l *suiteLog) remember(what, secret string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.secrets == nil {
		l.secrets = map[string]string{}
	}
	l.secrets[secret] = what
}

// leaks names the secrets found in the logs (never the secrets themselves).
func (l *suiteLog) leaks() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	logs := l.logs.String()
	var out []string
	for secret, what := range l.secrets {
		if strings.Contains(logs, secret) {
			out = append(out, what)
		}
	}
	sort.Strings(out)
	return out
}

// system is the whole back office running against real servers: PostgreSQL, an
// in-process Temporal server, SMTP/IMAP, and the worker and API started by the same
// code as the binary's subcommands.
type system struct {
	cfg   config.Config
	store *store.Store
	mail  *testenv.Mail
	api   string // base URL
	logs  *testenv.Buffer
	// verdict, when set, is the Authentication-Results header the agency's receiving
	// server would add to a party's mail from `from` (the dmarc policy's e2e tests).
	verdict func(from string) string
}

// startSystem brings everything up for one test and tears it down at the end.
func startSystem(t *testing.T) *system {
	t.Helper()
	return startSystemWith(t, nil)
}

// startSystemWith is startSystem with the configuration changed by configure first.
func startSystemWith(t *testing.T, configure func(*config.Config)) *system {
	t.Helper()
	mail := testenv.MailServers(t)
	temporalAddr, _ := testenv.Temporal(t)
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL = testenv.DatabaseURL(t)
	cfg.TemporalAddress = temporalAddr
	cfg.TemporalNamespace = testenv.Namespace
	cfg.APIAddr = "127.0.0.1:0"
	cfg.SMTPAddr, cfg.IMAPAddr, cfg.IMAPPassword = mail.SMTPAddr, mail.IMAPAddr, testenv.MailPassword
	cfg.MailIntake, cfg.MailProtocol, cfg.MailDebt = "atendimento@procon.test", "protocolo@procon.test", "divida.ativa@procon.test"
	cfg.MailFrom = "naoresponda@procon.test"
	cfg.MailAuth = senderauth.PolicyFromOnly // the local mail servers sign nothing
	cfg.PollInterval = time.Second
	if configure != nil {
		configure(&cfg)
	}

	logs := &testenv.Buffer{}
	log := logging.New(io.MultiWriter(logs, &suite.logs, testWriter{t}), "info")
	st := testenv.Store(t)
	st.Close()
	st, err = store.Open(context.Background(), cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	apiAddr := make(chan string, 1)
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := app.RunWorker(ctx, cfg, log.With("component", "worker")); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("worker: %v", err)
		}
	}()
	go func() {
		defer wg.Done()
		if err := app.RunAPI(ctx, cfg, log.With("component", "api"), func(a string) { apiAddr <- a }); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("api: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
	var addr string
	select {
	case addr = <-apiAddr:
	case <-time.After(2 * time.Minute):
		t.Fatal("api did not start")
	}
	return &system{cfg: cfg, store: st, mail: mail, api: "http://" + addr, logs: logs}
}

// get calls the API with an optional bearer token.
func (s *system) get(t *testing.T, path, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.api+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// token creates a staff member with a role and returns its bearer token.
func (s *system) token(t *testing.T, role string) string {
	t.Helper()
	_, tok, err := s.store.AddStaff(context.Background(), "Servidor "+role, "", role)
	if err != nil {
		t.Fatal(err)
	}
	suite.remember("a staff token", tok)
	return tok
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	if testing.Verbose() {
		w.t.Logf("%s", bytes.TrimRight(p, "\n"))
	}
	return len(p), nil
}
