package bench

import (
	"context"
	"fmt"
	"net/smtp"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/procon-es/procon/internal/samples"
)

// Consumer is the address every bench complaint comes from.
const Consumer = "consumidor@bench.example"

// IntakeResult is the intake throughput of one run.
type IntakeResult struct {
	N       int
	Elapsed time.Duration
	// NAs are the cases created, in NA order.
	NAs []string
}

// PerSecond is complaints per second, from the first e-mail sent to the last receipt out.
func (r IntakeResult) PerSecond() float64 { return float64(r.N) / r.Elapsed.Seconds() }

// Intake puts n valid complaints in the intake mailbox (over SMTP, 8 at a time) and
// waits until each has its NA, its running workflow and its receipt delivered to the
// SMTP server (the outbox row marked sent).
func (s *Stack) Intake(ctx context.Context, n int) (IntakeResult, error) {
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(8)
	for i := 1; i <= n; i++ {
		g.Go(func() error {
			raw, err := samples.Complaint{From: Consumer, To: s.Cfg.MailIntake,
				MessageID: fmt.Sprintf("bench-%d-%d@bench.example", start.UnixNano(), i), Seq: i}.Bytes()
			if err != nil {
				return err
			}
			return s.sendMail(ctx, s.Cfg.MailIntake, raw)
		})
	}
	if err := g.Wait(); err != nil {
		return IntakeResult{}, err
	}
	err := waitFor(ctx, 30*time.Minute, func() error {
		var cases, receipts int
		if err := s.Store.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM cases),
			(SELECT count(*) FROM outbox WHERE kind = 'recibo' AND status = 'sent')`).Scan(&cases, &receipts); err != nil {
			return err
		}
		if cases < n || receipts < n {
			return fmt.Errorf("%d cases, %d receipts of %d", cases, receipts, n)
		}
		return nil
	})
	if err != nil {
		return IntakeResult{}, err
	}
	r := IntakeResult{N: n, Elapsed: time.Since(start)}
	rows, err := s.Store.Pool.Query(ctx, `SELECT na FROM cases ORDER BY na`)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var na string
		if err := rows.Scan(&na); err != nil {
			return r, err
		}
		r.NAs = append(r.NAs, na)
	}
	return r, rows.Err()
}

// sendMail delivers raw from the bench's consumer over SMTP, retrying for a minute: under
// load the SMTP server may reset a connection, and a mail client would try again.
func (s *Stack) sendMail(ctx context.Context, to string, raw []byte) error {
	return waitFor(ctx, time.Minute, func() error {
		return smtp.SendMail(s.Cfg.SMTPAddr, nil, Consumer, []string{to}, raw)
	})
}
