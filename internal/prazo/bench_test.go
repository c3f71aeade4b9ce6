package prazo

import "testing"

// BenchmarkCompute measures one deadline computation with its explanation,
// on a calendar whose holiday cache is warm (the steady state of a worker).
func BenchmarkCompute(b *testing.B) {
	c := NewVitoriaES()
	start := d("2026-03-14")
	cases := []struct {
		name string
		req  Request
	}{
		{"cip_20_dias_corridos", CIPAnswer.Request(start)},
		{"recurso_10_dias_uteis", Appeal.Request(d("2026-02-12"))},
		{"arquivamento_120_dias", NoManifestationArchive.Request(start)},
		{"3_meses", Request{Start: d("2026-01-31"), Quantity: 3, Unit: Meses}},
		{"suspensao_dias_uteis", Request{Start: d("2026-03-02"), Quantity: 10, Unit: DiasUteis,
			Suspensions: []Suspension{{Start: d("2026-03-05"), End: d("2026-03-10"), Reason: "Enchente"}}}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			if _, err := c.Compute(tc.req); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Compute(tc.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("cold_calendar_from_snapshot", func(b *testing.B) {
		snap := c.Snapshot()
		b.ReportAllocs()
		for b.Loop() {
			cc, err := Restore(snap)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := cc.Compute(CIPAnswer.Request(start)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
