package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
)

// Issue 2, end to end: a complaint sent over SMTP to the intake address is fetched over
// IMAP, becomes a case with a running workflow, is visible in the API with a token, and
// the consumer receives the receipt over IMAP. The same message delivered twice yields
// one case and one receipt.
func TestComplaintByEmailBecomesCaseWithReceipt(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	consumer := "maria.e2e@example.com"
	msgID := fmt.Sprintf("e2e-%d@example.com", time.Now().UnixNano())
	complaint := samples.Complaint{From: consumer, To: sys.cfg.MailIntake, MessageID: msgID, Seq: 7}
	raw, err := complaint.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	send := func() {
		m, err := complaint.Message()
		if err != nil {
			t.Fatal(err)
		}
		if err := worker.NewMailer(sys.cfg).SendMsg(ctx, m); err != nil {
			t.Fatalf("send complaint: %v", err)
		}
	}
	send()

	var c store.Case
	testenv.Eventually(t, 90*time.Second, "case created from the e-mail", func() error {
		c, err = sys.store.CaseByMessageID(ctx, workflows.MailboxIntake, msgID)
		return err
	})
	if !strings.HasPrefix(c.NA, fmt.Sprintf("NA-%d-", time.Now().Year())) {
		t.Errorf("NA %q does not follow NA-YYYY-NNNNNN", c.NA)
	}

	// The case and its first events through the API, with a token.
	token := sys.token(t, "atendente")
	var view struct {
		NA       string `json:"na"`
		Status   string `json:"situacao"`
		Timeline []struct {
			Kind  string `json:"tipo"`
			Actor string `json:"autor"`
		} `json:"eventos"`
	}
	testenv.Eventually(t, 60*time.Second, "receipt and registration deadline in the timeline", func() error {
		code, body := sys.get(t, "/api/v1/cases/"+c.NA, token)
		if code != http.StatusOK {
			return fmt.Errorf("GET case: %d %s", code, body)
		}
		if err := json.Unmarshal(body, &view); err != nil {
			return err
		}
		kinds := []string{}
		for _, e := range view.Timeline {
			kinds = append(kinds, e.Kind)
		}
		if strings.Join(kinds, ",") != "atendimento_recebido,recibo_enviado,prazo_iniciado" {
			return fmt.Errorf("timeline kinds %v", kinds)
		}
		return nil
	})
	if view.Status != workflows.StatusAwaitingRegistration {
		t.Errorf("status = %q, want %q", view.Status, workflows.StatusAwaitingRegistration)
	}
	if code, _ := sys.get(t, "/api/v1/cases/"+c.NA, ""); code != http.StatusUnauthorized {
		t.Errorf("GET case without token = %d, want 401", code)
	}

	// The receipt reaches the consumer's mailbox, naming the NA.
	receipts := testenvWaitReceipts(t, sys, consumer, c.NA, 1)

	// The same message again (a second delivery of the same bytes): no second case,
	// no second receipt.
	send()
	if err := sendRaw(ctx, sys, consumer, raw); err != nil {
		t.Fatal(err)
	}
	testenv.Eventually(t, 60*time.Second, "duplicate deliveries read and stored once", func() error {
		var n int
		if err := sys.store.Pool.QueryRow(ctx, `SELECT count(*) FROM mailbox_state WHERE mailbox = $1 AND last_uid >= 3`, workflows.MailboxIntake).Scan(&n); err != nil {
			return err
		}
		if n != 1 {
			return fmt.Errorf("poller has not read the three deliveries yet")
		}
		return nil
	})
	var cases, inbound int
	if err := sys.store.Pool.QueryRow(ctx, `SELECT count(*) FROM cases`).Scan(&cases); err != nil {
		t.Fatal(err)
	}
	if err := sys.store.Pool.QueryRow(ctx, `SELECT count(*) FROM inbound_messages`).Scan(&inbound); err != nil {
		t.Fatal(err)
	}
	if cases != 1 || inbound != 1 {
		t.Errorf("after three deliveries of one message: %d cases, %d stored messages; want 1 and 1", cases, inbound)
	}
	time.Sleep(2 * time.Second) // a wrongly started second case would have sent its receipt by now
	if got := testenvReceipts(t, sys, consumer, c.NA); len(got) != 1 {
		t.Errorf("consumer received %d receipts, want exactly 1", len(got))
	}
	if len(receipts) != 1 || receipts[0].MessageID == "" {
		t.Errorf("receipt without a Message-ID: %+v", receipts)
	}

	// Issue 2, LGPD: no line the worker and the API logged shows the consumer's
	// e-mail address, CPF or the staff token in clear.
	logs := sys.logs.String()
	cpf := samples.CPF(100000000 + complaint.Seq)
	formatted := cpf[:3] + "." + cpf[3:6] + "." + cpf[6:9] + "-" + cpf[9:]
	for what, secret := range map[string]string{"e-mail": consumer, "CPF": cpf, "formatted CPF": formatted, "token": token} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs show the %s in clear", what)
		}
	}
	if !strings.Contains(logs, "message processed") {
		t.Error("the log scan saw no worker log at all")
	}
}
