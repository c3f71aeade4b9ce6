package activities_test

import (
	"context"
	"errors"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Issue 3, 004 §4.3.1, §13.1.2: ComputeDeadline computes with the calendar as staff left
// it in Postgres. 20 dias corridos from 14/03/2026 end on Good Friday, 03/04, and move to
// Monday 06/04; once 06/04 is declared closed they move to 07/04, and the sentence for
// e-mails says why.
func TestComputeDeadlineUsesTheDeclaredClosures_004_13_1_2(t *testing.T) {
	f := newFixture(t)
	req := prazo.CIPAnswer.Request(prazo.MustParseDate("2026-03-14"))
	compute := func() activities.Deadline {
		t.Helper()
		v, err := f.env.ExecuteActivity(f.acts.ComputeDeadline, req)
		if err != nil {
			t.Fatal(err)
		}
		var d activities.Deadline
		if err := v.Get(&d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	before := compute()
	if before.Due.String() != "2026-04-06" || before.Sentence != before.Result.Sentence() {
		t.Fatalf("before the closure: %s %q", before.Due, before.Sentence)
	}
	want := "20 dias corridos contados do recebimento em 14/03/2026; vencimento prorrogado para 06/04/2026 porque 03/04/2026 é Sexta-feira Santa"
	if before.Sentence != want {
		t.Errorf("sentence %q, want %q", before.Sentence, want)
	}
	staff, _, err := f.st.AddStaff(context.Background(), "Gerente", "", "gerente_atendimento")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddClosure(context.Background(), prazo.Closure{
		Date: prazo.MustParseDate("2026-04-06"), Kind: prazo.ClosureFullDay, Reason: "Ponto facultativo",
	}, staff.ID); err != nil {
		t.Fatal(err)
	}
	if after := compute(); after.Due.String() != "2026-04-07" {
		t.Fatalf("after the closure of 06/04: due %s", after.Due)
	}
}

// A request the deadline engine refuses is a defect of the caller: not retried.
func TestComputeDeadlineRefusesAnInvalidRequestWithoutRetry(t *testing.T) {
	f := newFixture(t)
	_, err := f.env.ExecuteActivity(f.acts.ComputeDeadline, prazo.Request{Start: prazo.MustParseDate("2026-03-14"), Quantity: 0})
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || !app.NonRetryable() || app.Type() != "prazo_invalido" {
		t.Fatalf("err = %v, want a non-retryable prazo_invalido", err)
	}
}
