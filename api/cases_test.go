package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/workflowid"
)

// Personal data of the test consumer; none of it may reach a role outside the ones that
// handle the complaint (LGPD).
const (
	testCPF    = "529.982.247-25"
	testEmail  = "maria.consumidora@example.com.br"
	testRG     = "1.234.567 SSP/ES"
	testStreet = "Rua Sete de Setembro, 123, Centro, Vitória/ES"
)

// caseAnswer is the body of GET /api/v1/cases/:na.
type caseAnswer struct {
	store.Case
	Timeline []store.Event `json:"eventos"`
}

// newCase stores an inbound message and the case created from it, with a form holding
// personal data, and returns its NA.
func newCase(t *testing.T, st *store.Store, messageID string) string {
	t.Helper()
	ctx := context.Background()
	in, created, err := st.SaveInbound(ctx, "atendimento", messageID, []byte("Message-ID: "+messageID+"\r\n\r\nreclamação"))
	if err != nil || !created {
		t.Fatalf("SaveInbound: created=%v err=%v", created, err)
	}
	na, err := st.CreateCaseForInbound(ctx, in.ID, 2026, store.NewCase{
		ConsumerDoc: testCPF, ConsumerName: "Maria da Penha Souza", ConsumerEmail: testEmail,
		SupplierDocs: []string{"12.345.678/0001-95"}, SupplierNames: []string{"Loja Exemplo Ltda"},
		Form:   map[string]any{"rg": testRG, "endereco": testStreet, "telefone": "(27) 99999-0000"},
		Status: "recebido",
	})
	if err != nil {
		t.Fatal(err)
	}
	return na
}

func appendEvent(t *testing.T, st *store.Store, na, kind, key string, at time.Time, payload string) {
	t.Helper()
	added, err := st.AppendEvent(context.Background(), store.Event{
		NA: na, Kind: kind, Actor: "sistema", Payload: json.RawMessage(payload), At: at, DedupKey: na + "/" + key,
	})
	if err != nil || !added {
		t.Fatalf("AppendEvent %s: added=%v err=%v", kind, added, err)
	}
}

func casePath(na string) string { return "/api/v1/cases/" + na }

// A malformed NA answers 400 requisicao_invalida with a Portuguese message giving the
// format, before the store is asked.
func TestGetCaseRejectsMalformedNA(t *testing.T) {
	e := newAPIEnv(t, nil)
	for _, na := range []string{
		"NA-2026-1",
		"NA-2026-0000001",
		"NA-26-000001",
		"na-2026-000001",
		"NA_2026_000001",
		"2026-000001",
		"NA-2026-00000a",
		"NA-２０２６-000001",    // full-width digits are not \d
		"NA-2026-000001%0A", // trailing newline
		"NA-2026-000001%20",
		"%20NA-2026-000001",
		"NA-2026-000001;DROP",
		"x",
	} {
		t.Run(na, func(t *testing.T) {
			w := e.do(t, http.MethodGet, casePath(na), api.RoleAtendente, "")
			got := wantError(t, w, http.StatusBadRequest, api.CodeInvalidRequest)
			wantPortuguese(t, got.Message)
			if !strings.Contains(got.Message, "NA-AAAA-NNNNNN") {
				t.Errorf("message %q does not give the format NA-AAAA-NNNNNN", got.Message)
			}
		})
	}
}

// A well-formed NA that does not exist answers 404 nao_encontrado naming it.
func TestGetCaseUnknownNAIsNotFound(t *testing.T) {
	e := newAPIEnv(t, nil)
	newCase(t, e.st, "<um@example.com>") // NA-2026-000001 exists; the others do not
	for _, na := range []string{"NA-2026-000002", "NA-2025-000001", "NA-2026-999999"} {
		w := e.do(t, http.MethodGet, casePath(na), api.RoleAdmin, "")
		got := wantError(t, w, http.StatusNotFound, api.CodeNotFound)
		wantPortuguese(t, got.Message)
		if !strings.Contains(got.Message, na) {
			t.Errorf("message %q does not name %s", got.Message, na)
		}
	}
}

// An existing case answers 200 with the case and its own timeline, oldest first; a case
// without events has an empty timeline ([] , not null).
func TestGetCaseAnswersCaseWithTimeline(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "<caso@example.com>")
	other := newCase(t, e.st, "<outro@example.com>")
	if na != "NA-2026-000001" || other != "NA-2026-000002" {
		t.Fatalf("NAs %s, %s", na, other)
	}
	t0 := time.Date(2026, 3, 16, 13, 0, 0, 0, time.UTC)
	// Appended out of order: the timeline is ordered by time.
	appendEvent(t, e.st, na, "recibo_enviado", "receipt", t0.Add(time.Minute), `{"message_id":"<recibo@procon.local>"}`)
	appendEvent(t, e.st, na, "atendimento_recebido", "start", t0, `{"recebido_em":"2026-03-16T10:00:00-03:00"}`)
	appendEvent(t, e.st, other, "atendimento_recebido", "start", t0, `{}`)

	w := e.do(t, http.MethodGet, casePath(na), api.RoleAtendente, "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	got := decode[caseAnswer](t, w)
	if got.NA != na || got.WorkflowID != workflowid.Complaint(na) || got.Status != "recebido" ||
		got.ConsumerName != "Maria da Penha Souza" || got.ConsumerDoc != testCPF || got.ConsumerEmail != testEmail ||
		len(got.SupplierDocs) != 1 || got.SupplierNames[0] != "Loja Exemplo Ltda" || got.InboundMessage == nil ||
		got.CreatedAt.IsZero() {
		t.Fatalf("case = %+v", got.Case)
	}
	var form map[string]string
	if err := json.Unmarshal(got.Form, &form); err != nil || form["rg"] != testRG {
		t.Fatalf("form = %s (%v)", got.Form, err)
	}
	if len(got.Timeline) != 2 {
		t.Fatalf("timeline = %+v, want the case's 2 events", got.Timeline)
	}
	for i, want := range []struct {
		kind string
		at   time.Time
	}{{"atendimento_recebido", t0}, {"recibo_enviado", t0.Add(time.Minute)}} {
		ev := got.Timeline[i]
		if ev.NA != na || ev.Kind != want.kind || ev.Actor != "sistema" || !ev.At.Equal(want.at) || ev.ID == 0 {
			t.Errorf("timeline[%d] = %+v, want %s at %v", i, ev, want.kind, want.at)
		}
	}
	if !strings.Contains(string(got.Timeline[1].Payload), "recibo@procon.local") {
		t.Errorf("payload = %s", got.Timeline[1].Payload)
	}
	if strings.Contains(w.Body.String(), "dedup") {
		t.Errorf("answer exposes the dedup key: %s", w.Body.String())
	}

	// A case without events.
	third := newCase(t, e.st, "<terceiro@example.com>")
	w = e.do(t, http.MethodGet, casePath(third), api.RoleAtendente, "")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"eventos":[]`) {
		t.Fatalf("case without events: %d %s", w.Code, w.Body.String())
	}
}

// LGPD: only the roles that handle the complaint see the consumer's personal data. The
// financeiro role gets the case and its timeline without consumer_doc, consumer_email or
// the form (RG, address, phone): not as values, not anywhere in the body. Every other
// role sees them.
func TestGetCaseHidesPersonalDataFromFinanceiro_LGPD(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "<lgpd@example.com>")
	appendEvent(t, e.st, na, "atendimento_recebido", "start", time.Now(), `{}`)
	personal := []string{testCPF, testEmail, testRG, testStreet, "99999-0000"}
	for _, role := range api.AllRoles {
		t.Run(role, func(t *testing.T) {
			w := e.do(t, http.MethodGet, casePath(na), role, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
				t.Fatal(err)
			}
			got := decode[caseAnswer](t, w)
			if got.NA != na || len(got.Timeline) != 1 || got.Status != "recebido" {
				t.Fatalf("%s does not get the case and its timeline: %s", role, w.Body.String())
			}
			if role == api.RoleFinanceiro {
				for _, v := range personal {
					if strings.Contains(w.Body.String(), v) {
						t.Errorf("financeiro sees %q: %s", v, w.Body.String())
					}
				}
				for _, field := range []string{"consumer_doc", "consumer_email", "form"} {
					if v, ok := raw[field]; ok && string(v) != `""` && string(v) != "null" {
						t.Errorf("financeiro sees %s = %s", field, v)
					}
				}
				return
			}
			if got.ConsumerDoc != testCPF || got.ConsumerEmail != testEmail || !strings.Contains(string(got.Form), testRG) {
				t.Errorf("%s does not see the personal data it needs: doc %q email %q form %s",
					role, got.ConsumerDoc, got.ConsumerEmail, got.Form)
			}
		})
	}
}

// Every error answer of the case endpoint is {code, message}: a stable code from the
// api constants and a Portuguese message.
func TestGetCaseErrorBodiesHaveStableCodeAndPortugueseMessage(t *testing.T) {
	e := newAPIEnv(t, nil)
	stable := map[string]bool{api.CodeUnauthenticated: true, api.CodeForbidden: true, api.CodeNotFound: true,
		api.CodeInvalidRequest: true, api.CodeInternal: true, api.CodeUnavailable: true}
	for _, tc := range []struct {
		path, role string
		status     int
	}{
		{casePath("NA-2026-000001"), "", http.StatusUnauthorized},
		{casePath("NA-2026-1"), api.RoleFinanceiro, http.StatusBadRequest},
		{casePath("NA-2026-000001"), api.RoleFinanceiro, http.StatusNotFound},
		{"/api/v1/cases/", api.RoleAdmin, http.StatusNotFound},
		{"/api/v1/cases/NA-2026-000001/extra", api.RoleAdmin, http.StatusNotFound},
	} {
		name := fmt.Sprintf("%s as %q", tc.path, tc.role)
		w := e.do(t, http.MethodGet, tc.path, tc.role, "")
		if w.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", name, w.Code, tc.status, w.Body.String())
			continue
		}
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Errorf("%s: body %q is not JSON", name, w.Body.String())
			continue
		}
		code, _ := body["code"].(string)
		msg, _ := body["message"].(string)
		if !stable[code] || len(body) != 2 {
			t.Errorf("%s: body %s, want exactly {code, message} with a stable code", name, w.Body.String())
		}
		wantPortuguese(t, msg)
	}

	// A store failure answers 500 erro_interno without leaking the error.
	e.st.Close()
	w := e.do(t, http.MethodGet, casePath("NA-2026-000001"), api.RoleAtendente, "")
	got := wantError(t, w, http.StatusInternalServerError, api.CodeInternal)
	wantPortuguese(t, got.Message)
	if strings.Contains(strings.ToLower(w.Body.String()), "pool") || strings.Contains(strings.ToLower(w.Body.String()), "closed") {
		t.Errorf("500 leaks the error: %s", w.Body.String())
	}
}
