package workflows_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/shopspring/decimal"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// fakeActivities stands in for *activities.Activities on a real Temporal server: same
// activity names and signatures, no Postgres, no SMTP. It answers intake from a table
// and records what the workflows asked for.
type fakeActivities struct {
	mu     sync.Mutex
	intake map[int64]activities.IntakeOutcome
	events []activities.CaseEvent
	mails  []activities.Mail
	marks  []markCall
	// cal is the calendar ComputeDeadline computes with.
	cal testCalendar
	// routes answers RoutePetition by inbound ID.
	routes map[int64]activities.PetitionRoute
}

func (f *fakeActivities) routePetition(_ context.Context, id int64) (activities.PetitionRoute, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.routes[id], nil
}

// cipParties answers one supplier with a registered CIP address for every case.
func (f *fakeActivities) cipParties(_ context.Context, na string) ([]activities.CIPParty, error) {
	p := loja
	p.Number = "CIP-" + strings.TrimPrefix(na, "NA-") + "-1"
	return []activities.CIPParty{p}, nil
}

func (f *fakeActivities) sendCIP(ctx context.Context, l activities.CIPLetter) (string, error) {
	return f.sendMail(ctx, activities.Mail{Key: "cip/" + l.Party.Number, NA: l.NA, Kind: "cip", To: l.Party.Email})
}

func (f *fakeActivities) sendDefenseNotice(ctx context.Context, n activities.DefenseNotice) (string, error) {
	if n.Party.Email == "" {
		return "", nil
	}
	return f.sendMail(ctx, activities.Mail{Key: "notificacao-defesa/" + n.NA + "/" + n.Party.Doc, NA: n.NA, Kind: "notificacao_defesa", To: n.Party.Email})
}

func (f *fakeActivities) issueHearingRecord(_ context.Context, h activities.HearingRecord) (int64, error) {
	return int64(h.Number), nil
}

func (f *fakeActivities) recordClassification(context.Context, activities.Classification) error {
	return nil
}

func (f *fakeActivities) setCaseSubject(context.Context, string, string) error { return nil }

func (f *fakeActivities) fineAmount(_ context.Context, r activities.FineAmountRequest) (decimal.Decimal, error) {
	return r.VRTE.Mul(vrte2026).Round(2), nil
}

func (f *fakeActivities) issueJudgment(context.Context, activities.JudgmentRecord) (int64, error) {
	return 1, nil
}

func (f *fakeActivities) recordPayment(context.Context, activities.PaymentRecord) error { return nil }

func (f *fakeActivities) inscribeDebt(context.Context, activities.DebtInscription) error { return nil }

func (f *fakeActivities) startDeadline(ctx context.Context, s activities.DeadlineStart) (activities.Deadline, error) {
	d, err := f.cal.compute(s.Request)
	if err != nil {
		return d, err
	}
	return d, f.recordEvent(ctx, startedEvent(s, d))
}

func (f *fakeActivities) computeDeadline(_ context.Context, req prazo.Request) (activities.Deadline, error) {
	return f.cal.compute(req)
}

func (f *fakeActivities) recordEvent(_ context.Context, e activities.CaseEvent) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
	return nil
}

func (f *fakeActivities) sendMail(_ context.Context, m activities.Mail) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mails = append(f.mails, m)
	return activities.MessageIDFor(m.Key, testMailDomain), nil
}

func (f *fakeActivities) processIntake(_ context.Context, id int64) (activities.IntakeOutcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.intake[id], nil
}

func (f *fakeActivities) markInbound(_ context.Context, id int64, outcome string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.marks = append(f.marks, markCall{id, outcome})
	return nil
}

// eventKinds returns the kinds of the events recorded for na, in order.
func (f *fakeActivities) eventKinds(na string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.events {
		if e.NA == na {
			out = append(out, e.Kind)
		}
	}
	return out
}

// mailsTo returns the mails sent so far to addr.
func (f *fakeActivities) mailsTo(addr string) []activities.Mail {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []activities.Mail
	for _, m := range f.mails {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

// marksOf returns the outcomes MarkInbound recorded for message id.
func (f *fakeActivities) marksOf(id int64) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, m := range f.marks {
		if m.id == id {
			out = append(out, m.outcome)
		}
	}
	return out
}

// register adds the fakes to w under the names the SDK derives from the methods of
// *activities.Activities (the method name: a.SendMail runs "SendMail").
func (f *fakeActivities) register(w worker.Registry) {
	w.RegisterActivityWithOptions(f.recordEvent, activity.RegisterOptions{Name: "RecordEvent"})
	w.RegisterActivityWithOptions(f.sendMail, activity.RegisterOptions{Name: "SendMail"})
	w.RegisterActivityWithOptions(f.processIntake, activity.RegisterOptions{Name: "ProcessIntake"})
	w.RegisterActivityWithOptions(f.markInbound, activity.RegisterOptions{Name: "MarkInbound"})
	w.RegisterActivityWithOptions(f.computeDeadline, activity.RegisterOptions{Name: "ComputeDeadline"})
	w.RegisterActivityWithOptions(f.routePetition, activity.RegisterOptions{Name: "RoutePetition"})
	w.RegisterActivityWithOptions(f.startDeadline, activity.RegisterOptions{Name: "StartDeadline"})
	w.RegisterActivityWithOptions(f.cipParties, activity.RegisterOptions{Name: "CIPParties"})
	w.RegisterActivityWithOptions(f.sendCIP, activity.RegisterOptions{Name: "SendCIP"})
	w.RegisterActivityWithOptions(f.sendDefenseNotice, activity.RegisterOptions{Name: "SendDefenseNotice"})
	w.RegisterActivityWithOptions(f.issueHearingRecord, activity.RegisterOptions{Name: "IssueHearingRecord"})
	w.RegisterActivityWithOptions(f.recordClassification, activity.RegisterOptions{Name: "RecordClassification"})
	w.RegisterActivityWithOptions(f.setCaseSubject, activity.RegisterOptions{Name: "SetCaseSubject"})
	w.RegisterActivityWithOptions(f.fineAmount, activity.RegisterOptions{Name: "FineAmount"})
	w.RegisterActivityWithOptions(f.issueJudgment, activity.RegisterOptions{Name: "IssueJudgment"})
	w.RegisterActivityWithOptions(f.recordPayment, activity.RegisterOptions{Name: "RecordPayment"})
	w.RegisterActivityWithOptions(f.inscribeDebt, activity.RegisterOptions{Name: "InscribeDebt"})
}

// realServer starts an in-process Temporal server and a worker on taskQueue running the
// project's workflows with fake activities. The client it returns identifies itself
// as "procon-tests", so recorded histories carry no host name.
func realServer(t *testing.T, taskQueue string, fake *fakeActivities) client.Client {
	t.Helper()
	_, base := testenv.Temporal(t)
	c, err := client.NewClientFromExisting(base, client.Options{
		Namespace: testenv.Namespace, Identity: "procon-tests", Logger: testLogger(t),
	})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	t.Cleanup(c.Close)
	w := worker.New(c, taskQueue, worker.Options{Identity: "procon-tests-worker"})
	w.RegisterWorkflow(workflows.Complaint)
	w.RegisterWorkflow(workflows.InboundMail)
	w.RegisterWorkflow(workflows.CollectiveProcess)
	w.RegisterWorkflow(workflows.Fine)
	w.RegisterWorkflow(workflows.InstallmentPlan)
	fake.register(w)
	if err := w.Start(); err != nil {
		t.Fatalf("worker: %v", err)
	}
	t.Cleanup(w.Stop)
	return c
}

// waitFor polls cond until it holds or a minute passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached within a minute", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// equalKinds tells whether got is exactly want.
func equalKinds(got []string, want ...string) bool { return slices.Equal(got, want) }

// taskQueueFor returns a task queue name unique to the test.
func taskQueueFor(t *testing.T) string {
	return "procon-test-" + strings.ReplaceAll(t.Name(), "/", "-")
}
