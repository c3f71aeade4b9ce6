package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

// listAnswer is the body of GET /api/v1/cases.
type listAnswer struct {
	Casos []struct {
		NA           string `json:"na"`
		ConsumerName string `json:"consumidor_nome"`
	} `json:"casos"`
	Proxima string `json:"proxima"`
}

// Issue 5: staff list and filter cases without asking Temporal: by status, supplier
// (CNPJ or part of the name), deadline, a page at a time in arrival order.
func TestListCasesFiltersAndPages(t *testing.T) {
	st := testenv.Store(t)
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), Log: quietLog()})
	ctx := context.Background()
	_, atendente, err := st.AddStaff(ctx, "Ana", "", api.RoleAtendente)
	if err != nil {
		t.Fatal(err)
	}
	_, financeiro, err := st.AddStaff(ctx, "Fábio", "", api.RoleFinanceiro)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(i int, status, cnpj, supplier string, due string) string {
		in, _, err := st.SaveInbound(ctx, "atendimento", "", []byte{byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		na, err := st.CreateCaseForInbound(ctx, in.ID, 2026, store.NewCase{
			ConsumerName: "Consumidor", ConsumerDoc: "52998224725", SupplierDocs: []string{cnpj}, SupplierNames: []string{supplier}, Status: status,
		})
		if err != nil {
			t.Fatal(err)
		}
		if due != "" {
			d, _ := time.Parse("2006-01-02", due)
			if err := st.UpdateCase(ctx, store.CaseUpdate{NA: na, Status: status, Deadline: &d}); err != nil {
				t.Fatal(err)
			}
		}
		return na
	}
	a := mk(1, "aguardando_registro", "11222333000181", "Telefonia Exemplo S.A.", "2026-12-01")
	b := mk(2, "aguardando_registro", "44555666000172", "Loja 100% Exemplo", "2026-12-20")
	c := mk(3, "arquivado", "11222333000181", "Telefonia Exemplo S.A.", "")

	list := func(token, query string) (int, listAnswer) {
		t.Helper()
		w := requestAs(h, http.MethodGet, "/api/v1/cases?"+query, "Bearer "+token)
		var got listAnswer
		if w.Code == http.StatusOK {
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
		}
		return w.Code, got
	}
	nas := func(l listAnswer) []string {
		out := []string{}
		for _, c := range l.Casos {
			out = append(out, c.NA)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{a, b, c}},
		{"situacao=aguardando_registro", []string{a, b}},
		{"status=aguardando_registro", []string{a, b}}, // the name before this release
		{"fornecedor=11.222.333/0001-81", []string{a, c}},
		{"fornecedor=telefonia", []string{a, c}},
		{"fornecedor=100%25", []string{b}}, // % is literal, not a wildcard
		{"fornecedor=%25", []string{b}},
		{"vence_antes=2026-12-20", []string{a}},
		{"situacao=aguardando_registro&fornecedor=loja", []string{b}},
		{"status=x'%20OR%201=1--", []string{}},
	} {
		code, got := list(atendente, tc.query)
		if code != http.StatusOK || !slices.Equal(nas(got), tc.want) {
			t.Errorf("%q: %d %v, want %v", tc.query, code, nas(got), tc.want)
		}
	}
	code, page1 := list(atendente, "limite=2")
	_, page2 := list(atendente, "limite=2&apos="+page1.Proxima)
	if code != http.StatusOK || !slices.Equal(nas(page1), []string{a, b}) || !slices.Equal(nas(page2), []string{c}) || page2.Proxima != "" {
		t.Errorf("pages %v (next %q), %v (next %q)", nas(page1), page1.Proxima, nas(page2), page2.Proxima)
	}
	if _, got := list(atendente, ""); got.Casos[0].ConsumerName == "" {
		t.Error("the atendente does not see the consumer's name")
	}
	if _, got := list(financeiro, ""); got.Casos[0].ConsumerName != "" {
		t.Error("financeiro sees the consumer's name (LGPD)")
	}
	for _, q := range []string{"vence_antes=amanha", "limite=0", "limite=1000", "limite=x"} {
		if code, _ := list(atendente, q); code != http.StatusBadRequest {
			t.Errorf("%q: %d, want 400", q, code)
		}
	}
}
