package prazo

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sk is a compact expected skipped day: "2026-04-03 Sexta-feira Santa".
func sk(days ...string) []string { return days }

func skippedStrings(r Result) []string {
	out := []string{}
	for _, s := range r.Skipped {
		out = append(out, s.Date.String()+" "+s.Reason)
	}
	return out
}

func TestCompute(t *testing.T) {
	vit := NewVitoriaES()
	bridge := Closure{Date: d("2026-06-05"), Kind: ClosureFullDay, Reason: "Ponto facultativo – ponte de Corpus Christi"}
	withBridge, err := vit.WithClosures(bridge)
	if err != nil {
		t.Fatal(err)
	}
	early := Closure{Date: d("2026-03-23"), Kind: ClosureEarly, Reason: "Falta de energia", ClosedAt: "14:00"}
	withEarly, err := vit.WithClosures(early)
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name     string
		cal      *Calendar
		req      Request
		due      string
		plain    string // vencimento_sem_prorrogacao
		skipped  []string
		fonte    string
		sentence string
	}{
		{
			name: "004 §13.1 start day excluded, last day included",
			req:  Request{Start: d("2026-03-02"), Quantity: 1},
			due:  "2026-03-03", plain: "2026-03-03", skipped: sk(), fonte: "004 §13.1, §13.2",
			sentence: "1 dia corrido contado da notificação em 02/03/2026; vencimento em 03/03/2026",
		},
		{
			name: "004 §13.2 dias corridos is the default unit",
			req:  Request{Start: d("2026-03-02"), Quantity: 10},
			due:  "2026-03-12", plain: "2026-03-12", skipped: sk(), fonte: "004 §13.1, §13.2",
		},
		{
			name: "004 §13.2 calendar days run over weekends and holidays inside the period",
			req:  Request{Start: d("2026-04-01"), Quantity: 15},
			due:  "2026-04-16", plain: "2026-04-16", skipped: sk(),
		},
		{
			name: "004 §13.1 month end: 20 days from 20/01 end on 09/02",
			req:  Request{Start: d("2026-01-20"), Quantity: 20},
			due:  "2026-02-09", plain: "2026-02-09", skipped: sk(),
		},
		{
			name: "004 §13.1.2 CIP 20 dias corridos ending on Sexta-feira Santa 2026 (004 §4.3.1)",
			req:  CIPAnswer.Request(d("2026-03-14")),
			due:  "2026-04-06", plain: "2026-04-03",
			skipped:  sk("2026-04-03 Sexta-feira Santa", "2026-04-04 Sábado", "2026-04-05 Domingo"),
			fonte:    "004 §4.3.1, §13.1, §13.1.2, §13.2",
			sentence: "20 dias corridos contados do recebimento em 14/03/2026; vencimento prorrogado para 06/04/2026 porque 03/04/2026 é Sexta-feira Santa",
		},
		{
			name: "004 §13.1.2 last day on Saturday moves to Monday",
			req:  Request{Start: d("2026-03-04"), Quantity: 10, Event: "protocolo"},
			due:  "2026-03-16", plain: "2026-03-14",
			skipped:  sk("2026-03-14 Sábado", "2026-03-15 Domingo"),
			fonte:    "004 §13.1, §13.1.2, §13.2",
			sentence: "10 dias corridos contados do protocolo em 04/03/2026; vencimento prorrogado para 16/03/2026 porque 14/03/2026 é sábado",
		},
		{
			name: "004 §13.1.2 chain weekend + state holiday Penha (Monday) 2026",
			req:  Request{Start: d("2026-04-01"), Quantity: 10},
			due:  "2026-04-14", plain: "2026-04-11",
			skipped: sk("2026-04-11 Sábado", "2026-04-12 Domingo", "2026-04-13 Nossa Senhora da Penha"),
		},
		{
			name: "004 §13.1.2 year end: Confraternização Universal (Friday) + weekend 2027",
			req:  Request{Start: d("2026-12-22"), Quantity: 10},
			due:  "2027-01-04", plain: "2027-01-01",
			skipped: sk("2027-01-01 Confraternização Universal", "2027-01-02 Sábado", "2027-01-03 Domingo"),
		},
		{
			name: "004 §13.1.2 Natal on Friday 2026 + weekend",
			req:  Request{Start: d("2026-12-22"), Quantity: 3},
			due:  "2026-12-28", plain: "2026-12-25",
			skipped: sk("2026-12-25 Natal", "2026-12-26 Sábado", "2026-12-27 Domingo"),
		},
		{
			name: "004 §13.1.2 leap day 2028-02-29 is Carnaval Tuesday: Sunday start, Carnaval Monday+Tuesday skipped",
			req:  Request{Start: d("2028-02-27"), Quantity: 1},
			due:  "2028-03-01", plain: "2028-02-28",
			skipped: sk("2028-02-28 Carnaval (segunda-feira)", "2028-02-29 Carnaval (terça-feira)"),
		},
		{
			name: "004 §13.1 leap year: 2 days from 2028-02-27 end on 2028-02-29, not 03-01",
			req:  Request{Start: d("2028-02-27"), Quantity: 2},
			due:  "2028-03-01", plain: "2028-02-29",
			skipped: sk("2028-02-29 Carnaval (terça-feira)"),
		},
		{
			name: "004 §13.1 common year: 2 days from 2026-02-27 end on 03-01 (Sunday) then Monday",
			req:  Request{Start: d("2026-02-27"), Quantity: 2},
			due:  "2026-03-02", plain: "2026-03-01",
			skipped: sk("2026-03-01 Domingo"),
		},
		{
			name: "004 §13.1.2 Good Friday 2027-03-26 + Easter weekend",
			req:  Request{Start: d("2027-03-06"), Quantity: 20},
			due:  "2027-03-29", plain: "2027-03-26",
			skipped: sk("2027-03-26 Sexta-feira Santa", "2027-03-27 Sábado", "2027-03-28 Domingo"),
		},
		{
			name: "004 §13.1.2 Penha 2027-04-05 (Monday) moves to Tuesday",
			req:  Request{Start: d("2027-03-26"), Quantity: 10},
			due:  "2027-04-06", plain: "2027-04-05",
			skipped: sk("2027-04-05 Nossa Senhora da Penha"),
		},
		{
			name: "004 §13.1.2 Corpus Christi 2027-05-27 (Thursday) moves to Friday",
			req:  Request{Start: d("2027-05-17"), Quantity: 10},
			due:  "2027-05-28", plain: "2027-05-27",
			skipped: sk("2027-05-27 Corpus Christi"),
		},
		{
			name: "004 §13.1.2 Carnaval 2027 Monday and Tuesday",
			req:  Request{Start: d("2027-01-29"), Quantity: 10},
			due:  "2027-02-10", plain: "2027-02-08",
			skipped: sk("2027-02-08 Carnaval (segunda-feira)", "2027-02-09 Carnaval (terça-feira)"),
		},
		{
			name: "004 §13.1.2 Corpus Christi 2026 (Thursday) without declared bridge: Friday",
			req:  Request{Start: d("2026-05-15"), Quantity: 20},
			due:  "2026-06-05", plain: "2026-06-04",
			skipped: sk("2026-06-04 Corpus Christi"),
		},
		{
			name: "004 §13.1.2 chain Corpus Christi + declared closure (bridge) + weekend, closure added for one computation",
			cal:  withBridge,
			req:  Request{Start: d("2026-05-15"), Quantity: 20, Event: "recebimento"},
			due:  "2026-06-08", plain: "2026-06-04",
			skipped: sk("2026-06-04 Corpus Christi", "2026-06-05 Ponto facultativo – ponte de Corpus Christi",
				"2026-06-06 Sábado", "2026-06-07 Domingo"),
		},
		{
			name: "004 §13.1.2 early closing on the last day extends the deadline",
			cal:  withEarly,
			req:  Request{Start: d("2026-03-03"), Quantity: 20, Event: "recebimento"},
			due:  "2026-03-24", plain: "2026-03-23",
			skipped:  sk("2026-03-23 Falta de energia, encerramento às 14:00"),
			sentence: "20 dias corridos contados do recebimento em 03/03/2026; vencimento prorrogado para 24/03/2026 porque em 23/03/2026 o expediente é encerrado antes da hora normal (Falta de energia, encerramento às 14:00)",
		},
		{
			name: "004 §13.1.2 the same request on the calendar without the early closing",
			req:  Request{Start: d("2026-03-03"), Quantity: 20},
			due:  "2026-03-23", plain: "2026-03-23", skipped: sk(),
		},
		{
			name: "004 §13.2 §10.1 appeal 10 dias úteis across Carnaval 2026",
			req:  Appeal.Request(d("2026-02-12")),
			due:  "2026-03-02", plain: "2026-03-02",
			skipped: sk("2026-02-14 Sábado", "2026-02-15 Domingo", "2026-02-16 Carnaval (segunda-feira)",
				"2026-02-17 Carnaval (terça-feira)", "2026-02-21 Sábado", "2026-02-22 Domingo",
				"2026-02-28 Sábado", "2026-03-01 Domingo"),
			fonte:    "004 §10.1, §13.1, §13.2",
			sentence: "10 dias úteis contados da notificação em 12/02/2026; vencimento em 02/03/2026",
		},
		{
			name: "004 §13.2 §10.1 appeal 10 dias úteis across Penha and Tiradentes 2026",
			req:  Appeal.Request(d("2026-04-08")),
			due:  "2026-04-24", plain: "2026-04-24",
			skipped: sk("2026-04-11 Sábado", "2026-04-12 Domingo", "2026-04-13 Nossa Senhora da Penha",
				"2026-04-18 Sábado", "2026-04-19 Domingo", "2026-04-21 Tiradentes"),
		},
		{
			name: "004 §13.2 appeal 10 dias úteis across Carnaval 2027",
			req:  Appeal.Request(d("2027-02-05")),
			due:  "2027-02-23", plain: "2027-02-23",
			skipped: sk("2027-02-06 Sábado", "2027-02-07 Domingo", "2027-02-08 Carnaval (segunda-feira)",
				"2027-02-09 Carnaval (terça-feira)", "2027-02-13 Sábado", "2027-02-14 Domingo",
				"2027-02-20 Sábado", "2027-02-21 Domingo"),
		},
		{
			name: "004 §13.2 business days: an early-closing day is not counted",
			cal:  withEarly,
			req:  Request{Start: d("2026-03-19"), Quantity: 3, Unit: DiasUteis},
			due:  "2026-03-25", plain: "2026-03-25",
			skipped: sk("2026-03-21 Sábado", "2026-03-22 Domingo", "2026-03-23 Falta de energia, encerramento às 14:00"),
		},
		{
			name: "004 §13.2 business days from a Friday notification start on Monday",
			req:  Request{Start: d("2026-03-06"), Quantity: 1, Unit: DiasUteis},
			due:  "2026-03-09", plain: "2026-03-09",
			skipped: sk("2026-03-07 Sábado", "2026-03-08 Domingo"),
		},
		{
			name: "004 §6.10 Cadastro correction decision 10 dias úteis across Natal and Ano Novo",
			req:  CadastroCorrectionDecision.Request(d("2026-12-18")),
			due:  "2027-01-05", plain: "2027-01-05",
			skipped: sk("2026-12-19 Sábado", "2026-12-20 Domingo", "2026-12-25 Natal", "2026-12-26 Sábado",
				"2026-12-27 Domingo", "2027-01-01 Confraternização Universal", "2027-01-02 Sábado", "2027-01-03 Domingo"),
			fonte: "004 §6.10, §13.1, §13.2",
		},
		{
			name: "004 §13.3 months date to date",
			req:  Request{Start: d("2026-03-14"), Quantity: 2, Unit: Meses},
			due:  "2026-05-14", plain: "2026-05-14", skipped: sk(), fonte: "004 §13.1, §13.3",
			sentence: "2 meses contados da notificação em 14/03/2026; vencimento em 14/05/2026",
		},
		{
			name: "004 §13.3 31 Jan + 1 month is 28 Feb 2026 (Saturday), then 004 §13.1.2 to Monday",
			req:  Request{Start: d("2026-01-31"), Quantity: 1, Unit: Meses},
			due:  "2026-03-02", plain: "2026-02-28",
			skipped: sk("2026-02-28 Sábado", "2026-03-01 Domingo"), fonte: "004 §13.1, §13.1.2, §13.3",
		},
		{
			name: "004 §13.3 31 Jan 2028 + 1 month is 29 Feb (leap, Carnaval Tuesday), then 01/03",
			req:  Request{Start: d("2028-01-31"), Quantity: 1, Unit: Meses},
			due:  "2028-03-01", plain: "2028-02-29",
			skipped: sk("2028-02-29 Carnaval (terça-feira)"),
		},
		{
			name: "004 §13.3 31 Mar + 1 month is 30 Apr",
			req:  Request{Start: d("2026-03-31"), Quantity: 1, Unit: Meses},
			due:  "2026-04-30", plain: "2026-04-30", skipped: sk(),
		},
		{
			name: "004 §13.3 years: 29 Feb 2028 + 1 year is 28 Feb 2029",
			req:  Request{Start: d("2028-02-29"), Quantity: 1, Unit: Anos},
			due:  "2029-02-28", plain: "2029-02-28", skipped: sk(),
			sentence: "1 ano contado da notificação em 29/02/2028; vencimento em 28/02/2029",
		},
		{
			name: "004 §13.3 years ending on Sexta-feira Santa",
			req:  Request{Start: d("2025-04-03"), Quantity: 1, Unit: Anos},
			due:  "2026-04-06", plain: "2026-04-03",
			skipped: sk("2026-04-03 Sexta-feira Santa", "2026-04-04 Sábado", "2026-04-05 Domingo"),
		},
		{
			name: "004 Anexo IX V archive after 120 days: source kept apart from §13",
			req:  NoManifestationArchive.Request(d("2026-01-05")),
			due:  "2026-05-05", plain: "2026-05-05", skipped: sk(),
			fonte:    "004 Anexo IX, V; 004 §13.1, §13.2",
			sentence: "120 dias corridos contados do envio do formulário em 05/01/2026; vencimento em 05/05/2026",
		},
		{
			name: "004 §15.2.1 payment after waiver: event phrase 'da apresentação da renúncia'",
			req:  PaymentAfterWaiver.Request(d("2026-11-06")),
			due:  "2026-12-07", plain: "2026-12-06",
			skipped:  sk("2026-12-06 Domingo"),
			sentence: "30 dias corridos contados da apresentação da renúncia em 06/11/2026; vencimento prorrogado para 07/12/2026 porque 06/12/2026 é domingo",
		},
		{
			name: "004 §13.1.2 Consciência Negra 2026 (Friday) + weekend",
			req:  Request{Start: d("2026-11-10"), Quantity: 10},
			due:  "2026-11-23", plain: "2026-11-20",
			skipped: sk("2026-11-20 Dia Nacional de Zumbi e da Consciência Negra", "2026-11-21 Sábado", "2026-11-22 Domingo"),
		},
		{
			name: "004 §13.1.2 Independência (Monday) + Nossa Senhora da Vitória (Tuesday) 2026",
			req:  Request{Start: d("2026-08-28"), Quantity: 8},
			due:  "2026-09-09", plain: "2026-09-05",
			skipped: sk("2026-09-05 Sábado", "2026-09-06 Domingo", "2026-09-07 Independência do Brasil",
				"2026-09-08 Nossa Senhora da Vitória"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.cal
			if c == nil {
				c = vit
			}
			r, err := c.Compute(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if r.Due != d(tc.due) {
				t.Errorf("vencimento = %v, want %s", r.Due, tc.due)
			}
			if r.DueWithoutExtension != d(tc.plain) {
				t.Errorf("vencimento_sem_prorrogacao = %v, want %s", r.DueWithoutExtension, tc.plain)
			}
			if r.Extended != (tc.due != tc.plain) {
				t.Errorf("prorrogado = %v", r.Extended)
			}
			if got := skippedStrings(r); !slices.Equal(got, tc.skipped) {
				t.Errorf("dias_pulados = %q\nwant %q", got, tc.skipped)
			}
			if tc.fonte != "" && r.Source != tc.fonte {
				t.Errorf("fonte = %q, want %q", r.Source, tc.fonte)
			}
			if tc.sentence != "" && r.Sentence() != tc.sentence {
				t.Errorf("Sentence() = %q\nwant %q", r.Sentence(), tc.sentence)
			}
			if r.Start != tc.req.Start || r.FirstDay != tc.req.Start.AddDays(1) || r.Quantity != tc.req.Quantity {
				t.Errorf("inicio/primeiro_dia/quantidade = %v %v %d", r.Start, r.FirstDay, r.Quantity)
			}
			if r.HolidaySet != c.HolidaySetID() {
				t.Errorf("calendario = %q", r.HolidaySet)
			}
			if !strings.Contains(r.Rule, "004 §13.1") || !strings.Contains(r.Rule, r.Due.FormatBR()) {
				t.Errorf("regra does not cite §13.1 or the due date: %q", r.Rule)
			}
			if r.Extended && !strings.Contains(r.Rule, "004 §13.1.2") {
				t.Errorf("regra does not cite §13.1.2: %q", r.Rule)
			}
		})
	}
	// The derived calendars did not change the base one.
	if ok, _ := vit.IsBusinessDay(bridge.Date); !ok {
		t.Error("base calendar changed by WithClosures")
	}
}

func TestComputeBusinessDaysCountIsExact_004_13_2(t *testing.T) {
	c := NewVitoriaES()
	for start := d("2026-01-01"); start.Before(d("2028-01-01")); start = start.next() {
		for _, n := range []int{1, 5, 10, 22} {
			r, err := c.Compute(Request{Start: start, Quantity: n, Unit: DiasUteis})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.CountBusinessDays(start, r.Due); got != n {
				t.Fatalf("%v + %d dias úteis = %v holds %d business days", start, n, r.Due, got)
			}
			if ok, _ := c.IsBusinessDay(r.Due); !ok {
				t.Fatalf("%v + %d dias úteis = %v, not a business day", start, n, r.Due)
			}
		}
	}
}

func TestComputeRuleText(t *testing.T) {
	c := NewVitoriaES()
	r, err := c.Compute(CIPAnswer.Request(d("2026-03-14")))
	if err != nil {
		t.Fatal(err)
	}
	want := "Resposta à CIP (004 §4.3.1): prazo de 20 dias corridos contados do recebimento em 14/03/2026. " +
		"Exclui-se o dia do começo e inclui-se o do vencimento (004 §13.1): a contagem começa em 15/03/2026. " +
		"Os prazos contam-se em dias corridos (004 §13.2). O último dia do prazo é 03/04/2026, dia sem expediente " +
		"no órgão (Sexta-feira Santa); o prazo fica prorrogado até o primeiro dia útil seguinte, 06/04/2026 (004 §13.1.2)."
	if r.Rule != want {
		t.Errorf("regra =\n%s\nwant\n%s", r.Rule, want)
	}
	r, err = c.Compute(Request{Start: d("2026-01-31"), Quantity: 1, Unit: Meses})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Rule, "como fevereiro de 2026 não tem dia 31, o termo é o último dia do mês, 28/02/2026") {
		t.Errorf("regra does not explain 004 §13.3: %s", r.Rule)
	}
	r, err = c.Compute(Appeal.Request(d("2026-02-12")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Rule, "8 dias sem expediente no período não foram contados") ||
		!strings.Contains(r.Rule, "O 10º dia útil é 02/03/2026") {
		t.Errorf("regra (dias úteis) = %s", r.Rule)
	}
}

func TestComputeErrors(t *testing.T) {
	c := NewVitoriaES()
	cases := []struct {
		name string
		req  Request
		want error
	}{
		{"unknown unit", Request{Start: d("2026-03-02"), Quantity: 1, Unit: "semanas"}, ErrInvalidUnit},
		{"zero quantity", Request{Start: d("2026-03-02"), Quantity: 0}, ErrInvalidQuantity},
		{"negative quantity", Request{Start: d("2026-03-02"), Quantity: -5}, ErrInvalidQuantity},
		{"too many days", Request{Start: d("2026-03-02"), Quantity: MaxDays + 1}, ErrInvalidQuantity},
		{"too many months", Request{Start: d("2026-03-02"), Quantity: MaxMonths + 1, Unit: Meses}, ErrInvalidQuantity},
		{"too many years", Request{Start: d("2026-03-02"), Quantity: MaxYears + 1, Unit: Anos}, ErrInvalidQuantity},
		{"missing start", Request{Quantity: 1}, ErrInvalidDate},
		{"invalid start", Request{Start: Date{Year: 2026, Month: 2, Day: 29}, Quantity: 1}, ErrInvalidDate},
		{"start before MinYear", Request{Start: d("1899-12-31"), Quantity: 1}, ErrOutOfRange},
		{"start after MaxYear", Request{Start: d("3000-01-01"), Quantity: 1}, ErrOutOfRange},
		{"due after MaxYear (days)", Request{Start: d("2999-12-20"), Quantity: 30}, ErrOutOfRange},
		{"due after MaxYear (years)", Request{Start: d("2950-01-01"), Quantity: 60, Unit: Anos}, ErrOutOfRange},
		{"suspension without reason", Request{Start: d("2026-03-02"), Quantity: 10,
			Suspensions: []Suspension{{Start: d("2026-03-05"), End: d("2026-03-06")}}}, ErrInvalidSuspension},
		{"suspension ending before it starts", Request{Start: d("2026-03-02"), Quantity: 10,
			Suspensions: []Suspension{{Start: d("2026-03-06"), End: d("2026-03-05"), Reason: "x"}}}, ErrInvalidSuspension},
		{"suspension without dates", Request{Start: d("2026-03-02"), Quantity: 10,
			Suspensions: []Suspension{{Reason: "x"}}}, ErrInvalidSuspension},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Compute(tc.req)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// Messages are in Portuguese, for the API.
	_, err := c.Compute(Request{Start: d("2026-03-02"), Quantity: 1, Unit: "semanas"})
	if err == nil || !strings.Contains(err.Error(), "unidade de prazo desconhecida") {
		t.Errorf("message = %v", err)
	}
}

func TestResultJSONShape(t *testing.T) {
	c := NewVitoriaES()
	r, err := c.Compute(CIPAnswer.Request(d("2026-03-14")))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"vencimento":                 "2026-04-06",
		"inicio":                     "2026-03-14",
		"primeiro_dia":               "2026-03-15",
		"quantidade":                 float64(20),
		"unidade":                    "dias_corridos",
		"vencimento_sem_prorrogacao": "2026-04-03",
		"prorrogado":                 true,
		"fonte":                      "004 §4.3.1, §13.1, §13.1.2, §13.2",
		"evento":                     "recebimento",
		"nome":                       "Resposta à CIP",
		"calendario":                 VitoriaESSetID,
	}
	for k, v := range want {
		if !reflect.DeepEqual(m[k], v) {
			t.Errorf("%s = %#v, want %#v", k, m[k], v)
		}
	}
	if s, _ := m["regra"].(string); s == "" {
		t.Error("regra missing")
	}
	pulados, _ := m["dias_pulados"].([]any)
	if len(pulados) != 3 {
		t.Fatalf("dias_pulados = %#v", m["dias_pulados"])
	}
	first := pulados[0].(map[string]any)
	if first["data"] != "2026-04-03" || first["motivo"] != "Sexta-feira Santa" || first["tipo"] != "feriado_nacional" {
		t.Errorf("dias_pulados[0] = %#v", first)
	}
	if _, ok := m["suspensoes"]; ok {
		t.Error("suspensoes present without suspensions")
	}

	// dias_pulados is [] (never null) when nothing was skipped.
	r2, _ := c.Compute(Request{Start: d("2026-03-02"), Quantity: 1})
	b2, _ := json.Marshal(r2)
	if !strings.Contains(string(b2), `"dias_pulados":[]`) {
		t.Errorf("empty dias_pulados: %s", b2)
	}

	// A decoded result is equal to the original and says the same sentence.
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("JSON round trip changed the result:\n%+v\n%+v", back, r)
	}
	if back.Sentence() != r.Sentence() {
		t.Errorf("Sentence after decode = %q", back.Sentence())
	}
}

func TestEventPhrase(t *testing.T) {
	cases := map[string]string{
		"notificação":              "da notificação",
		"recebimento":              "do recebimento",
		"protocolo":                "do protocolo",
		"publicação":               "da publicação",
		"divulgação do cadastro":   "da divulgação do cadastro",
		"envio do formulário":      "do envio do formulário",
		"apresentação da renúncia": "da apresentação da renúncia",
		"data da audiência":        "da data da audiência",
		"ciência":                  "da ciência",
		"vencimento da parcela 3":  "do vencimento da parcela 3",
		"da juntada do AR":         "da juntada do AR",
		"dos autos":                "dos autos",
	}
	for in, want := range cases {
		if got := eventPhrase(in); got != want {
			t.Errorf("eventPhrase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	req := Request{Start: d("2026-03-02"), Quantity: 10, Unit: DiasUteis,
		Suspensions: []Suspension{{Start: d("2026-03-05"), End: d("2026-03-10"), Reason: "Enchente"}}}
	a, err := NewVitoriaES().Compute(req)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		b, err := NewVitoriaES().Compute(req)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("run %d differs", i)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	got, err := NewVitoriaES().AddBusinessDays(d("2026-04-02"), 1)
	if err != nil || got != d("2026-04-06") {
		t.Errorf("AddBusinessDays(02/04/2026, 1) = %v, %v", got, err)
	}
}
