package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// Issue 3, 004 §13.4, through the real stack: the gerente declares force majeure on a
// running case; its deadline resumes with the days that were left, the case shows the
// new date, and the same decision sent again with the same Idempotency-Key (a client
// retrying) is applied once. A malformed declaration changes nothing.
func TestForceMajeureSuspendsTheRunningDeadlineOnce(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	c := sys.fileComplaint(t, "rita.e2e@example.com", 13)
	inbound, err := sys.store.Inbound(ctx, *c.InboundMessage)
	if err != nil {
		t.Fatal(err)
	}
	received := prazo.CivilDate(inbound.ReceivedAt)
	susp := prazo.Suspension{Start: received.AddDays(2), End: received.AddDays(4), Reason: "Enchente na sede"}
	req := prazo.IntakeRegistration.Request(received)
	req.Suspensions = []prazo.Suspension{susp}
	want, err := prazo.NewVitoriaES().Compute(req)
	if err != nil {
		t.Fatal(err)
	}

	gerente := sys.token(t, "gerente_atendimento")
	path := "/api/v1/cases/" + c.NA + "/suspensoes"
	bad := `{"inicio":"` + susp.End.String() + `","fim":"` + susp.Start.String() + `","motivo":"x"}`
	if code, body := sys.send(t, http.MethodPost, path, gerente, bad); code != http.StatusBadRequest || !hasCode(body, "suspensao_invalida") {
		t.Errorf("fim before inicio: %d %s", code, body)
	}
	body := fmt.Sprintf(`{"inicio":%q,"fim":%q,"motivo":%q}`, susp.Start, susp.End, susp.Reason)
	for attempt := range 2 {
		code, answer := sys.sendWithKey(t, path, gerente, "decisao-42", body)
		var got struct {
			Prazo struct {
				Due   string `json:"vencimento"`
				Frase string `json:"frase"`
			} `json:"prazo"`
		}
		if code != http.StatusOK || json.Unmarshal(answer, &got) != nil || got.Prazo.Due != want.Due.String() {
			t.Fatalf("attempt %d: %d %s; want due %s", attempt+1, code, answer, want.Due)
		}
	}
	testenv.Eventually(t, 30*time.Second, "case shows the suspended deadline", func() error {
		now, err := sys.store.GetCase(ctx, c.NA)
		if err != nil {
			return err
		}
		if got := prazo.DateOf(*now.CurrentDeadline); got != want.Due {
			return fmt.Errorf("deadline %s, want %s", got, want.Due)
		}
		return nil
	})
	events, err := sys.store.Events(ctx, c.NA)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, e := range events {
		if e.Kind == workflows.EventSuspensionDeclared {
			declared++
		}
	}
	if declared != 1 {
		t.Errorf("%d suspensions recorded for one decision sent twice, want 1", declared)
	}
}

// sendWithKey posts a staff decision with an Idempotency-Key.
func (s *system) sendWithKey(t *testing.T, path, token, key, body string) (int, []byte) {
	t.Helper()
	return s.sendHeader(t, http.MethodPost, path, token, body, map[string]string{"Idempotency-Key": key})
}

// hasCode reports whether an error body carries that stable code.
func hasCode(body []byte, code string) bool {
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	return json.Unmarshal(body, &e) == nil && e.Code == code && e.Message != ""
}
