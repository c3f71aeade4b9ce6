package activities_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/procon-es/procon/activities"
)

// brt is the agency's civil time, as the workflows use it.
var brt = time.FixedZone("BRT", -3*60*60)

// recordEvent runs the RecordEvent activity as the worker would (the event goes through
// Temporal's JSON encoding).
func (f *fixture) recordEvent(e activities.CaseEvent) error {
	_, err := f.env.ExecuteActivity(f.acts.RecordEvent, e)
	return err
}

// TestRecordEventTwiceWithTheSameKeyWritesOneEvent: a re-run writes no second timeline
// entry, and the first version of the event is kept.
func TestRecordEventTwiceWithTheSameKeyWritesOneEvent(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	at := time.Date(2026, 10, 5, 10, 0, 0, 0, brt)
	e := activities.CaseEvent{
		NA: na, Kind: "recibo_enviado", Actor: "sistema", Key: "receipt", At: at,
		Payload: activities.EventData{IDMensagem: "abc@" + mailDomain},
	}
	if err := f.recordEvent(e); err != nil {
		t.Fatal(err)
	}
	again := e
	again.Payload = activities.EventData{IDMensagem: "outro@" + mailDomain}
	if err := f.recordEvent(again); err != nil {
		t.Fatalf("re-run: %v", err)
	}

	events, err := f.st.Events(context.Background(), na)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("case has %d events, want 1", len(events))
	}
	var payload map[string]any
	if err := json.Unmarshal(events[0].Payload, &payload); err != nil {
		t.Fatal(err)
	}
	if events[0].Kind != "recibo_enviado" || events[0].Actor != "sistema" || payload["id_mensagem"] != "abc@"+mailDomain {
		t.Errorf("event = %s by %s, payload %v; want the first version", events[0].Kind, events[0].Actor, payload)
	}
	if !events[0].At.Equal(at) {
		t.Errorf("event at %s, want the workflow time %s", events[0].At, at)
	}

	if err := f.recordEvent(activities.CaseEvent{NA: na, Kind: "cip_enviada", Actor: "sistema", Key: "cip", At: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT count(*) FROM case_events WHERE na = $1`, na); n != 2 {
		t.Errorf("case has %d events after a second key, want 2", n)
	}
}

// TestRecordEventKeyIsPerCase: the same key on two cases is two events.
func TestRecordEventKeyIsPerCase(t *testing.T) {
	f := newFixture(t)
	nas := []string{f.newCase(t, 1), f.newCase(t, 2)}
	for _, na := range nas {
		if err := f.recordEvent(activities.CaseEvent{NA: na, Kind: "recibo_enviado", Actor: "sistema", Key: "receipt", At: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	for _, na := range nas {
		if n := f.count(t, `SELECT count(*) FROM case_events WHERE na = $1`, na); n != 1 {
			t.Errorf("%s has %d events, want 1", na, n)
		}
	}
}

// TestRecordEventWithStatusUpdatesTheCase: an event with a Status moves the case to it
// with the deadline then running (none when nil); an event without Status leaves the
// case as it is.
func TestRecordEventWithStatusUpdatesTheCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	na := f.newCase(t, 1)
	deadline := time.Date(2026, 11, 20, 0, 0, 0, 0, brt)
	e := activities.CaseEvent{
		NA: na, Kind: "cip_enviada", Actor: "sistema", Key: "cip", At: time.Date(2026, 10, 31, 9, 0, 0, 0, brt),
		Status: "aguardando_fornecedor", Deadline: &deadline, DeadlineRule: "20 dias corridos para o fornecedor responder (item 3.3.1.7)",
	}
	for range 2 {
		if err := f.recordEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	c, err := f.st.GetCase(ctx, na)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != "aguardando_fornecedor" || c.DeadlineRule != e.DeadlineRule {
		t.Errorf("case status %q, rule %q; want %q, %q", c.Status, c.DeadlineRule, e.Status, e.DeadlineRule)
	}
	if c.CurrentDeadline == nil || c.CurrentDeadline.Format(time.DateOnly) != "2026-11-20" {
		t.Errorf("case deadline = %v, want 2026-11-20", c.CurrentDeadline)
	}
	events, err := f.st.Events(ctx, na)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Deadline == nil || events[0].Deadline.Format(time.DateOnly) != "2026-11-20" {
		t.Fatalf("events = %+v, want one with the deadline 2026-11-20", events)
	}

	// An event without Status does not touch the case.
	if err := f.recordEvent(activities.CaseEvent{NA: na, Kind: "nota", Actor: "atendente:1", Key: "nota-1", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if c, err = f.st.GetCase(ctx, na); err != nil || c.Status != "aguardando_fornecedor" || c.CurrentDeadline == nil {
		t.Errorf("case after an event without status = %q, deadline %v (%v); want unchanged", c.Status, c.CurrentDeadline, err)
	}

	// A new status with no deadline running clears it.
	if err := f.recordEvent(activities.CaseEvent{NA: na, Kind: "encerrado", Actor: "sistema", Key: "fim", At: time.Now(), Status: "encerrado"}); err != nil {
		t.Fatal(err)
	}
	if c, err = f.st.GetCase(ctx, na); err != nil || c.Status != "encerrado" || c.CurrentDeadline != nil || c.DeadlineRule != "" {
		t.Errorf("closed case = %q, deadline %v, rule %q (%v); want encerrado without deadline", c.Status, c.CurrentDeadline, c.DeadlineRule, err)
	}
}

// TestRecordEventForAnUnknownCaseIsAnError: no timeline entry without a case.
func TestRecordEventForAnUnknownCaseIsAnError(t *testing.T) {
	f := newFixture(t)
	err := f.recordEvent(activities.CaseEvent{NA: "NA-2026-999999", Kind: "nota", Actor: "sistema", Key: "x", At: time.Now()})
	if err == nil {
		t.Fatal("RecordEvent succeeded for a case that does not exist")
	}
	if n := f.count(t, `SELECT count(*) FROM case_events`); n != 0 {
		t.Errorf("%d events written", n)
	}
}
