package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/metrics"
	"github.com/procon-es/procon/internal/testenv"
)

// readyBody is the JSON of /readyz.
type readyBody struct {
	Status  string            `json:"situacao"`
	Code    string            `json:"code"`
	Failing []string          `json:"falhando"`
	Checks  map[string]string `json:"verificacoes"`
	Message string            `json:"message"`
}

// dependencyNames are the dependencies app.ReadinessChecks names, in order.
var dependencyNames = []string{"temporal", "postgres", "smtp", "imap"}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// bareAPI is the API without a store: enough for /healthz, /readyz and /metrics.
func bareAPI(reg *prometheus.Registry, ready []api.NamedPinger) http.Handler {
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	return api.New(api.Deps{Registry: reg, Ready: ready, Log: quietLog()})
}

func getPath(h http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w
}

// stubs returns a pinger per name; the ones in failing answer an error. Every pinger
// records that it was asked, and whether its context had a deadline.
func stubs(failing ...string) ([]api.NamedPinger, map[string]bool) {
	asked := map[string]bool{}
	var out []api.NamedPinger
	for _, name := range dependencyNames {
		fail := slices.Contains(failing, name)
		out = append(out, api.NamedPinger{Name: name, Pinger: api.PingFunc(func(ctx context.Context) error {
			_, hasDeadline := ctx.Deadline()
			asked[name] = hasDeadline
			if fail {
				return fmt.Errorf("%s: connection refused", name)
			}
			return nil
		})})
	}
	return out, asked
}

// /healthz answers 200 {status: ok} while the process is up, without checking anything.
func TestHealthzAnswersOK(t *testing.T) {
	ready, asked := stubs(dependencyNames...)
	w := getPath(bareAPI(nil, ready), "/healthz")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if got := decode[map[string]any](t, w); len(got) != 1 || got["situacao"] != "ok" {
		t.Fatalf("body %s, want {\"status\":\"ok\"}", w.Body.String())
	}
	if len(asked) != 0 {
		t.Fatalf("/healthz checked dependencies %v; that is /readyz's job", asked)
	}
}

// /readyz answers 200 when every dependency answers, asking each one with a deadline.
func TestReadyzOKWhenEveryDependencyAnswers(t *testing.T) {
	ready, asked := stubs()
	w := getPath(bareAPI(nil, ready), "/readyz")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	b := decode[readyBody](t, w)
	if b.Status != "ok" || len(b.Failing) != 0 || len(b.Checks) != len(dependencyNames) {
		t.Fatalf("body %s", w.Body.String())
	}
	for _, name := range dependencyNames {
		if b.Checks[name] != "ok" {
			t.Errorf("checks[%s] = %q, want ok", name, b.Checks[name])
		}
		hasDeadline, ok := asked[name]
		if !ok {
			t.Errorf("%s was not checked", name)
		} else if !hasDeadline {
			t.Errorf("%s was checked without a deadline", name)
		}
	}
}

// /readyz answers 503 naming exactly the failing dependency: failing:[name], its check
// "indisponível", the others "ok", and a Portuguese message with the name.
func TestReadyzNamesExactlyTheFailingDependency(t *testing.T) {
	for _, tc := range []struct {
		failing []string
		message string
	}{
		{[]string{"temporal"}, "Dependência indisponível: temporal."},
		{[]string{"postgres"}, "Dependência indisponível: postgres."},
		{[]string{"smtp"}, "Dependência indisponível: smtp."},
		{[]string{"imap"}, "Dependência indisponível: imap."},
		{[]string{"postgres", "imap"}, "Dependência indisponível: postgres e imap."},
		{[]string{"temporal", "smtp", "imap"}, "Dependência indisponível: temporal, smtp e imap."},
	} {
		t.Run(strings.Join(tc.failing, "+"), func(t *testing.T) {
			ready, asked := stubs(tc.failing...)
			w := getPath(bareAPI(nil, ready), "/readyz")
			if w.Code != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503: %s", w.Code, w.Body.String())
			}
			b := decode[readyBody](t, w)
			if !slices.Equal(b.Failing, tc.failing) {
				t.Errorf("failing = %v, want %v", b.Failing, tc.failing)
			}
			if b.Code != api.CodeUnavailable || b.Status != "indisponivel" {
				t.Errorf("code %q status %q, want %q", b.Code, b.Status, api.CodeUnavailable)
			}
			if b.Message != tc.message {
				t.Errorf("message %q, want %q", b.Message, tc.message)
			}
			wantPortuguese(t, b.Message)
			for _, name := range dependencyNames {
				want := "ok"
				if slices.Contains(tc.failing, name) {
					want = "indisponível"
				}
				if b.Checks[name] != want {
					t.Errorf("checks[%s] = %q, want %q", name, b.Checks[name], want)
				}
				if _, ok := asked[name]; !ok {
					t.Errorf("%s was not checked (a failure must not stop the others)", name)
				}
			}
		})
	}
}

// The real readiness checks (app.ReadinessChecks) against the real servers: 200 when
// Temporal, Postgres, SMTP and IMAP answer; 503 naming only smtp, or only imap, when
// that server's address is closed.
func TestReadyzRealDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Temporal and the mail servers")
	}
	st := testenv.Store(t)
	_, tc := testenv.Temporal(t)
	mail := testenv.MailServers(t)
	closed := closedAddr(t)
	for _, c := range []struct {
		name       string
		smtp, imap string
		failing    []string
	}{
		{"all up", mail.SMTPAddr, mail.IMAPAddr, nil},
		{"smtp down", closed, mail.IMAPAddr, []string{"smtp"}},
		{"imap down", mail.SMTPAddr, closed, []string{"imap"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := config.Config{SMTPAddr: c.smtp, IMAPAddr: c.imap, MailFrom: "naoresponda@procon.local"}
			checks := app.ReadinessChecks(cfg, st, tc)
			var names []string
			for _, p := range checks {
				names = append(names, p.Name)
			}
			if !slices.Equal(names, dependencyNames) {
				t.Fatalf("ReadinessChecks names %v, want %v", names, dependencyNames)
			}
			w := getPath(bareAPI(nil, checks), "/readyz")
			b := decode[readyBody](t, w)
			if c.failing == nil {
				if w.Code != http.StatusOK || b.Status != "ok" {
					t.Fatalf("status %d: %s", w.Code, w.Body.String())
				}
				return
			}
			if w.Code != http.StatusServiceUnavailable || !slices.Equal(b.Failing, c.failing) ||
				!strings.Contains(b.Message, c.failing[0]) {
				t.Fatalf("status %d, failing %v, message %q; want 503 naming %v", w.Code, b.Failing, b.Message, c.failing)
			}
		})
	}
}

// closedAddr returns a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// /metrics serves the Prometheus text format, with the HTTP request counter and
// duration of a request made before, labelled by route pattern (not the raw path) and
// status.
func TestMetricsServesHTTPRequestMetrics(t *testing.T) {
	reg := app.NewRegistry()
	h := bareAPI(reg, nil)
	if w := getPath(h, "/healthz"); w.Code != http.StatusOK {
		t.Fatalf("/healthz: %d", w.Code)
	}
	if w := getPath(h, "/nada-aqui"); w.Code != http.StatusNotFound {
		t.Fatalf("unknown path: %d", w.Code)
	}
	w := getPath(h, "/metrics")
	if w.Code != http.StatusOK {
		t.Fatalf("/metrics: %d %s", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q, want the Prometheus text format", ct)
	}
	body := w.Body.String()
	for _, want := range []string{
		"# TYPE procon_http_requests_total counter",
		`procon_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		`procon_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		"# TYPE procon_http_request_duration_seconds histogram",
		`procon_http_request_duration_seconds_count{method="GET",route="/healthz"} 1`,
		"# TYPE go_goroutines gauge", // app.NewRegistry's runtime collector
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(body, "/nada-aqui") {
		t.Errorf("/metrics labels a raw unknown path; use the route pattern")
	}
}

// /metrics also serves the Temporal SDK's metrics (internal/metrics.TemporalHandler on
// the API's registry): after the client has talked to the server, the SDK's request
// counter and latency appear as temporal_ metrics.
func TestMetricsServesTemporalSDKMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Temporal")
	}
	addr, _ := testenv.Temporal(t)
	reg := app.NewRegistry()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := client.DialContext(ctx, client.Options{
		HostPort: addr, Namespace: testenv.Namespace, Logger: quietSDK{},
		MetricsHandler: metrics.NewTemporalHandler(reg),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	if _, err := c.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		t.Fatal(err)
	}
	// A workflow start is a plain RPC too; no worker is needed to emit its metrics.
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "metrics-probe", TaskQueue: "metrics-probe"}, "MetricsProbe")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.TerminateWorkflow(context.Background(), run.GetID(), run.GetRunID(), "test over") })

	h := api.New(api.Deps{Temporal: c, Registry: reg, Log: quietLog()})
	w := getPath(h, "/metrics")
	if w.Code != http.StatusOK {
		t.Fatalf("/metrics: %d %s", w.Code, w.Body.String())
	}
	families := metricFamilies(w.Body.String())
	var temporal []string
	for name := range families {
		if strings.HasPrefix(name, "temporal_") {
			temporal = append(temporal, name)
		}
	}
	slices.Sort(temporal)
	if len(temporal) == 0 {
		t.Fatalf("/metrics has no temporal_ metric after Temporal calls:\n%s", w.Body.String())
	}
	// The SDK names its request counter temporal_request and its latency timer
	// temporal_request_latency (go.temporal.io/sdk internal/common/metrics).
	counter := findFamily(families, "request", "counter")
	if counter == "" {
		t.Errorf("no temporal_ request counter among %v", temporal)
	} else if !hasSample(w.Body.String(), counter, "StartWorkflowExecution") {
		t.Errorf("%s has no sample for StartWorkflowExecution", counter)
	}
	if findFamily(families, "request_latency_seconds", "histogram") == "" {
		t.Errorf("no temporal_ request latency histogram among %v", temporal)
	}
	if counter != "" && counter != "temporal_request" {
		t.Errorf("the SDK counter temporal_request is exported as %s", counter)
	}
}

// metricFamilies maps the metric names of a Prometheus text exposition to their type.
func metricFamilies(text string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			if name, typ, ok := strings.Cut(rest, " "); ok {
				out[name] = typ
			}
		}
	}
	return out
}

// findFamily returns the temporal_ metric of that type whose name ends in
// "temporal_"+suffix (temporal_request, or the same with a doubled prefix).
func findFamily(families map[string]string, suffix, typ string) string {
	for _, name := range []string{"temporal_" + suffix, "temporal_temporal_" + suffix} {
		if families[name] == typ {
			return name
		}
	}
	return ""
}

// hasSample reports whether a sample line of metric carries the operation label value.
func hasSample(text, metric, operation string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, metric+"{") && strings.Contains(line, `"`+operation+`"`) {
			return true
		}
	}
	return false
}

type quietSDK struct{}

func (quietSDK) Debug(string, ...interface{}) {}
func (quietSDK) Info(string, ...interface{})  {}
func (quietSDK) Warn(string, ...interface{})  {}
func (quietSDK) Error(string, ...interface{}) {}
