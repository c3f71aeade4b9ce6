package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// queueAnswer is the body of GET /api/v1/filas/:fila.
type queueAnswer struct {
	Fila  string `json:"fila"`
	Casos []struct {
		NA           string `json:"na"`
		Posicao      int    `json:"posicao"`
		Prioridade   string `json:"prioridade"`
		ConsumerName string `json:"consumidor_nome"`
	} `json:"casos"`
	ProximaPagina int `json:"proxima_pagina"`
}

// queuedCase stores a case in status with the consumer's priority code and returns its NA.
func queuedCase(t *testing.T, st *store.Store, id, status, priority string) string {
	t.Helper()
	ctx := context.Background()
	in, _, err := st.SaveInbound(ctx, "atendimento", id, []byte("Message-ID: "+id+"\r\n\r\nfila"))
	if err != nil {
		t.Fatal(err)
	}
	na, err := st.CreateCaseForInbound(ctx, in.ID, 2026, store.NewCase{
		ConsumerDoc: "52998224725", ConsumerName: "Consumidor " + id, Status: status,
		Form: map[string]any{"consumer": map[string]any{"priority": priority}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return na
}

// product §2, 003: the registration queue is in arrival order with priority attendance
// ahead, 80 or older first; cases in other states are not in it; pages follow on.
func TestRegistrationQueuePutsPriorityFirst(t *testing.T) {
	e := newAPIEnv(t, nil)
	plain1 := queuedCase(t, e.st, "q1", workflows.StatusAwaitingRegistration, "")
	elderly := queuedCase(t, e.st, "q2", workflows.StatusAwaitingRegistration, "idoso")
	queuedCase(t, e.st, "q3", workflows.StatusCIPAwaitingAnswer, "idoso_80")
	plain2 := queuedCase(t, e.st, "q4", workflows.StatusAwaitingRegistration, "")
	over80 := queuedCase(t, e.st, "q5", workflows.StatusAwaitingRegistration, "idoso_80")

	w := e.do(t, http.MethodGet, "/api/v1/filas/registro", api.RoleAtendente, "")
	got := decode[queueAnswer](t, w)
	var order []string
	for i, c := range got.Casos {
		order = append(order, c.NA)
		if c.Posicao != i+1 {
			t.Errorf("%s at position %d, want %d", c.NA, c.Posicao, i+1)
		}
	}
	want := []string{over80, elderly, plain1, plain2}
	if len(order) != len(want) {
		t.Fatalf("queue %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("queue %v, want %v", order, want)
		}
	}
	if got.Casos[0].Prioridade != "idoso_80" || got.Casos[0].ConsumerName == "" {
		t.Errorf("first of the queue: %+v", got.Casos[0])
	}

	page2 := decode[queueAnswer](t, e.do(t, http.MethodGet, "/api/v1/filas/registro?limite=3&pagina=2", api.RoleAtendente, ""))
	if len(page2.Casos) != 1 || page2.Casos[0].NA != plain2 || page2.Casos[0].Posicao != 4 {
		t.Errorf("second page: %+v", page2)
	}
	// LGPD: roles outside the complaint's handling see no consumer name.
	fin := decode[queueAnswer](t, e.do(t, http.MethodGet, "/api/v1/filas/registro", api.RoleFinanceiro, ""))
	if fin.Casos[0].ConsumerName != "" {
		t.Error("the financial department sees the consumer's name in the queue")
	}
}

func TestUnknownQueueOrBadPageIsRefused(t *testing.T) {
	e := newAPIEnv(t, nil)
	wantError(t, e.do(t, http.MethodGet, "/api/v1/filas/urgentes", api.RoleAtendente, ""), http.StatusNotFound, api.CodeUnknownQueue)
	wantError(t, e.do(t, http.MethodGet, "/api/v1/filas/registro?pagina=0", api.RoleAtendente, ""), http.StatusBadRequest, api.CodeInvalidRequest)
	wantError(t, e.do(t, http.MethodGet, "/api/v1/filas/registro?limite=x", api.RoleAtendente, ""), http.StatusBadRequest, api.CodeInvalidRequest)
}
