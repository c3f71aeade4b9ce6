package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/procon-es/procon/internal/cip"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// StormResult is how a storm of lapsed CIP deadlines was absorbed.
type StormResult struct {
	M int
	// Elapsed is from the first delivery recorded to the last case in the queue.
	Elapsed time.Duration
	// Mails is how many messages the storm queued (declarações de expedição).
	Mails int
}

// post sends an authenticated JSON request and returns the status.
func (s *Stack) post(ctx context.Context, path, token, key, body string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.API+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

// countIn counts the cases among nas in status.
func (s *Stack) countIn(ctx context.Context, nas []string, status string) (int, error) {
	var n int
	err := s.Store.Pool.QueryRow(ctx, `SELECT count(*) FROM cases WHERE na = ANY ($1) AND status = $2`, nas, status).Scan(&n)
	return n, err
}

// Storm takes the cases nas (fresh from Intake) to a CIP awaiting delivery by hand (their
// supplier has no registered address): the consumer confirms each by e-mail and staff
// send the CIP. Then staff record, all at once with 32 clients, each delivery as made 40
// days ago, so every 20-day deadline has lapsed (004 §4.3.1): the storm is the time until
// every case is in the "CIP vencida/insatisfatória" queue.
func (s *Stack) Storm(ctx context.Context, nas []string) (StormResult, error) {
	var g errgroup.Group
	g.SetLimit(16)
	for _, na := range nas {
		g.Go(func() error {
			msg := "From: " + Consumer + "\r\nTo: " + s.Cfg.MailProtocol + "\r\nSubject: CONFIRMO " + na +
				"\r\nMessage-ID: <confirmo." + strings.ToLower(na) + "@bench.example>\r\n\r\nConfirmo.\r\n"
			if err := s.sendMail(ctx, s.Cfg.MailProtocol, []byte(msg)); err != nil {
				return err
			}
			return waitFor(ctx, 5*time.Minute, func() error {
				code, body, err := s.post(ctx, "/api/v1/cases/"+na+"/decisoes", s.Atendente, "bench-cip-"+na, `{"tipo":"enviar_cip"}`)
				if err == nil && code != http.StatusOK {
					err = fmt.Errorf("%s: %d %s", na, code, body)
				}
				return err
			})
		})
	}
	if err := g.Wait(); err != nil {
		return StormResult{}, err
	}
	if err := waitFor(ctx, 10*time.Minute, func() error {
		n, err := s.countIn(ctx, nas, workflows.StatusCIPAwaitingDelivery)
		if err == nil && n < len(nas) {
			err = fmt.Errorf("%d of %d await delivery", n, len(nas))
		}
		return err
	}); err != nil {
		return StormResult{}, err
	}

	var mailsBefore int
	if err := s.Store.Pool.QueryRow(ctx, `SELECT count(*) FROM outbox`).Scan(&mailsBefore); err != nil {
		return StormResult{}, err
	}
	received := prazo.CivilDate(time.Now()).AddDays(-40).String()
	start := time.Now()
	g = errgroup.Group{}
	g.SetLimit(32)
	for _, na := range nas {
		g.Go(func() error {
			body := fmt.Sprintf(`{"tipo":"entrega_cip","cip":%q,"meio":"carta_registrada","recebida_em":%q}`, cip.Number(na, 1), received)
			code, answer, err := s.post(ctx, "/api/v1/cases/"+na+"/decisoes", s.Atendente, "bench-entrega-"+na, body)
			if err == nil && code != http.StatusOK {
				err = fmt.Errorf("%s: %d %s", na, code, answer)
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return StormResult{}, err
	}
	err := waitFor(ctx, 30*time.Minute, func() error {
		n, err := s.countIn(ctx, nas, workflows.StatusCIPReview)
		if err == nil && n < len(nas) {
			err = fmt.Errorf("%d of %d in the queue", n, len(nas))
		}
		return err
	})
	r := StormResult{M: len(nas), Elapsed: time.Since(start)}
	if err != nil {
		return r, err
	}
	var mails int
	err = s.Store.Pool.QueryRow(ctx, `SELECT count(*) FROM outbox`).Scan(&mails)
	r.Mails = mails - mailsBefore
	return r, err
}
