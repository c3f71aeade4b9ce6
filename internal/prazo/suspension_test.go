package prazo

import (
	"slices"
	"strings"
	"testing"
)

func susp(start, end, reason string) Suspension {
	return Suspension{Start: d(start), End: d(end), Reason: reason}
}

func TestSuspension_004_13_4(t *testing.T) {
	c := NewVitoriaES()
	type applied struct {
		applied       bool
		daysLeft      int
		suspendedDays int
	}
	cases := []struct {
		name    string
		req     Request
		due     string
		plain   string
		applied []applied
		skipped []string // only the suspended days, in order
		rule    string   // a fragment the regra must contain
	}{
		{
			name: "004 §13.4 dias corridos: 3 suspended days, resumes with 8 days left",
			// 10 days from Mon 02/03: 03 and 04 run (2), 05–07 suspended,
			// 08..15 run the 8 left; 15/03 is a Sunday (004 §13.1.2).
			req: Request{Start: d("2026-03-02"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-03-05", "2026-03-07", "Enchente na sede")}},
			due: "2026-03-16", plain: "2026-03-15",
			applied: []applied{{true, 8, 3}},
			skipped: sk("2026-03-05", "2026-03-06", "2026-03-07"),
			rule:    "O prazo ficou suspenso por força maior de 05/03/2026 a 07/03/2026 (Enchente na sede) e foi retomado em 08/03/2026 com 8 dias corridos restantes (004 §13.4).",
		},
		{
			name: "004 §13.4 two overlapping suspensions: each day suspended once",
			req: Request{Start: d("2026-03-02"), Quantity: 10, Suspensions: []Suspension{
				susp("2026-03-06", "2026-03-09", "Falta de energia"), // given out of order on purpose
				susp("2026-03-05", "2026-03-07", "Enchente na sede"),
			}},
			due: "2026-03-17", plain: "2026-03-17",
			applied: []applied{{true, 8, 3}, {true, 8, 2}},
			skipped: sk("2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"),
		},
		{
			name: "004 §13.4 two separate suspensions add up",
			// 03,04 (2) | 05 susp | 06..10 (7) | 11–12 susp | 13,14,15 → 10 on 15 (Sunday) → 16.
			req: Request{Start: d("2026-03-02"), Quantity: 10, Suspensions: []Suspension{
				susp("2026-03-05", "2026-03-05", "A"), susp("2026-03-11", "2026-03-12", "B")}},
			due: "2026-03-16", plain: "2026-03-15",
			applied: []applied{{true, 8, 1}, {true, 3, 2}},
			skipped: sk("2026-03-05", "2026-03-11", "2026-03-12"),
		},
		{
			name: "004 §13.4 §13.2 dias úteis: resumes with the business days left",
			// Appeal from Mon 02/03: 03, 04 count (2); 05–10 suspended; then
			// 11, 12, 13, 16, 17, 18, 19, 20 count the 8 left.
			req: Request{Start: d("2026-03-02"), Quantity: 10, Unit: DiasUteis,
				Suspensions: []Suspension{susp("2026-03-05", "2026-03-10", "Greve dos Correios")}},
			due: "2026-03-20", plain: "2026-03-20",
			applied: []applied{{true, 8, 6}},
			skipped: sk("2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"),
			rule:    "com 8 dias úteis restantes (004 §13.4)",
		},
		{
			name: "004 §13.4 §13.3 months: the date-to-date term is converted into its days",
			// 31/01 + 1 month = 28/02 (28 days); 3 suspended days → 03/03.
			req: Request{Start: d("2026-01-31"), Quantity: 1, Unit: Meses,
				Suspensions: []Suspension{susp("2026-02-10", "2026-02-12", "Enchente na sede")}},
			due: "2026-03-03", plain: "2026-03-03",
			applied: []applied{{true, 19, 3}},
			skipped: sk("2026-02-10", "2026-02-11", "2026-02-12"),
			rule:    "convertido nos 28 dias corridos",
		},
		{
			name: "004 §13.4 suspension over the §13.1.2 extension days: due after the suspension",
			// 10 days from 04/03 end on Sat 14/03 → Mon 16/03, but 16–17 are
			// suspended → Wed 18/03.
			req: Request{Start: d("2026-03-04"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-03-16", "2026-03-17", "Interdição do prédio")}},
			due: "2026-03-18", plain: "2026-03-14",
			applied: []applied{{true, 0, 2}},
			skipped: sk("2026-03-16", "2026-03-17"),
			rule:    "quando só restava a prorrogação",
		},
		{
			name: "004 §13.4 suspension that began before the start counts from the day after it",
			req: Request{Start: d("2026-03-02"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-03-01", "2026-03-03", "Enchente")}},
			due: "2026-03-13", plain: "2026-03-13",
			applied: []applied{{true, 10, 1}},
			skipped: sk("2026-03-03"),
		},
		{
			name: "004 §13.4 suspension entirely before the start has no effect",
			req: Request{Start: d("2026-03-02"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-02-20", "2026-03-02", "Enchente")}},
			due: "2026-03-12", plain: "2026-03-12",
			applied: []applied{{false, 0, 0}},
			skipped: sk(),
			rule:    "não alterou o prazo",
		},
		{
			name: "004 §13.4 suspension after the due date has no effect",
			req: Request{Start: d("2026-03-02"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-03-13", "2026-03-20", "Enchente")}},
			due: "2026-03-12", plain: "2026-03-12",
			applied: []applied{{false, 0, 0}},
			skipped: sk(),
		},
		{
			name: "004 §13.4 suspension on the last day: 1 day left, resumes the day after",
			req: Request{Start: d("2026-03-02"), Quantity: 10,
				Suspensions: []Suspension{susp("2026-03-12", "2026-03-12", "Pane no sistema")}},
			due: "2026-03-13", plain: "2026-03-13",
			applied: []applied{{true, 1, 1}},
			skipped: sk("2026-03-12"),
			rule:    "com 1 dia corrido restante",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := c.Compute(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if r.Due != d(tc.due) || r.DueWithoutExtension != d(tc.plain) {
				t.Errorf("vencimento = %v (sem prorrogação %v), want %s (%s)", r.Due, r.DueWithoutExtension, tc.due, tc.plain)
			}
			if len(r.Suspensions) != len(tc.applied) {
				t.Fatalf("suspensoes = %+v", r.Suspensions)
			}
			for i, a := range tc.applied {
				s := r.Suspensions[i]
				if s.Applied != a.applied || s.DaysLeft != a.daysLeft || s.SuspendedDays != a.suspendedDays {
					t.Errorf("suspensoes[%d] = aplicada %v, dias_restantes %d, dias_suspensos %d; want %+v",
						i, s.Applied, s.DaysLeft, s.SuspendedDays, a)
				}
				if s.Applied && s.ResumedOn != s.End.AddDays(1) {
					t.Errorf("retomado_em = %v", s.ResumedOn)
				}
				if !s.Applied && !s.ResumedOn.IsZero() {
					t.Errorf("retomado_em set on a suspension without effect")
				}
			}
			var got []string
			for _, s := range r.Skipped {
				if s.Kind == SkipSuspension {
					got = append(got, s.Date.String())
					if !strings.HasPrefix(s.Reason, "Prazo suspenso por força maior: ") {
						t.Errorf("motivo = %q", s.Reason)
					}
				}
			}
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, tc.skipped) {
				t.Errorf("suspended days = %v, want %v", got, tc.skipped)
			}
			anyApplied := slices.ContainsFunc(r.Suspensions, func(a AppliedSuspension) bool { return a.Applied })
			if anyApplied != strings.Contains(r.Source, "§13.4") {
				t.Errorf("fonte = %q (applied %v)", r.Source, anyApplied)
			}
			if tc.rule != "" && !strings.Contains(r.Rule, tc.rule) {
				t.Errorf("regra lacks %q:\n%s", tc.rule, r.Rule)
			}
		})
	}
}

func TestSuspensionSentence(t *testing.T) {
	r, err := NewVitoriaES().Compute(Request{Start: d("2026-03-02"), Quantity: 10, Event: "recebimento",
		Suspensions: []Suspension{susp("2026-03-05", "2026-03-07", "Enchente na sede")}})
	if err != nil {
		t.Fatal(err)
	}
	want := "10 dias corridos contados do recebimento em 02/03/2026; suspenso por força maior de 05/03/2026 a 07/03/2026 (Enchente na sede); vencimento prorrogado para 16/03/2026 porque 15/03/2026 é domingo"
	if r.Sentence() != want {
		t.Errorf("Sentence() = %q\nwant %q", r.Sentence(), want)
	}
}
