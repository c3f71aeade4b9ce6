package devstack

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
)

// DemoConsumer is the address the demo complaint comes from; its mail (the receipt) can
// be read over IMAP with the dev password.
const DemoConsumer = "consumidora.demo@example.com"

// seedDemo e-mails a sample complaint to the intake mailbox, waits for its case and
// tells where to see it.
func seedDemo(ctx context.Context, cfg config.Config, out io.Writer, token string) error {
	msgID := fmt.Sprintf("demo-%d@procon.local", time.Now().UnixNano())
	m, err := samples.Complaint{From: DemoConsumer, To: cfg.MailIntake, MessageID: msgID, Seq: 42}.Message()
	if err != nil {
		return err
	}
	if err := worker.NewMailer(cfg).SendMsg(ctx, m); err != nil {
		return fmt.Errorf("seed-demo: send: %w", err)
	}
	fmt.Fprintf(out, "seed-demo: reclamação de exemplo enviada a %s; aguardando o caso...\n", cfg.MailIntake)
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		c, err := st.CaseByMessageID(ctx, workflows.MailboxIntake, msgID)
		if err == nil {
			fmt.Fprintf(out, "seed-demo: caso %s criado. Veja:\n  curl -H 'Authorization: Bearer %s' http://%s/api/v1/cases/%s\n"+
				"  recibo na caixa IMAP %s (senha %s)\n", c.NA, token, cfg.APIAddr, c.NA, DemoConsumer, cfg.IMAPPassword)
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
