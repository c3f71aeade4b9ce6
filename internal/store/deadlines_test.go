package store_test

import (
	"context"
	"testing"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/internal/workflowid"
)

// Issue 3, 004 §13.1.2: a closure declared or removed on a date concerns the cases whose
// running deadline is on that date or later, and only those.
func TestWorkflowsWithDeadlineFromSelectsDeadlinesOnOrAfterTheDate(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	deadlines := map[int]string{1: "2026-04-03", 2: "2026-04-06", 3: "2026-04-20", 4: ""}
	want := map[string]bool{}
	for i := 1; i <= 4; i++ {
		in, _, err := st.SaveInbound(ctx, "atendimento", "", []byte{byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		na, err := st.CreateCaseForInbound(ctx, in.ID, 2026, store.NewCase{ConsumerName: "C", Status: "aguardando_registro"})
		if err != nil {
			t.Fatal(err)
		}
		if deadlines[i] == "" {
			continue // no deadline running
		}
		d := prazo.MustParseDate(deadlines[i])
		due := d.Midnight(prazo.AgencyZone)
		if err := st.UpdateCase(ctx, store.CaseUpdate{NA: na, Status: "aguardando_registro", Deadline: &due}); err != nil {
			t.Fatal(err)
		}
		if i >= 2 {
			want[workflowid.Complaint(na)] = true
		}
	}
	got, err := st.WorkflowsWithDeadlineFrom(ctx, prazo.MustParseDate("2026-04-06"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, id := range got {
		if !want[id] {
			t.Errorf("%s selected, its deadline is before the date", id)
		}
	}
}
