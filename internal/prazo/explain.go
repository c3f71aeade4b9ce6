package prazo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// monthNames are the Portuguese month names, for texts.
var monthNames = [...]string{"", "janeiro", "fevereiro", "março", "abril", "maio", "junho",
	"julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}

// feminineEvents are event words that take "da" and do not end in one of
// feminineSuffixes.
var feminineEvents = []string{"data", "entrega", "juntada", "resposta", "renúncia", "chegada",
	"remessa", "audiência", "ciência", "postagem", "leitura", "assinatura", "abertura"}

var feminineSuffixes = []string{"ção", "são", "dade", "gem", "ência", "ância"}

// eventPhrase returns "da notificação", "do recebimento"… A word starting
// with an article+preposition ("do ", "da ", "dos ", "das ") is kept.
func eventPhrase(event string) string {
	lower := strings.ToLower(event)
	for _, p := range []string{"do ", "da ", "dos ", "das "} {
		if strings.HasPrefix(lower, p) {
			return event
		}
	}
	first, _, _ := strings.Cut(lower, " ")
	if slices.Contains(feminineEvents, first) {
		return "da " + event
	}
	for _, s := range feminineSuffixes {
		if strings.HasSuffix(first, s) {
			return "da " + event
		}
	}
	return "do " + event
}

// counted returns "contado"/"contados" to agree with the quantity.
func counted(q int) string { return pick(q == 1, "contado", "contados") }

// dayReason returns a skipped day's reason for use inside a sentence:
// weekend names in lower case ("sábado").
func dayReason(s SkippedDay) string {
	if s.Kind == SkipWeekend {
		return strings.ToLower(s.Reason)
	}
	return s.Reason
}

// explain builds the Portuguese rule text of a result.
func explain(res Result, periodSource string, target, nonBusinessInCount int, clamped bool) string {
	var b strings.Builder
	if res.Name != "" {
		b.WriteString(res.Name)
		if periodSource != "" {
			fmt.Fprintf(&b, " (%s)", periodSource)
		}
		b.WriteString(": p")
	} else {
		b.WriteString("P")
	}
	fmt.Fprintf(&b, "razo de %s %s %s em %s. ", res.Unit.phrase(res.Quantity), counted(res.Quantity),
		eventPhrase(res.Event), res.Start.FormatBR())
	fmt.Fprintf(&b, "Exclui-se o dia do começo e inclui-se o do vencimento (004 §13.1): a contagem começa em %s. ",
		res.FirstDay.FormatBR())

	switch res.Unit {
	case DiasUteis:
		b.WriteString("Contam-se apenas os dias úteis, com expediente no órgão (004 §13.2)")
		switch nonBusinessInCount {
		case 0:
			b.WriteString(". ")
		case 1:
			b.WriteString("; 1 dia sem expediente no período não foi contado. ")
		default:
			fmt.Fprintf(&b, "; %d dias sem expediente no período não foram contados. ", nonBusinessInCount)
		}
	case Meses, Anos:
		term := res.Start.AddMonths(res.Quantity)
		if res.Unit == Anos {
			term = res.Start.AddYears(res.Quantity)
		}
		b.WriteString("Prazos em meses ou anos contam-se de data a data (004 §13.3); ")
		if clamped {
			fmt.Fprintf(&b, "como %s de %d não tem dia %d, o termo é o último dia do mês, %s. ",
				monthNames[term.Month], term.Year, res.Start.Day, term.FormatBR())
		} else {
			fmt.Fprintf(&b, "o termo é o dia equivalente, %s. ", term.FormatBR())
		}
	default:
		b.WriteString("Os prazos contam-se em dias corridos (004 §13.2). ")
	}

	anyApplied := false
	for _, a := range res.Suspensions {
		if !a.Applied {
			fmt.Fprintf(&b, "A suspensão por força maior de %s a %s (%s) não alterou o prazo, que não corria nesse período. ",
				a.Start.FormatBR(), a.End.FormatBR(), a.Reason)
			continue
		}
		anyApplied = true
		if a.DaysLeft == 0 {
			fmt.Fprintf(&b, "O prazo ficou suspenso por força maior de %s a %s (%s) quando só restava a prorrogação ao dia útil seguinte; ela passa para depois da suspensão (004 §13.4). ",
				a.Start.FormatBR(), a.End.FormatBR(), a.Reason)
			continue
		}
		leftUnit := DiasCorridos
		if res.Unit == DiasUteis {
			leftUnit = DiasUteis
		}
		fmt.Fprintf(&b, "O prazo ficou suspenso por força maior de %s a %s (%s) e foi retomado em %s com %s %s (004 §13.4). ",
			a.Start.FormatBR(), a.End.FormatBR(), a.Reason, a.ResumedOn.FormatBR(),
			leftUnit.phrase(a.DaysLeft), pick(a.DaysLeft == 1, "restante", "restantes"))
	}
	if anyApplied && (res.Unit == Meses || res.Unit == Anos) {
		fmt.Fprintf(&b, "Para a suspensão, o prazo de data a data foi convertido nos %d dias corridos que o compõem. ", target)
	}

	last := res.DueWithoutExtension
	if res.Unit == DiasUteis {
		fmt.Fprintf(&b, "O %dº dia útil é %s", res.Quantity, last.FormatBR())
	} else {
		fmt.Fprintf(&b, "O último dia do prazo é %s", last.FormatBR())
	}
	if !res.Extended {
		b.WriteString(", dia útil: vencimento nesse dia.")
		return b.String()
	}
	sd, _ := res.skippedOn(last)
	fmt.Fprintf(&b, ", dia sem expediente no órgão (%s); o prazo fica prorrogado até o primeiro dia útil seguinte, %s (004 §13.1.2).",
		dayReason(sd), res.Due.FormatBR())
	return b.String()
}

// sources builds the "fonte" of a result: the period's source, merged with
// the counting rules actually applied.
func sources(res Result, periodSource string) string {
	refs := []string{"§13.1"}
	if res.Extended {
		refs = append(refs, "§13.1.2")
	}
	switch res.Unit {
	case Meses, Anos:
		refs = append(refs, "§13.3")
	default:
		refs = append(refs, "§13.2")
	}
	for _, a := range res.Suspensions {
		if a.Applied {
			refs = append(refs, "§13.4")
			break
		}
	}
	src := strings.TrimSpace(periodSource)
	if src == "" {
		return "004 " + strings.Join(refs, ", ")
	}
	if rest, ok := strings.CutPrefix(src, "004 "); ok {
		toks := strings.Split(rest, ", ")
		if !slices.ContainsFunc(toks, func(t string) bool { return !strings.HasPrefix(t, "§") }) {
			all := append(toks, refs...)
			slices.SortFunc(all, compareSections)
			return "004 " + strings.Join(slices.Compact(all), ", ")
		}
	}
	return src + "; 004 " + strings.Join(refs, ", ")
}

// compareSections orders "§4.3.1" before "§13.1" (numerically, part by
// part).
func compareSections(a, b string) int {
	pa := strings.Split(strings.TrimPrefix(a, "§"), ".")
	pb := strings.Split(strings.TrimPrefix(b, "§"), ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, errx := strconv.Atoi(pa[i])
		y, erry := strconv.Atoi(pb[i])
		if errx != nil || erry != nil {
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
			continue
		}
		if x != y {
			return cmpInt(x, y)
		}
	}
	return cmpInt(len(pa), len(pb))
}

// Sentence returns a one-line Portuguese summary for e-mails, e.g.
// "20 dias corridos contados do recebimento em 14/03/2026; vencimento
// prorrogado para 06/04/2026 porque 03/04/2026 é Sexta-feira Santa".
// It only uses exported fields, so it works on a Result decoded from JSON.
func (r Result) Sentence() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s em %s", r.Unit.phrase(r.Quantity), counted(r.Quantity),
		eventPhrase(r.Event), r.Start.FormatBR())
	for _, a := range r.Suspensions {
		if a.Applied {
			fmt.Fprintf(&b, "; suspenso por força maior de %s a %s (%s)", a.Start.FormatBR(), a.End.FormatBR(), a.Reason)
		}
	}
	if !r.Extended {
		fmt.Fprintf(&b, "; vencimento em %s", r.Due.FormatBR())
		return b.String()
	}
	last := r.DueWithoutExtension
	fmt.Fprintf(&b, "; vencimento prorrogado para %s porque ", r.Due.FormatBR())
	sd, ok := r.skippedOn(last)
	switch {
	case !ok:
		fmt.Fprintf(&b, "%s não tem expediente", last.FormatBR())
	case sd.Kind == SkipWeekend:
		fmt.Fprintf(&b, "%s é %s", last.FormatBR(), dayReason(sd))
	case sd.Kind == SkipClosure:
		fmt.Fprintf(&b, "em %s não há expediente (%s)", last.FormatBR(), sd.Reason)
	case sd.Kind == SkipEarlyClosing:
		fmt.Fprintf(&b, "em %s o expediente é encerrado antes da hora normal (%s)", last.FormatBR(), sd.Reason)
	default: // holidays and pontos facultativos
		fmt.Fprintf(&b, "%s é %s", last.FormatBR(), sd.Reason)
	}
	return b.String()
}
