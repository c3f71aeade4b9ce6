package prazo

import (
	"errors"
	"testing"
)

func TestInstallmentDate_004_13_3_15_7(t *testing.T) {
	cases := []struct {
		name  string
		first string
		n     int
		want  string
	}{
		{"004 §15.7 installment 1 is the first date", "2026-01-31", 1, "2026-01-31"},
		{"004 §13.3 installment 2: 31 Jan → 28 Feb", "2026-01-31", 2, "2026-02-28"},
		{"004 §13.3 installment 3 counted from the first date, not chained: 31 Mar", "2026-01-31", 3, "2026-03-31"},
		{"004 §13.3 installment 4: 30 Apr", "2026-01-31", 4, "2026-04-30"},
		{"004 §13.3 installment 14: 28 Feb 2027", "2026-01-31", 14, "2027-02-28"},
		{"004 §13.3 installment 26: 29 Feb 2028 (leap)", "2026-01-31", 26, "2028-02-29"},
		{"004 §13.3 leap-year plan: 31 Jan 2028 → 29 Feb", "2028-01-31", 2, "2028-02-29"},
		{"004 §15.7 installment 30 (last allowed)", "2026-01-15", 30, "2028-06-15"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := InstallmentDate(d(tc.first), tc.n)
			if err != nil || got != d(tc.want) {
				t.Errorf("InstallmentDate(%s, %d) = %v, %v; want %s", tc.first, tc.n, got, err, tc.want)
			}
		})
	}
	for _, n := range []int{0, -1, MaxInstallments + 1} {
		if _, err := InstallmentDate(d("2026-01-31"), n); !errors.Is(err, ErrInvalidInstallment) {
			t.Errorf("InstallmentDate(n=%d) err = %v", n, err)
		}
	}
	if _, err := InstallmentDate(Date{}, 1); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("zero first date err = %v", err)
	}
}

func TestInstallmentGraceDeadline_004_15_9(t *testing.T) {
	// Installment 3 of a plan starting 19/01/2026 is due 19/03/2026; 15
	// dias corridos end on Sexta-feira Santa 03/04 → 06/04 (004 §13.1.2).
	r, err := NewVitoriaES().InstallmentGraceDeadline(d("2026-01-19"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Start != d("2026-03-19") || r.DueWithoutExtension != d("2026-04-03") || r.Due != d("2026-04-06") {
		t.Errorf("inicio %v, sem prorrogação %v, vencimento %v", r.Start, r.DueWithoutExtension, r.Due)
	}
	if r.Source != "004 §13.1, §13.1.2, §13.2, §15.9" {
		t.Errorf("fonte = %q", r.Source)
	}
	want := "15 dias corridos contados do vencimento da parcela 3 em 19/03/2026; vencimento prorrogado para 06/04/2026 porque 03/04/2026 é Sexta-feira Santa"
	if r.Sentence() != want {
		t.Errorf("Sentence() = %q", r.Sentence())
	}
	if _, err := NewVitoriaES().InstallmentGraceDeadline(d("2026-01-19"), 31); !errors.Is(err, ErrInvalidInstallment) {
		t.Errorf("n=31 err = %v", err)
	}
}
