package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/procon-es/procon/api"
)

// Issue 6, bad input: every route that takes a body, generated from Routes(), refuses
// malformed JSON, unknown fields and an oversized body with a 4xx and a stable code, and
// changes nothing.
func TestEveryBodyRouteRefusesMalformedInput(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "hostil-1@example.com")
	before := snapshot(t, e)
	huge := `{"motivo":"` + strings.Repeat("a", 9<<20) + `"}` // over every route's limit (opening a process takes 8 MiB of PDFs)
	for _, rt := range api.Routes() {
		if rt.Page || rt.Method != http.MethodPost && rt.Method != http.MethodPut {
			continue // the console's forms are not JSON: TestConsoleFormsAreSafe
		}
		role := rt.Roles[0]
		// A real case, and a collective process's number the route takes before its body;
		// the other parameters as the access test fills them.
		path := concretePath(t, strings.NewReplacer(":na", na, ":numero", "PC-2026-000001").Replace(rt.Path))
		for name, tc := range map[string]struct {
			body   string
			status int
			code   string
		}{
			"malformed JSON": {`{"motivo": "sem fim`, http.StatusBadRequest, api.CodeInvalidRequest},
			"two objects":    {`{} {}`, http.StatusBadRequest, api.CodeInvalidRequest},
			"unknown field":  {`{"campo_que_nao_existe": 1}`, http.StatusBadRequest, api.CodeInvalidRequest},
			"array":          {`[1, 2]`, http.StatusBadRequest, api.CodeInvalidRequest},
			"oversized":      {huge, http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge},
		} {
			t.Run(rt.Method+" "+rt.Path+"/"+name, func(t *testing.T) {
				wantError(t, e.do(t, rt.Method, path, role, tc.body), tc.status, tc.code)
			})
		}
	}
	if after := snapshot(t, e); after != before {
		t.Errorf("refused requests changed the database: %s → %s", before, after)
	}
}

// Issue 6, bad input: SQL metacharacters in every text field are data, never SQL: stored
// verbatim where the route stores text, and matching nothing where they filter.
func TestSQLMetacharactersAreJustText(t *testing.T) {
	e := newAPIEnv(t, nil)
	newCase(t, e.st, "hostil-2@example.com")
	const evil = `Robert'); DROP TABLE cases; -- " \ % _ ;`
	w := e.do(t, http.MethodPut, "/api/v1/fornecedores/11222333000181", api.RoleAtendente, `{"nome":"`+jsonEscape(evil)+`","email_cip":""}`)
	if w.Code != http.StatusOK {
		t.Fatalf("supplier with a hostile name: %d %s", w.Code, w.Body.String())
	}
	sup, err := e.st.SupplierByDoc(context.Background(), "11222333000181")
	if err != nil || sup.Name != evil {
		t.Fatalf("stored name %q (%v), want it verbatim", sup.Name, err)
	}
	w = e.do(t, http.MethodPost, "/api/v1/calendario/fechamentos", api.RoleGerenteAtendimento,
		`{"data":"2026-12-24","tipo":"dia_inteiro","motivo":"`+jsonEscape(evil)+`","ato":"`+jsonEscape(evil)+`"}`)
	if w.Code != http.StatusCreated || !strings.Contains(w.Body.String(), "DROP TABLE cases") {
		t.Fatalf("closure with a hostile reason: %d %s", w.Code, w.Body.String())
	}
	for _, q := range []string{"status=" + urlEscape(evil), "fornecedor=" + urlEscape(evil), "fornecedor=%25", "apos=" + urlEscape(evil)} {
		w := e.do(t, http.MethodGet, "/api/v1/cases?"+q, api.RoleAtendente, "")
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"casos":[]`) {
			t.Errorf("GET /api/v1/cases?%s: %d %s; want an empty list", q, w.Code, w.Body.String())
		}
	}
	wantError(t, e.do(t, http.MethodGet, "/api/v1/filas/"+urlEscape(evil), api.RoleAtendente, ""), http.StatusNotFound, api.CodeUnknownQueue)
	if n := countRows(t, e, "cases"); n != 1 {
		t.Errorf("%d cases after hostile input, want the 1 there was", n)
	}
}

// snapshot is the row counts of the tables a request could change.
func snapshot(t *testing.T, e *apiEnv) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"cases", "case_events", "suppliers", "calendar_closures", "outbox"} {
		b.WriteString(table + "=" + strconv.Itoa(countRows(t, e, table)) + " ")
	}
	return b.String()
}

func countRows(t *testing.T, e *apiEnv, table string) int {
	t.Helper()
	var n int
	if err := e.st.Pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// jsonEscape is s as the inside of a JSON string.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// urlEscape is s as a query or path value.
func urlEscape(s string) string { return url.PathEscape(s) }
