package api_test

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
)

const closuresPath = "/api/v1/calendario/fechamentos"

// closureAnswer is the body of a 201/200 answer about one closure.
type closureAnswer struct {
	store.CalendarClosure
	Warning string `json:"aviso"`
}

type closureList struct {
	From        string                  `json:"de"`
	To          string                  `json:"ate"`
	Fechamentos []store.CalendarClosure `json:"fechamentos"`
}

func (e *apiEnv) declare(t *testing.T, role, body string) closureAnswer {
	t.Helper()
	w := e.do(t, http.MethodPost, closuresPath, role, body)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST %s as %s: %d %s", body, role, w.Code, w.Body.String())
	}
	return decode[closureAnswer](t, w)
}

// Issue 3: closures are declared by gerente_atendimento or admin, listed by any staff,
// removed by gerente_atendimento or admin; nothing without a valid token.
func TestClosureRoutesAccessRules(t *testing.T) {
	e := newAPIEnv(t, nil)
	body := `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"Ponto facultativo"}`

	wantError(t, e.do(t, http.MethodPost, closuresPath, "", body), http.StatusUnauthorized, api.CodeUnauthenticated)
	wantError(t, e.do(t, http.MethodGet, closuresPath, "", ""), http.StatusUnauthorized, api.CodeUnauthenticated)
	wantError(t, e.do(t, http.MethodDelete, closuresPath+"/1", "", ""), http.StatusUnauthorized, api.CodeUnauthenticated)
	e.tokens["forged"] = e.tokens[api.RoleAdmin] + "x"
	wantError(t, e.do(t, http.MethodPost, closuresPath, "forged", body), http.StatusUnauthorized, api.CodeUnauthenticated)

	for _, role := range api.AllRoles {
		allowed := role == api.RoleGerenteAtendimento || role == api.RoleAdmin
		if !allowed {
			wantError(t, e.do(t, http.MethodPost, closuresPath, role, body), http.StatusForbidden, api.CodeForbidden)
			wantError(t, e.do(t, http.MethodDelete, closuresPath+"/1", role, ""), http.StatusForbidden, api.CodeForbidden)
		}
		if w := e.do(t, http.MethodGet, closuresPath, role, ""); w.Code != http.StatusOK {
			t.Errorf("GET as %s: %d %s", role, w.Code, w.Body.String())
		}
	}
	for _, role := range []string{api.RoleGerenteAtendimento, api.RoleAdmin} {
		cl := e.declare(t, role, body)
		if cl.DeclaredBy.ID != e.staff[role].ID {
			t.Errorf("declared by %+v, want %s", cl.DeclaredBy, role)
		}
		if w := e.do(t, http.MethodDelete, fmt.Sprintf("%s/%d", closuresPath, cl.ID), role, ""); w.Code != http.StatusOK {
			t.Errorf("DELETE as %s: %d %s", role, w.Code, w.Body.String())
		}
	}
}

// 201 answers the stored closure with its id and who declared it; a date in the past
// is accepted (a deadline still running may have ended on it).
func TestPostClosureAnswersStoredClosure(t *testing.T) {
	e := newAPIEnv(t, nil)
	got := e.declare(t, api.RoleGerenteAtendimento,
		`{"data":"2026-02-18","tipo":"encerramento_antecipado","encerrado_as":"12:00","motivo":" Quarta-feira de Cinzas ","ato":"Decreto nº 1234-S/2026"}`)
	if got.ID == 0 || got.Date.String() != "2026-02-18" || got.Kind != "encerramento_antecipado" || got.ClosedAt != "12:00" ||
		got.Reason != "Quarta-feira de Cinzas" || got.Act != "Decreto nº 1234-S/2026" || got.Warning != "" {
		t.Fatalf("closure = %+v", got)
	}
	g := e.staff[api.RoleGerenteAtendimento]
	if got.DeclaredBy != (store.StaffRef{ID: g.ID, Name: g.Name}) || got.DeclaredAt.IsZero() || got.DeletedAt != nil {
		t.Fatalf("declarado_por = %+v em %v", got.DeclaredBy, got.DeclaredAt)
	}
	past := e.declare(t, api.RoleAdmin, `{"data":"2020-01-02","tipo":"dia_inteiro","motivo":"Ponto facultativo"}`)
	if past.Date.String() != "2020-01-02" {
		t.Fatalf("past closure = %+v", past)
	}
}

// Bad declarations answer 400 with a stable code; a second active closure on the same
// date answers 409.
func TestPostClosureRejectsBadDeclarations(t *testing.T) {
	e := newAPIEnv(t, nil)
	for _, tc := range []struct{ name, body, code string }{
		{"unknown field", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"x","extra":1}`, api.CodeInvalidRequest},
		{"not JSON", `data=2026-06-05`, api.CodeInvalidRequest},
		{"two objects", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"x"}{}`, api.CodeInvalidRequest},
		{"wrong type", `{"data":20260605,"tipo":"dia_inteiro","motivo":"x"}`, api.CodeInvalidRequest},
		{"empty body", ``, api.CodeInvalidRequest},
		{"no date", `{"tipo":"dia_inteiro","motivo":"x"}`, api.CodeInvalidDate},
		{"bad date", `{"data":"05/06/2026","tipo":"dia_inteiro","motivo":"x"}`, api.CodeInvalidDate},
		{"date that does not exist", `{"data":"2026-02-30","tipo":"dia_inteiro","motivo":"x"}`, api.CodeInvalidDate},
		{"date out of range", `{"data":"1500-01-01","tipo":"dia_inteiro","motivo":"x"}`, api.CodeDateOutOfRange},
		{"unknown kind", `{"data":"2026-06-05","tipo":"meio_periodo","motivo":"x"}`, api.CodeInvalidClosureKind},
		{"early without time", `{"data":"2026-06-05","tipo":"encerramento_antecipado","motivo":"x"}`, api.CodeInvalidClosingTime},
		{"early with bad time", `{"data":"2026-06-05","tipo":"encerramento_antecipado","encerrado_as":"9h","motivo":"x"}`, api.CodeInvalidClosingTime},
		{"early at 24:00", `{"data":"2026-06-05","tipo":"encerramento_antecipado","encerrado_as":"24:00","motivo":"x"}`, api.CodeInvalidClosingTime},
		{"time on full day", `{"data":"2026-06-05","tipo":"dia_inteiro","encerrado_as":"12:00","motivo":"x"}`, api.CodeInvalidClosingTime},
		{"no reason", `{"data":"2026-06-05","tipo":"dia_inteiro"}`, api.CodeReasonRequired},
		{"blank reason", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"   "}`, api.CodeReasonRequired},
		{"reason with newline", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"a\nb"}`, api.CodeInvalidReason},
		{"reason too long", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"` + strings.Repeat("x", 501) + `"}`, api.CodeInvalidReason},
		{"act too long", `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"x","ato":"` + strings.Repeat("x", 201) + `"}`, api.CodeInvalidAct},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, e.do(t, http.MethodPost, closuresPath, api.RoleAdmin, tc.body), http.StatusBadRequest, tc.code)
		})
	}
	w := e.do(t, http.MethodPost, closuresPath, api.RoleAdmin, `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"`+strings.Repeat("x", 20000)+`"}`)
	wantError(t, w, http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge)

	first := e.declare(t, api.RoleAdmin, `{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"Ponte de Corpus Christi"}`)
	dup := wantError(t, e.do(t, http.MethodPost, closuresPath, api.RoleGerenteAtendimento,
		`{"data":"2026-06-05","tipo":"encerramento_antecipado","encerrado_as":"14:00","motivo":"Outro"}`),
		http.StatusConflict, api.CodeDuplicateClosure)
	if !strings.Contains(dup.Message, fmt.Sprintf("id %d", first.ID)) || !strings.Contains(dup.Message, "05/06/2026") {
		t.Errorf("409 message %q does not name the existing closure", dup.Message)
	}
	list := decode[closureList](t, e.do(t, http.MethodGet, closuresPath, api.RoleAtendente, ""))
	if len(list.Fechamentos) != 1 {
		t.Fatalf("closures after rejected requests: %+v", list.Fechamentos)
	}
}

// 004 §13.1.2: a closure declared at run time on the last day of a deadline (full day,
// or an early closing) moves GET /api/v1/prazos to the next business day; removing it
// moves it back.
func TestDeclaredClosureMovesDueDate_004_13_1_2(t *testing.T) {
	e := newAPIEnv(t, nil)
	const q = "inicio=2026-03-14&quantidade=20&unidade=dias_corridos"
	if due := getPrazo(t, e, q).Due.String(); due != "2026-04-06" {
		t.Fatalf("before: %s", due)
	}
	full := e.declare(t, api.RoleGerenteAtendimento, `{"data":"2026-04-06","tipo":"dia_inteiro","motivo":"Falta de energia no prédio","ato":"Portaria nº 12/2026"}`)
	res := getPrazo(t, e, q)
	if res.Due.String() != "2026-04-07" {
		t.Fatalf("with closure on 06/04: vencimento %s, want 2026-04-07", res.Due)
	}
	last := res.Skipped[len(res.Skipped)-1]
	if last.Date.String() != "2026-04-06" || last.Reason != "Falta de energia no prédio" || last.Kind != "sem_expediente" {
		t.Fatalf("skipped day = %+v", last)
	}

	early := e.declare(t, api.RoleAdmin, `{"data":"2026-04-07","tipo":"encerramento_antecipado","encerrado_as":"13:00","motivo":"Manutenção elétrica"}`)
	res = getPrazo(t, e, q)
	if res.Due.String() != "2026-04-08" || !strings.Contains(res.Skipped[len(res.Skipped)-1].Reason, "encerramento às 13:00") {
		t.Fatalf("with early closing on 07/04: %s %+v", res.Due, res.Skipped)
	}

	for _, id := range []int64{full.ID, early.ID} {
		if w := e.do(t, http.MethodDelete, fmt.Sprintf("%s/%d", closuresPath, id), api.RoleAdmin, ""); w.Code != http.StatusOK {
			t.Fatalf("DELETE: %d %s", w.Code, w.Body.String())
		}
	}
	if due := getPrazo(t, e, q).Due.String(); due != "2026-04-06" {
		t.Fatalf("after removal: %s, want 2026-04-06", due)
	}
}

// Issue 3: running workflows are told of every change, with the closure's date; a
// rejected request tells nobody.
func TestClosureChangesNotifyRunningWorkflows(t *testing.T) {
	n := &recordingNotifier{}
	e := newAPIEnv(t, n)
	cl := e.declare(t, api.RoleGerenteAtendimento, `{"data":"2026-11-19","tipo":"dia_inteiro","motivo":"Ponto facultativo"}`)
	if got := n.got(); !slices.Equal(got, []string{"2026-11-19"}) {
		t.Fatalf("after POST notified %v", got)
	}
	e.do(t, http.MethodPost, closuresPath, api.RoleAdmin, `{"data":"2026-11-19","tipo":"dia_inteiro","motivo":"dup"}`)
	e.do(t, http.MethodPost, closuresPath, api.RoleAdmin, `{"data":"2026-11-20","tipo":"x","motivo":"bad"}`)
	e.do(t, http.MethodPost, closuresPath, api.RoleAtendente, `{"data":"2026-11-21","tipo":"dia_inteiro","motivo":"forbidden"}`)
	e.do(t, http.MethodDelete, closuresPath+"/999999", api.RoleAdmin, "")
	if got := n.got(); len(got) != 1 {
		t.Fatalf("rejected requests notified %v", got)
	}
	w := e.do(t, http.MethodDelete, fmt.Sprintf("%s/%d", closuresPath, cl.ID), api.RoleAdmin, "")
	if w.Code != http.StatusOK {
		t.Fatalf("DELETE: %d %s", w.Code, w.Body.String())
	}
	if got := n.got(); !slices.Equal(got, []string{"2026-11-19", "2026-11-19"}) {
		t.Fatalf("after DELETE notified %v", got)
	}
}

// A failed notification does not undo the change: 201 with a Portuguese warning.
func TestClosureStoredWhenNotificationFails(t *testing.T) {
	n := &recordingNotifier{err: errors.New("temporal unavailable")}
	e := newAPIEnv(t, n)
	cl := e.declare(t, api.RoleAdmin, `{"data":"2026-12-24","tipo":"dia_inteiro","motivo":"Ponto facultativo – Véspera de Natal"}`)
	if cl.ID == 0 || !strings.Contains(cl.Warning, "24/12/2026") {
		t.Fatalf("answer = %+v; want the stored closure with a warning", cl)
	}
	if due := getPrazo(t, e, "inicio=2026-12-14&quantidade=10").Due.String(); due != "2026-12-28" {
		t.Fatalf("vencimento %s, want 2026-12-28 (24/12 closed, 25/12 Natal, weekend)", due)
	}
}

// GET lists active closures in date order within de..ate; removed ones on request.
func TestListClosuresByDateRange(t *testing.T) {
	e := newAPIEnv(t, nil)
	var ids []int64
	for _, d := range []string{"2026-12-31", "2026-02-16", "2026-12-24"} {
		ids = append(ids, e.declare(t, api.RoleAdmin, `{"data":"`+d+`","tipo":"dia_inteiro","motivo":"Ponto facultativo"}`).ID)
	}
	if w := e.do(t, http.MethodDelete, fmt.Sprintf("%s/%d", closuresPath, ids[0]), api.RoleAdmin, ""); w.Code != http.StatusOK {
		t.Fatal(w.Body.String())
	}
	dates := func(l closureList) []string {
		var out []string
		for _, c := range l.Fechamentos {
			out = append(out, c.Date.String())
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"2026-02-16", "2026-12-24"}},
		{"?de=2026-12-01&ate=2026-12-31", []string{"2026-12-24"}},
		{"?de=2026-12-01&ate=2026-12-31&incluir_removidos=true", []string{"2026-12-24", "2026-12-31"}},
		{"?ate=2026-06-30", []string{"2026-02-16"}},
		{"?de=2027-01-01", nil},
	} {
		w := e.do(t, http.MethodGet, closuresPath+tc.query, api.RoleFinanceiro, "")
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.query, w.Code, w.Body.String())
		}
		l := decode[closureList](t, w)
		if got := dates(l); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
		if l.Fechamentos == nil {
			t.Errorf("%s: fechamentos is null, want a list", tc.query)
		}
	}
	all := decode[closureList](t, e.do(t, http.MethodGet, closuresPath+"?incluir_removidos=true", api.RoleAdmin, ""))
	for _, c := range all.Fechamentos {
		if c.ID == ids[0] && (c.DeletedAt == nil || c.DeletedBy == nil || c.DeletedBy.ID != e.staff[api.RoleAdmin].ID) {
			t.Errorf("removed closure without removido_em/removido_por: %+v", c)
		}
	}
	wantError(t, e.do(t, http.MethodGet, closuresPath+"?de=31/12/2026", api.RoleAdmin, ""), http.StatusBadRequest, api.CodeInvalidDate)
	wantError(t, e.do(t, http.MethodGet, closuresPath+"?de=2026-12-31&ate=2026-01-01", api.RoleAdmin, ""), http.StatusBadRequest, api.CodeInvalidRange)
	wantError(t, e.do(t, http.MethodGet, closuresPath+"?incluir_removidos=talvez", api.RoleAdmin, ""), http.StatusBadRequest, api.CodeInvalidRequest)
}

// DELETE is a soft delete answered with the removed closure; an unknown or already
// removed id is 404, a malformed one 400.
func TestDeleteClosure(t *testing.T) {
	e := newAPIEnv(t, nil)
	cl := e.declare(t, api.RoleGerenteAtendimento, `{"data":"2026-10-28","tipo":"dia_inteiro","motivo":"Dia do Servidor Público"}`)
	path := fmt.Sprintf("%s/%d", closuresPath, cl.ID)
	w := e.do(t, http.MethodDelete, path, api.RoleAdmin, "")
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
	removed := decode[closureAnswer](t, w)
	if removed.ID != cl.ID || removed.DeletedAt == nil || removed.DeletedBy == nil || removed.DeletedBy.ID != e.staff[api.RoleAdmin].ID ||
		removed.DeclaredBy.ID != e.staff[api.RoleGerenteAtendimento].ID {
		t.Fatalf("removed = %+v", removed)
	}
	wantError(t, e.do(t, http.MethodDelete, path, api.RoleAdmin, ""), http.StatusNotFound, api.CodeNotFound)
	wantError(t, e.do(t, http.MethodDelete, closuresPath+"/424242", api.RoleAdmin, ""), http.StatusNotFound, api.CodeNotFound)
	wantError(t, e.do(t, http.MethodDelete, closuresPath+"/abc", api.RoleAdmin, ""), http.StatusBadRequest, api.CodeInvalidRequest)
	wantError(t, e.do(t, http.MethodDelete, closuresPath+"/0", api.RoleAdmin, ""), http.StatusBadRequest, api.CodeInvalidRequest)
}
