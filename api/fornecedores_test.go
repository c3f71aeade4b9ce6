package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/testenv"
)

// 004 §4.2.2: staff keep the suppliers and the address each registered to receive CIPs;
// bad input is refused with a stable code and changes nothing.
func TestSuppliersKeptByStaff_004_4_2_2(t *testing.T) {
	st := testenv.Store(t)
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), Log: quietLog()})
	staff, token, err := st.AddStaff(context.Background(), "Ana", "", api.RoleAtendente)
	if err != nil {
		t.Fatal(err)
	}
	put := func(doc, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPut, "/api/v1/fornecedores/"+doc, bytes.NewBufferString(body))
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	get := func(doc string) *httptest.ResponseRecorder {
		return requestAs(h, http.MethodGet, "/api/v1/fornecedores/"+doc, "Bearer "+token)
	}

	if w := get("11222333000181"); w.Code != http.StatusNotFound {
		t.Fatalf("unknown supplier: %d", w.Code)
	}
	if w := put("11222333000181", `{"nome":"Telefonia Exemplo S.A.","email_cip":"CIP@Telefonia.example"}`); w.Code != http.StatusOK {
		t.Fatalf("PUT: %d %s", w.Code, w.Body)
	}
	w := get("11222333000181")
	var got struct {
		Doc       string `json:"cpf_cnpj"`
		Name      string `json:"nome"`
		Email     string `json:"email_cip"`
		UpdatedBy int64  `json:"atualizado_por"`
	}
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &got) != nil ||
		got.Doc != "11222333000181" || got.Email != "cip@telefonia.example" || got.UpdatedBy != staff.ID {
		t.Fatalf("GET: %d %s", w.Code, w.Body)
	}
	if w := put("11222333000181", `{"nome":"Telefonia Exemplo S.A."}`); w.Code != http.StatusOK {
		t.Fatalf("second PUT: %d", w.Code)
	}
	if w := get("11222333000181"); bytes.Contains(w.Body.Bytes(), []byte("cip@")) {
		t.Errorf("the CIP address was not removed: %s", w.Body)
	}
	for _, tc := range []struct{ doc, body, code string }{
		{"11222333000182", `{"nome":"X"}`, api.CodeInvalidDoc},
		{"123", `{"nome":"X"}`, api.CodeInvalidDoc},
		{"11222333000181", `{"nome":"  "}`, api.CodeInvalidName},
		{"11222333000181", `{"nome":"X","email_cip":"não é e-mail"}`, api.CodeInvalidEmail},
		{"11222333000181", `{"nome":"X","email_cip":"Fulano <a@b.example>"}`, api.CodeInvalidEmail},
		{"11222333000181", `{"nome":"X","extra":1}`, api.CodeInvalidRequest},
		{"11222333000181", `{"nome":"Robert'); DROP TABLE suppliers;--","email_cip":"x"}`, api.CodeInvalidEmail},
	} {
		w := put(tc.doc, tc.body)
		var e api.Error
		if w.Code != http.StatusBadRequest || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Code != tc.code {
			t.Errorf("%s %s: %d %s, want 400 %s", tc.doc, tc.body, w.Code, w.Body, tc.code)
		}
	}
	if w := get("11222333000181"); !bytes.Contains(w.Body.Bytes(), []byte(`"nome":"Telefonia Exemplo S.A."`)) {
		t.Errorf("a refused PUT changed the supplier: %s", w.Body)
	}
}
