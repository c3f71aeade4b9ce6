package prazo

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/br"
)

// Sources of the national holidays, as shown in [Holiday.Source].
const (
	srcLei662 = "Lei federal nº 662/1949, art. 1º, com a redação da Lei nº 10.607/2002"
	// Lei 6.802/1980 declares 12 October a national holiday.
	srcLei6802 = "Lei federal nº 6.802/1980"
	// Lei 14.759/2023 made 20 November a national holiday from the
	// following year; its first occurrence was 2024-11-20.
	srcLei14759 = "Lei federal nº 14.759/2023"
	// Good Friday is, by law, a religious holiday declared by each city
	// (Lei 9.093/1995, art. 2º); the federal and Espírito Santo yearly
	// calendars list it as a national holiday ("Paixão de Cristo"), and
	// Vitória declares it in Lei municipal nº 1.732/1967.
	srcGoodFriday = "Lei federal nº 9.093/1995, art. 2º (Paixão de Cristo, feriado nacional nos calendários federal e estadual)"
	// Carnaval and Corpus Christi are pontos facultativos, not holidays.
	// The Espírito Santo executive closes its offices on them by yearly
	// decree (e.g. Carnaval 2018, DOE 06/02/2018: "Não haverá expediente";
	// Decreto nº 250-S/2022 for Carnaval 2022; Corpus Christi 2022 and 2024
	// by decree), and Vitória makes Corpus Christi a municipal holiday
	// (Lei nº 1.732/1967).
	srcOptional = "ponto facultativo (calendário federal anual e decreto estadual); sem expediente no órgão"
)

// Rules missing from github.com/rickar/cal/v2/br, filled in as data.
var (
	// carnavalMonday is Carnaval Monday, 48 days before Easter; the br
	// package has only the Tuesday (47 days before Easter).
	carnavalMonday = &cal.Holiday{
		Name:   "Carnaval (segunda-feira)",
		Offset: -48,
		Func:   cal.CalcEasterOffset,
	}
	// consciencia is the Dia Nacional de Zumbi e da Consciência Negra,
	// 20 November, national since Lei 14.759/2023 (first observed 2024).
	consciencia = &cal.Holiday{
		Name:      "Dia Nacional de Zumbi e da Consciência Negra",
		Month:     time.November,
		Day:       20,
		Func:      cal.CalcDayOfMonth,
		StartYear: 2024,
	}
	// aparecida is br.NossaSenhoraAparecida limited to the years of its law.
	aparecida = br.NossaSenhoraAparecida.Clone(&cal.Holiday{StartYear: 1980})
)

// nationalLegalRules are the holidays declared by federal law.
func nationalLegalRules() []Rule {
	return []Rule{
		{Holiday: br.AnoNovo, Name: "Confraternização Universal", Kind: KindNational, Source: srcLei662},
		{Holiday: br.SextaFeiraSanta, Kind: KindNational, Source: srcGoodFriday},
		{Holiday: br.Tiradentes, Kind: KindNational, Source: srcLei662},
		{Holiday: br.Trabalhador, Name: "Dia do Trabalho", Kind: KindNational, Source: srcLei662},
		{Holiday: br.Independencia, Kind: KindNational, Source: srcLei662},
		{Holiday: aparecida, Kind: KindNational, Source: srcLei6802},
		{Holiday: br.Finados, Kind: KindNational, Source: srcLei662},
		{Holiday: br.Republica, Kind: KindNational, Source: srcLei662},
		{Holiday: consciencia, Kind: KindNational, Source: srcLei14759},
		{Holiday: br.Natal, Kind: KindNational, Source: srcLei662},
	}
}

// nationalOptionalRules are the national pontos facultativos on which the
// state executive (and so PROCON/ES) does not work.
func nationalOptionalRules() []Rule {
	return []Rule{
		{Holiday: carnavalMonday, Kind: KindOptional, Source: srcOptional},
		{Holiday: br.Carnaval, Name: "Carnaval (terça-feira)", Kind: KindOptional, Source: srcOptional},
		{Holiday: br.CorpusChristi, Kind: KindOptional, Source: srcOptional},
	}
}

// NationalBR returns the Brazilian national holidays plus the pontos
// facultativos of Carnaval (Monday and Tuesday) and Corpus Christi, which
// the Espírito Santo state executive does not work on and which are
// therefore days without business at PROCON/ES (004 §13.1.2).
//
// Fixed: 1 Jan, 21 Apr, 1 May, 7 Sep, 2 Nov, 15 Nov, 25 Dec (Lei 662/1949
// with Lei 10.607/2002), 12 Oct (Lei 6.802/1980), 20 Nov from 2024
// (Lei 14.759/2023). Moveable, from Easter: Carnaval Monday (−48) and
// Tuesday (−47), Sexta-feira Santa (−2), Corpus Christi (+60).
func NationalBR() RuleProvider {
	return RuleProvider{
		ProviderID: "br-nacional",
		Rules:      append(nationalLegalRules(), nationalOptionalRules()...),
	}
}

// NationalBRHolidaysOnly returns the national holidays without the pontos
// facultativos of Carnaval and Corpus Christi, for an agency that works on
// them.
func NationalBRHolidaysOnly() RuleProvider {
	return RuleProvider{ProviderID: "br-nacional-sem-pontos-facultativos", Rules: nationalLegalRules()}
}
