package prazo_test

import (
	"fmt"

	"github.com/procon-es/procon/internal/prazo"
)

func ExampleCalendar_Compute() {
	cal := prazo.NewVitoriaES()
	res, err := cal.Compute(prazo.CIPAnswer.Request(prazo.MustParseDate("2026-03-14")))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Due, res.Source)
	fmt.Println(res.Sentence())
	for _, s := range res.Skipped {
		fmt.Println(s.Date, s.Reason)
	}
	// Output:
	// 2026-04-06 004 §4.3.1, §13.1, §13.1.2, §13.2
	// 20 dias corridos contados do recebimento em 14/03/2026; vencimento prorrogado para 06/04/2026 porque 03/04/2026 é Sexta-feira Santa
	// 2026-04-03 Sexta-feira Santa
	// 2026-04-04 Sábado
	// 2026-04-05 Domingo
}

func ExampleCalendar_WithClosures() {
	base := prazo.NewVitoriaES()
	cal, err := base.WithClosures(prazo.Closure{
		Date:   prazo.MustParseDate("2026-06-05"),
		Kind:   prazo.ClosureFullDay,
		Reason: "Ponto facultativo (ponte de Corpus Christi)",
	})
	if err != nil {
		panic(err)
	}
	res, _ := cal.Compute(prazo.Defense.Request(prazo.MustParseDate("2026-05-15")))
	fmt.Println(res.Sentence())
	// Output:
	// 20 dias corridos contados da notificação em 15/05/2026; vencimento prorrogado para 08/06/2026 porque 04/06/2026 é Corpus Christi
}

func ExampleRestore() {
	cal, _ := prazo.NewVitoriaES().WithClosures(prazo.Closure{
		Date: prazo.MustParseDate("2026-02-18"), Kind: prazo.ClosureEarly, Reason: "Quarta-feira de Cinzas", ClosedAt: "12:00",
	})
	snap := cal.Snapshot() // an activity returns this to the workflow
	again, err := prazo.Restore(snap)
	if err != nil {
		panic(err)
	}
	ok, reason := again.IsBusinessDay(prazo.MustParseDate("2026-02-18"))
	fmt.Println(ok, reason)
	// Output:
	// false Quarta-feira de Cinzas, encerramento às 12:00
}

func ExampleInstallmentDate() {
	first := prazo.MustParseDate("2026-01-31")
	for n := 1; n <= 4; n++ {
		due, _ := prazo.InstallmentDate(first, n)
		fmt.Println(n, due)
	}
	// Output:
	// 1 2026-01-31
	// 2 2026-02-28
	// 3 2026-03-31
	// 4 2026-04-30
}
