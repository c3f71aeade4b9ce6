package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
)

// product §5: staff keep the VRTE of each year as an exact decimal; a bad value is refused.
func TestVRTETableIsKeptExactly(t *testing.T) {
	e := newAPIEnv(t, nil)
	if w := e.do(t, http.MethodPut, "/api/v1/vrte/2026", api.RoleFinanceiro, `{"valor":"4.8023"}`); w.Code != http.StatusOK {
		t.Fatalf("set: %d %s", w.Code, w.Body.String())
	}
	for _, bad := range []string{`{"valor":"-1"}`, `{"valor":"4.80231"}`, `{"valor":0}`} {
		wantError(t, e.do(t, http.MethodPut, "/api/v1/vrte/2026", api.RoleFinanceiro, bad), http.StatusUnprocessableEntity, api.CodeInvalidRequest)
	}
	wantError(t, e.do(t, http.MethodPut, "/api/v1/vrte/2026", api.RoleAtendente, `{"valor":"1"}`), http.StatusForbidden, api.CodeForbidden)
	got := decode[struct {
		VRTE []store.VRTE `json:"vrte"`
	}](t, e.do(t, http.MethodGet, "/api/v1/vrte", api.RoleAtendente, ""))
	if len(got.VRTE) != 1 || got.VRTE[0].Value.String() != "4.8023" {
		t.Errorf("table %+v", got.VRTE)
	}
}

// 004 §11.1: the Dívida Ativa export lists each inscribed debt with exact amounts, as CSV
// for the state's debt system.
func TestDebtExportIsCSV_004_11_1(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "divida-1@example.com")
	day := time.Date(2026, 4, 16, 0, 0, 0, 0, time.UTC)
	if err := e.st.InscribeDebt(context.Background(), store.Debt{NA: na, SupplierDoc: "11222333000181", SupplierName: "Loja Exemplo Ltda",
		VRTE: decimal.NewFromInt(1000), Amount: decimal.RequireFromString("4802.30"), Balance: decimal.RequireFromString("3802.30"),
		DueOn: day.AddDate(0, 0, -7), InscribedOn: day}); err != nil {
		t.Fatal(err)
	}
	w := e.do(t, http.MethodGet, "/api/v1/divida-ativa", api.RoleFinanceiro, "")
	rows, err := csv.NewReader(bytes.NewReader(w.Body.Bytes())).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("export %q: %v", w.Body.String(), err)
	}
	want := []string{na, "11.222.333/0001-81", "Loja Exemplo Ltda", "1000", "4802.30", "3802.30", "2026-04-09", "2026-04-16"}
	for i, v := range want {
		if rows[1][i] != v {
			t.Errorf("column %s = %q, want %q", rows[0][i], rows[1][i], v)
		}
	}
	if w := e.do(t, http.MethodGet, "/api/v1/divida-ativa?desde=2026-04-17", api.RoleFinanceiro, ""); bytes.Count(w.Body.Bytes(), []byte("\n")) != 1 {
		t.Errorf("a debt before desde is exported: %s", w.Body.String())
	}
	wantError(t, e.do(t, http.MethodGet, "/api/v1/divida-ativa", api.RoleAtendente, ""), http.StatusForbidden, api.CodeForbidden)
}
