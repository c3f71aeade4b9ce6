package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

// apiEnv is an API on a fresh database, with a staff member of each role.
type apiEnv struct {
	st     *store.Store
	h      http.Handler
	tokens map[string]string // role → bearer token
	staff  map[string]store.Staff
	// sessions are a console session per role: its cookie's value and CSRF token.
	sessions map[string]store.Session
	cookies  map[string]string
}

// recordingNotifier records the dates it is told about; err makes it fail.
type recordingNotifier struct {
	mu    sync.Mutex
	dates []prazo.Date
	err   error
}

func (n *recordingNotifier) CalendarChanged(_ context.Context, d prazo.Date) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.dates = append(n.dates, d)
	return n.err
}

func (n *recordingNotifier) got() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := []string{}
	for _, d := range n.dates {
		out = append(out, d.String())
	}
	return out
}

func newAPIEnv(t *testing.T, notifier api.CalendarNotifier) *apiEnv {
	t.Helper()
	st := testenv.Store(t)
	e := &apiEnv{st: st, tokens: map[string]string{}, staff: map[string]store.Staff{},
		sessions: map[string]store.Session{}, cookies: map[string]string{}}
	for _, role := range api.AllRoles {
		s, tok, err := st.AddStaff(context.Background(), "Servidor "+role, "", role)
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[role], e.staff[role] = tok, s
		id, ses, err := st.NewSession(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		e.cookies[role], e.sessions[role] = id, ses
	}
	e.h = api.New(api.Deps{
		Store:            st,
		Registry:         prometheus.NewRegistry(),
		Log:              slog.New(slog.NewTextHandler(io.Discard, nil)),
		CalendarNotifier: notifier,
	})
	return e
}

// do sends a request with the token of role ("" for none) and returns the recorder.
func (e *apiEnv) do(t *testing.T, method, path, role, body string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	if w.Code >= 200 && w.Code < 300 {
		requireConforms(t, e, req, body)
	}
	return w
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
	return v
}

// wantError checks an error answer: status, stable code, and a Portuguese message.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) api.Error {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body.String())
	}
	e := decode[api.Error](t, w)
	if e.Code != code || strings.TrimSpace(e.Message) == "" {
		t.Fatalf("error = %+v, want code %q with a message", e, code)
	}
	return e
}

func getPrazo(t *testing.T, e *apiEnv, query string) prazo.Result {
	t.Helper()
	w := e.do(t, http.MethodGet, "/api/v1/prazos?"+query, "", "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/prazos?%s: %d %s", query, w.Code, w.Body.String())
	}
	return decode[prazo.Result](t, w)
}

// 004 §13.1, §13.1.2: the example, public (no token): 20 dias corridos from
// 14/03/2026 end on 03/04/2026, Sexta-feira Santa, and move to Monday 06/04/2026. The
// answer is the engine's Result, the same JSON as `procon prazo`.
func TestGetPrazo_004_13_1_2_SextaFeiraSantaMovesDueDate(t *testing.T) {
	e := newAPIEnv(t, nil)
	w := e.do(t, http.MethodGet, "/api/v1/prazos?inicio=2026-03-14&quantidade=20&unidade=dias_corridos", "", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	res := decode[prazo.Result](t, w)
	if res.Due.String() != "2026-04-06" || !res.Extended || res.Rule == "" || !strings.Contains(res.Source, "§13.1.2") {
		t.Fatalf("result = %+v", res)
	}
	if len(res.Skipped) == 0 || res.Skipped[0].Date.String() != "2026-04-03" || res.Skipped[0].Reason != "Sexta-feira Santa" {
		t.Fatalf("dias_pulados = %+v", res.Skipped)
	}
	want, err := prazo.NewVitoriaES().Compute(prazo.Request{Start: prazo.MustParseDate("2026-03-14"), Quantity: 20, Unit: prazo.DiasCorridos})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	var a, b any
	_ = json.Unmarshal(wantJSON, &a)
	_ = json.Unmarshal(w.Body.Bytes(), &b)
	if ja, jb := mustJSON(a), mustJSON(b); ja != jb {
		t.Fatalf("API answer differs from the engine's Result:\n got %s\nwant %s", jb, ja)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// 004 §13.2 (dias úteis) and §13.3 (meses) through the API, and unidade's default
// (dias corridos, §13.2).
func TestGetPrazo_004_13_2_13_3_Units(t *testing.T) {
	e := newAPIEnv(t, nil)
	for _, tc := range []struct{ query, due string }{
		// 10 dias úteis from Thursday 2026-04-02: skips Good Friday, Nossa Senhora da
		// Penha (ES, Monday 13/04) and the weekends.
		{"inicio=2026-04-02&quantidade=10&unidade=dias_uteis", "2026-04-20"},
		// 1 mês from 31/01/2026: 28/02/2026 is a Saturday → Monday 02/03 (§13.3, §13.1.2).
		{"inicio=2026-01-31&quantidade=1&unidade=meses", "2026-03-02"},
		{"inicio=2024-02-29&quantidade=1&unidade=anos", "2025-02-28"},
		{"inicio=2026-03-14&quantidade=20", "2026-04-06"},
	} {
		if res := getPrazo(t, e, tc.query); res.Due.String() != tc.due {
			t.Errorf("%s: vencimento %s, want %s (%s)", tc.query, res.Due, tc.due, res.Rule)
		}
	}
}

// Bad parameters answer 400 with a stable code and a Portuguese message.
func TestGetPrazoRejectsBadParameters(t *testing.T) {
	e := newAPIEnv(t, nil)
	for _, tc := range []struct{ query, code, inMessage string }{
		{"quantidade=20&unidade=dias_corridos", api.CodeInvalidDate, "data de início"},
		{"inicio=14/03/2026&quantidade=20", api.CodeInvalidDate, "AAAA-MM-DD"},
		{"inicio=2026-02-29&quantidade=20", api.CodeInvalidDate, "não existe"},
		{"inicio=1850-01-01&quantidade=20", api.CodeDateOutOfRange, "intervalo"},
		{"inicio=2026-03-14", api.CodeInvalidQuantity, "quantidade"},
		{"inicio=2026-03-14&quantidade=vinte", api.CodeInvalidQuantity, "número inteiro"},
		{"inicio=2026-03-14&quantidade=0", api.CodeInvalidQuantity, "mínimo 1"},
		{"inicio=2026-03-14&quantidade=-5", api.CodeInvalidQuantity, "mínimo 1"},
		{"inicio=2026-03-14&quantidade=999999", api.CodeInvalidQuantity, "máximo"},
		{"inicio=2026-03-14&quantidade=20&unidade=semanas", api.CodeInvalidUnit, "dias_uteis"},
	} {
		w := e.do(t, http.MethodGet, "/api/v1/prazos?"+tc.query, "", "")
		got := wantError(t, w, http.StatusBadRequest, tc.code)
		if !strings.Contains(got.Message, tc.inMessage) {
			t.Errorf("%s: message %q does not mention %q", tc.query, got.Message, tc.inMessage)
		}
	}
}

// Without the declared closures a due date could be wrong: the API refuses (503)
// instead of answering with the built-in calendar alone.
func TestGetPrazoUnavailableWithoutClosures(t *testing.T) {
	e := newAPIEnv(t, nil)
	e.st.Close()
	w := e.do(t, http.MethodGet, "/api/v1/prazos?inicio=2026-03-14&quantidade=20", "", "")
	wantError(t, w, http.StatusServiceUnavailable, api.CodeUnavailable)
}
