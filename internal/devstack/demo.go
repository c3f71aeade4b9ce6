package devstack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
)

// DemoConsumer is the address the demo complaint comes from; its mail (the receipt) can
// be read over IMAP with the dev password.
const DemoConsumer = "consumidora.demo@example.com"

// demoSupplier is the CNPJ of the demo complaints' supplier (samples.Complaint's).
const demoSupplier = "11222333000181"

// seedDemo creates the demo staff (one per role, with printed passwords), e-mails a
// sample complaint to the intake mailbox, waits for its case and tells where to see it;
// then it brings more sample cases to other phases, so that the console's queues have
// something in them: entrega_cip, entrega_notificacao, julgamento_dijur and
// confirmacao_remetente.
func seedDemo(ctx context.Context, cfg config.Config, out io.Writer, token string) error {
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	tokens, err := demoStaff(ctx, st, out)
	if err != nil {
		return fmt.Errorf("seed-demo: staff: %w", err)
	}
	first, err := demoComplaint(ctx, cfg, st, DemoConsumer, 42)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "seed-demo: caso %s criado. Veja:\n  http://%s/interno/casos/%s\n  curl -H 'Authorization: Bearer %s' http://%s/api/v1/cases/%s\n"+
		"  recibo na caixa IMAP %s (senha %s)\n", first.NA, cfg.APIAddr, first.NA, token, cfg.APIAddr, first.NA, DemoConsumer, cfg.IMAPPassword)
	d := demo{ctx: ctx, cfg: cfg, st: st, atendente: tokens[workflows.RoleAtendente]}
	if err := d.otherPhases(out, first); err != nil && ctx.Err() == nil {
		fmt.Fprintf(out, "seed-demo: os demais casos de exemplo não foram concluídos: %v\n", err)
	}
	return nil
}

// demo drives the sample cases through the API, as staff would.
type demo struct {
	ctx       context.Context
	cfg       config.Config
	st        *store.Store
	atendente string
}

// otherPhases files more sample complaints and takes them to other queues.
func (d demo) otherPhases(out io.Writer, first store.Case) error {
	today := prazo.CivilDate(time.Now()).String()
	steps := []struct {
		seq   int
		queue string
		body  []string
	}{
		{43, "entrega_cip", []string{`{"tipo":"enviar_cip"}`}},
		{44, "entrega_notificacao", []string{`{"tipo":"reclamacao_direta"}`}},
		{45, "julgamento_dijur", []string{`{"tipo":"reclamacao_direta"}`,
			`{"tipo":"entrega_notificacao","fornecedor":"` + demoSupplier + `","meio":"pessoal","recebida_em":"` + today + `"}`,
			`{"tipo":"defesa_recebida","fornecedor":"` + demoSupplier + `","recebida_em":"` + today + `"}`}},
	}
	for _, s := range steps {
		consumer := fmt.Sprintf("consumidor%d.demo@example.com", s.seq)
		c, err := demoComplaint(d.ctx, d.cfg, d.st, consumer, s.seq)
		if err != nil {
			return err
		}
		if err := d.mail(consumer, d.cfg.MailProtocol, "CONFIRMO "+c.NA, "Confirmo o pedido."); err != nil {
			return err
		}
		for _, body := range s.body {
			if err := d.decide(c.NA, body); err != nil {
				return fmt.Errorf("%s: %w", c.NA, err)
			}
		}
		fmt.Fprintf(out, "seed-demo: caso %s na fila %s\n", c.NA, s.queue)
	}
	// A withdrawal from an address that is not the consumer's awaits staff confirmation.
	if err := d.mail("alguem.demo@example.com", d.cfg.MailProtocol, "DESISTENCIA "+first.NA, "Desisto do atendimento."); err != nil {
		return err
	}
	fmt.Fprintf(out, "seed-demo: caso %s na fila confirmacao_remetente (desistência de outro endereço)\n", first.NA)
	return nil
}

// demoComplaint e-mails a sample complaint and waits for its case.
func demoComplaint(ctx context.Context, cfg config.Config, st *store.Store, from string, seq int) (store.Case, error) {
	msgID := fmt.Sprintf("demo-%d-%d@procon.local", seq, time.Now().UnixNano())
	m, err := samples.Complaint{From: from, To: cfg.MailIntake, MessageID: msgID, Seq: seq}.Message()
	if err != nil {
		return store.Case{}, err
	}
	if err := worker.NewMailer(cfg).SendMsg(ctx, m); err != nil {
		return store.Case{}, fmt.Errorf("seed-demo: send: %w", err)
	}
	for {
		c, err := st.CaseByMessageID(ctx, workflows.MailboxIntake, msgID)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return store.Case{}, err
		}
		select {
		case <-ctx.Done():
			return store.Case{}, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// mail sends a plain e-mail to one of the agency's mailboxes.
func (d demo) mail(from, to, subject, body string) error {
	m := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8))
	if err := m.From(from); err != nil {
		return err
	}
	if err := m.To(to); err != nil {
		return err
	}
	m.Subject(subject)
	m.SetBodyString(mail.TypeTextPlain, body)
	return worker.NewMailer(d.cfg).SendMsg(d.ctx, m)
}

// decide takes a decision as the demo atendente, retrying while the case is not yet in
// the state that allows it (its mail still being read, its workflow still moving).
func (d demo) decide(na, body string) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, "http://"+d.cfg.APIAddr+"/api/v1/cases/"+na+"/decisoes", bytes.NewBufferString(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+d.atendente)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("%d %s", resp.StatusCode, answer)
		}
		if time.Now().After(deadline) {
			return err
		}
		select {
		case <-d.ctx.Done():
			return d.ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
