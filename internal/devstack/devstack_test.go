package devstack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// Issue 2, `procon-dev dev`: the whole system comes up from an empty data folder, the demo
// complaint becomes a case visible in the API, Ctrl-C stops everything, and a second
// run on the same folder keeps the data and the open workflow, which resumes.
func TestDevStackSeedDemoThenRestartKeepsOpenWorkflow(t *testing.T) {
	dataDir := dataFolder(t)

	// Both runs use one Temporal port, as `procon-dev dev` does with its default.
	temporalAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	out := &testenv.Buffer{}
	first := startDev(t, dataDir, temporalAddr, Options{SeedDemo: true, UIPort: -1, Out: out})
	na := waitForDemoCase(t, out)
	token := readToken(t, dataDir)

	var view struct {
		NA       string `json:"na"`
		Status   string `json:"situacao"`
		Timeline []struct {
			Kind string `json:"tipo"`
		} `json:"eventos"`
	}
	testenv.Eventually(t, time.Minute, "demo case with its receipt in the API", func() error {
		if err := getJSON(first.cfg, "/api/v1/cases/"+na, token, &view); err != nil {
			return err
		}
		if len(view.Timeline) < 2 || view.Timeline[1].Kind != "recibo_enviado" {
			return fmt.Errorf("timeline %+v", view.Timeline)
		}
		return nil
	})
	if view.Status != workflows.StatusAwaitingRegistration {
		t.Fatalf("status %q, want %q", view.Status, workflows.StatusAwaitingRegistration)
	}
	first.stop(t)

	second := startDev(t, dataDir, temporalAddr, Options{UIPort: -1, Out: io.Discard})
	if got := readToken(t, dataDir); got != token {
		t.Errorf("second run made a new admin token")
	}
	if err := getJSON(second.cfg, "/api/v1/cases/"+na, token, &view); err != nil {
		t.Fatalf("case after restart: %v", err)
	}
	c, err := client.Dial(client.Options{HostPort: second.cfg.TemporalAddress, Namespace: second.cfg.TemporalNamespace})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	desc, err := c.DescribeWorkflowExecution(ctx, "complaint/"+na, "")
	if err != nil {
		t.Fatalf("workflow after restart: %v", err)
	}
	if s := desc.GetWorkflowExecutionInfo().GetStatus(); s != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Fatalf("workflow status after restart %v, want running", s)
	}
	// The query is answered by the restarted worker replaying the kept history.
	var st workflows.ComplaintState
	began := time.Now()
	testenv.Eventually(t, 2*time.Minute, "query answered after restart", func() error {
		q, err := c.QueryWorkflow(ctx, "complaint/"+na, "", workflows.QueryState)
		if err != nil {
			return err
		}
		return q.Get(&st)
	})
	t.Logf("query answered %s after restart", time.Since(began))
	// The restarted server must not wait to join the dead hosts of the first run
	// (temporalserver.forgetMembership).
	if log, err := os.ReadFile(filepath.Join(dataDir, "temporal.log")); err != nil {
		t.Fatal(err)
	} else if bytes.Contains(log, []byte("unable to bootstrap ringpop")) {
		t.Error("the restarted Temporal server waited for the previous run's hosts")
	}
	if st.NA != na || st.ReceiptMessageID == "" {
		t.Fatalf("state after restart %+v", st)
	}
	second.stop(t)
}

// running is one `procon-dev dev` started by a test.
type running struct {
	cfg    config.Config
	cancel context.CancelFunc
	done   chan error
}

// startDev runs the stack on dataDir until the test stops it, and waits until it is up.
func startDev(t *testing.T, dataDir, temporalAddr string, opt Options) *running {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = dataDir
	cfg.DatabaseURL = ""
	cfg.APIAddr, cfg.SMTPAddr, cfg.IMAPAddr = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	cfg.TemporalAddress = temporalAddr
	cfg.PollInterval = time.Second
	started := make(chan config.Config, 1)
	opt.Started = func(c config.Config) { started <- c }
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan error, 1)}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	go func() { r.done <- Run(ctx, cfg, log, opt) }()
	t.Cleanup(func() { r.cancel() })
	select {
	case r.cfg = <-started:
	case err := <-r.done:
		t.Fatalf("procon-dev dev ended before it was up: %v", err)
	case <-time.After(3 * time.Minute):
		t.Fatal("procon-dev dev did not come up")
	}
	return r
}

// stop is Ctrl-C: everything stops and Run returns no error.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("procon-dev dev stopped with %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("procon-dev dev did not stop")
	}
}

// dataFolder is a data folder the postgres user can reach when the tests run as root.
func dataFolder(t *testing.T) string {
	dir, err := os.MkdirTemp("", "procon-dev-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return filepath.Join(dir, "data")
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

var demoCase = regexp.MustCompile(`caso (NA-\d{4}-\d{6}) criado`)

func waitForDemoCase(t *testing.T, out *testenv.Buffer) string {
	t.Helper()
	var na string
	testenv.Eventually(t, 2*time.Minute, "seed-demo reports its case", func() error {
		m := demoCase.FindStringSubmatch(out.String())
		if m == nil {
			return fmt.Errorf("output so far: %q", out.String())
		}
		na = m[1]
		return nil
	})
	return na
}

func readToken(t *testing.T, dataDir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, "dev-admin-token"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func getJSON(cfg config.Config, path, token string, v any) error {
	req, err := http.NewRequest(http.MethodGet, "http://"+cfg.APIAddr+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	return json.Unmarshal(body, v)
}
