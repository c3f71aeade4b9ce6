package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// Issue 3, 004 §3.3.1.6 and §13.1.2, through the real stack: a complaint e-mailed today
// gets its 20-day registration deadline, shown with its rule in the API. When the
// gerente then declares its due day closed, the running case is told and moves its
// deadline to the next business day: same case, same workflow run, a new timer.
func TestDeclaredClosureMovesTheDeadlineOfARunningCase(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	c := sys.fileComplaint(t, "joana.e2e@example.com", 11)
	due := prazo.DateOf(*c.CurrentDeadline)
	inbound, err := sys.store.Inbound(ctx, *c.InboundMessage)
	if err != nil {
		t.Fatal(err)
	}
	want, err := prazo.NewVitoriaES().Compute(prazo.IntakeRegistration.Request(prazo.CivilDate(inbound.ReceivedAt)))
	if err != nil {
		t.Fatal(err)
	}
	if due != want.Due || c.DeadlineRule != want.Sentence() {
		t.Fatalf("deadline %s (%q), want %s (%q)", due, c.DeadlineRule, want.Due, want.Sentence())
	}

	gerente := sys.token(t, "gerente_atendimento")
	body := fmt.Sprintf(`{"data":%q,"tipo":"dia_inteiro","motivo":"Ponto facultativo (teste)"}`, due.String())
	if code, answer := sys.send(t, http.MethodPost, "/api/v1/calendario/fechamentos", gerente, body); code != http.StatusCreated {
		t.Fatalf("declare closure: %d %s", code, answer)
	}
	cal, err := prazo.NewVitoriaES().WithClosures(prazo.Closure{Date: due, Kind: prazo.ClosureFullDay, Reason: "Ponto facultativo (teste)"})
	if err != nil {
		t.Fatal(err)
	}
	moved, err := cal.Compute(prazo.IntakeRegistration.Request(prazo.CivilDate(inbound.ReceivedAt)))
	if err != nil {
		t.Fatal(err)
	}
	testenv.Eventually(t, 60*time.Second, "deadline moved past the closed day", func() error {
		now, err := sys.store.GetCase(ctx, c.NA)
		if err != nil {
			return err
		}
		if got := prazo.DateOf(*now.CurrentDeadline); got != moved.Due {
			return fmt.Errorf("deadline %s, want %s", got, moved.Due)
		}
		return nil
	})
	events, err := sys.store.Events(ctx, c.NA)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Kind != workflows.EventDeadlineMoved {
		t.Errorf("last event %s, want %s", last.Kind, workflows.EventDeadlineMoved)
	}
}

// send calls the API with a JSON body and an optional bearer token.
func (s *system) send(t *testing.T, method, path, token, body string) (int, []byte) {
	t.Helper()
	return s.sendHeader(t, method, path, token, body, nil)
}

// sendHeader is send with extra request headers.
func (s *system) sendHeader(t *testing.T, method, path, token, body string, headers map[string]string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.api+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	var e struct {
		Aviso string `json:"aviso"`
	}
	if json.Unmarshal(answer, &e) == nil && e.Aviso != "" {
		t.Errorf("the API warns: %s", e.Aviso)
	}
	return resp.StatusCode, answer
}
