package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/testenv"
)

// trackAs calls the tracking endpoint from a client address.
func trackAs(h http.Handler, client, query string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/api/v1/acompanhamento?"+query, nil)
	req.RemoteAddr = client + ":40000"
	req.Header.Set("X-Forwarded-For", "203.0.113.9") // must not be trusted
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// product §7, 003 "Acompanhar": anyone holding the NA and the consumer's CPF sees where
// the case stands, its deadline and its public events, and no personal data.
func TestTrackingShowsTheCaseForTheRightPair(t *testing.T) {
	st := testenv.Store(t)
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), Log: quietLog()})
	na := newCase(t, st, "tracking-1@example.com")
	appendEvent(t, st, na, "atendimento_recebido", "start", time.Now(), `{}`)
	appendEvent(t, st, na, "nota_interna", "nota", time.Now(), `{"texto":"só para servidores"}`)

	w := trackAs(h, "198.51.100.1", "na="+strings.ToLower(na)+"&cpf=52998224725")
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
	var got struct {
		NA      string `json:"na"`
		Status  string `json:"situacao"`
		Eventos []struct {
			Tipo, Descricao string
		} `json:"eventos"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.NA != na || got.Status != "recebido" || len(got.Eventos) != 1 || got.Eventos[0].Tipo != "atendimento_recebido" || got.Eventos[0].Descricao == "" {
		t.Errorf("tracking %s", w.Body.String())
	}
	for _, secret := range []string{"Maria", testEmail, "52998224725", "529.982.247-25", "99999", "servidores"} { // the CPF whole: a timestamp may hold "529"
		if strings.Contains(w.Body.String(), secret) {
			t.Errorf("the tracking answer shows %q", secret)
		}
	}
}

// Issue 6 / product §7: tracking cannot be used to enumerate cases: a wrong CPF gets exactly
// the answer of an unknown NA, and a client that keeps failing is stopped (429) while
// another client is not. A forwarded header does not make a new client.
func TestTrackingCannotEnumerateCases(t *testing.T) {
	st := testenv.Store(t)
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), Log: quietLog()})
	na := newCase(t, st, "tracking-2@example.com")

	wrongCPF := trackAs(h, "198.51.100.2", "na="+na+"&cpf=11144477735")
	unknownNA := trackAs(h, "198.51.100.2", "na=NA-2026-999999&cpf=52998224725")
	if wrongCPF.Code != http.StatusNotFound || wrongCPF.Body.String() != unknownNA.Body.String() || wrongCPF.Code != unknownNA.Code {
		t.Fatalf("wrong CPF: %d %s; unknown NA: %d %s", wrongCPF.Code, wrongCPF.Body, unknownNA.Code, unknownNA.Body)
	}
	for range 3 {
		trackAs(h, "198.51.100.2", "na="+na+"&cpf=11144477735")
	}
	blocked := trackAs(h, "198.51.100.2", "na="+na+"&cpf=52998224725")
	if blocked.Code != http.StatusTooManyRequests || blocked.Header().Get("Retry-After") == "" {
		t.Fatalf("after 5 failures: %d %s", blocked.Code, blocked.Body)
	}
	var e api.Error
	if json.Unmarshal(blocked.Body.Bytes(), &e) != nil || e.Code != api.CodeTooManyAttempts {
		t.Errorf("429 body %s", blocked.Body)
	}
	if other := trackAs(h, "198.51.100.3", "na="+na+"&cpf=529.982.247-25"); other.Code != http.StatusOK {
		t.Errorf("another client is blocked too: %d", other.Code)
	}
}

// Bad parameters are a 400 with a stable code and change nothing.
func TestTrackingRejectsMalformedParameters(t *testing.T) {
	st := testenv.Store(t)
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), Log: quietLog()})
	for i, q := range []string{"", "na=NA-2026-000001", "cpf=52998224725", "na=2026-1&cpf=52998224725", "na=NA-2026-000001&cpf=123", "na=NA-2026-000001'--&cpf=52998224725"} {
		w := trackAs(h, fmt.Sprintf("198.51.100.%d", 10+i), q) // a client each: failures are limited per client
		var e api.Error
		if w.Code != http.StatusBadRequest || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Code != api.CodeInvalidRequest {
			t.Errorf("%q: %d %s", q, w.Code, w.Body)
		}
	}
}
