package bench

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"go.temporal.io/sdk/client"
	"golang.org/x/sync/errgroup"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// parkedYear numbers the parked cases apart from the real ones (NA-2099-…).
const parkedYear = 2099

// ParkedResult is the cost of p open cases waiting on their timers.
type ParkedResult struct {
	P int
	// Started is the time to start them all until each shows its deadline.
	Started time.Duration
	// WorkerRSS is the worker's resident memory then; DatabaseBytes the database size.
	WorkerRSS, DatabaseBytes int64
}

// Park creates p cases (rows in bulk, as intake would) and starts their Complaint
// workflows straight through Temporal, 64 at a time; each registers its case and parks
// on its registration deadline's timer (004 §3.3.1.6).
func (s *Stack) Park(ctx context.Context, p int) (ParkedResult, error) {
	rows := make([][]any, p)
	for i := range p {
		na := store.FormatNA(parkedYear, i+1)
		rows[i] = []any{na, workflowid.Complaint(na), workflows.StatusAwaitingRegistration, samples.CPF(500000000 + i), fmt.Sprintf("Consumidor %d", i+1)}
	}
	if _, err := s.Store.Pool.CopyFrom(ctx, pgx.Identifier{"cases"},
		[]string{"na", "workflow_id", "status", "consumer_doc", "consumer_name"}, pgx.CopyFromRows(rows)); err != nil {
		return ParkedResult{}, err
	}
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(64)
	for i := range p {
		g.Go(func() error {
			na := store.FormatNA(parkedYear, i+1)
			_, err := s.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: workflowid.Complaint(na), TaskQueue: workflows.TaskQueue},
				workflows.Complaint, workflows.ComplaintInput{NA: na, ConsumerName: fmt.Sprintf("Consumidor %d", i+1), ReceivedAt: time.Now()})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return ParkedResult{}, err
	}
	err := waitFor(ctx, time.Hour, func() error {
		var n int
		if err := s.Store.Pool.QueryRow(ctx, `SELECT count(*) FROM cases WHERE na LIKE 'NA-2099-%' AND current_deadline IS NOT NULL`).Scan(&n); err != nil {
			return err
		}
		if n < p {
			return fmt.Errorf("%d of %d parked", n, p)
		}
		return nil
	})
	r := ParkedResult{P: p, Started: time.Since(start)}
	if err != nil {
		return r, err
	}
	time.Sleep(5 * time.Second) // let the last workflow tasks settle before reading memory
	if r.WorkerRSS, err = s.WorkerRSS(); err != nil {
		return r, err
	}
	err = s.Store.Pool.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&r.DatabaseBytes)
	return r, err
}

// Latency is the distribution of one kind of request under load.
type Latency struct {
	Name          string
	Requests      int
	Failures      int
	P50, P99, Max time.Duration
}

// load runs clients concurrent clients, each sending the request make builds (for its
// n-th request) back to back for d, and measures the answers.
func (s *Stack) load(ctx context.Context, name string, clients int, d time.Duration, build func(n int) (*http.Request, error)) Latency {
	var mu sync.Mutex
	var times []time.Duration
	failures := 0
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := c; time.Now().Before(end) && ctx.Err() == nil; n += clients {
				req, err := build(n)
				if err != nil {
					return
				}
				began := time.Now()
				resp, err := http.DefaultClient.Do(req.WithContext(ctx))
				took := time.Since(began)
				ok := err == nil && resp.StatusCode < 300
				if err == nil {
					resp.Body.Close()
				}
				mu.Lock()
				times = append(times, took)
				if !ok {
					failures++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	l := Latency{Name: name, Requests: len(times), Failures: failures}
	if len(times) > 0 {
		l.P50, l.P99, l.Max = times[len(times)/2], times[len(times)*99/100], times[len(times)-1]
	}
	return l
}

// APILatency loads the API over the p parked cases with clients concurrent clients for d
// per kind: a staff read of a case, a consumer's tracking (NA + CPF), and a staff Update
// (a one-day force-majeure suspension, 004 §13.4, which the workflow applies to its
// running deadline).
func (s *Stack) APILatency(ctx context.Context, p, clients int, d time.Duration) []Latency {
	na := func(n int) string { return store.FormatNA(parkedYear, n%p+1) }
	get := func(path, token string) (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, s.API+path, nil)
		if err == nil && token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return req, err
	}
	tomorrow := prazo.CivilDate(time.Now()).AddDays(1).String()
	return []Latency{
		s.load(ctx, "GET /api/v1/cases/{na}", clients, d, func(n int) (*http.Request, error) {
			return get("/api/v1/cases/"+na(n), s.Atendente)
		}),
		s.load(ctx, "GET /api/v1/acompanhamento", clients, d, func(n int) (*http.Request, error) {
			return get("/api/v1/acompanhamento?na="+na(n)+"&cpf="+samples.CPF(500000000+n%p), "")
		}),
		s.load(ctx, "POST /api/v1/cases/{na}/suspensoes (Update)", clients, d, func(n int) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodPost, s.API+"/api/v1/cases/"+na(n)+"/suspensoes",
				strings.NewReader(fmt.Sprintf(`{"inicio":%q,"fim":%q,"motivo":"Medição de carga"}`, tomorrow, tomorrow)))
			if err == nil {
				req.Header.Set("Authorization", "Bearer "+s.Gerente)
				req.Header.Set("Content-Type", "application/json")
			}
			return req, err
		}),
	}
}

// PageLatency loads the staff console's pages over the p parked cases, signed in as
// the bench's atendente, with clients concurrent clients for d per page: a case's page
// (the case row, its workflow's state and decision menu, its timeline) and the registro
// queue's first page (issue 16: p99 under 50 ms with 10,000 cases).
func (s *Stack) PageLatency(ctx context.Context, p, clients int, d time.Duration) ([]Latency, error) {
	who, err := s.Store.StaffByToken(ctx, s.Atendente)
	if err != nil {
		return nil, err
	}
	cookie, _, err := s.Store.NewSession(ctx, who)
	if err != nil {
		return nil, err
	}
	page := func(path string) (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, s.API+path, nil)
		if err == nil {
			req.AddCookie(&http.Cookie{Name: "procon_sessao", Value: cookie})
		}
		return req, err
	}
	return []Latency{
		s.load(ctx, "GET /interno/casos/{na} (page)", clients, d, func(n int) (*http.Request, error) {
			return page("/interno/casos/" + store.FormatNA(parkedYear, n%p+1))
		}),
		s.load(ctx, "GET /interno/filas/registro (page)", clients, d, func(int) (*http.Request, error) {
			return page("/interno/filas/registro")
		}),
	}, nil
}
