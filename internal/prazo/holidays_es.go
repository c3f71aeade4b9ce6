package prazo

import (
	"time"

	"github.com/rickar/cal/v2"
)

// Espírito Santo state holiday.
//
// Nossa Senhora da Penha, patroness of the state and its Data Magna, is a
// state holiday on the Monday eight days after Easter Sunday, by Lei
// estadual nº 11.010/2019, published in the Diário Oficial of 04/07/2019.
// The number 11.010/2019 is given by Folha Vitória (04/07/2019) and by the
// 2025 holiday decree of the city of Anchieta; one blog gives 11.040, and
// the law's own text could not be read here: confirm against the
// Assembleia Legislativa's site before quoting the number in a legal act.
// The first occurrence after the law is 2020-04-20.
//
// Not included, because they are yearly decisions of the state executive
// (decree listing the pontos facultativos) rather than holidays: Colonização
// do Solo Espírito-Santense (23 May), Dia do Servidor Público (28 Oct),
// Quarta-feira de Cinzas, 24 and 31 December and bridges. Enter them as
// [Closure] values when the decree says the state offices do not work.
const srcPenhaES = "Lei estadual (ES) nº 11.010/2019 (número conferido só em fontes secundárias)"

// Vitória municipal holidays.
//
// Lei municipal de Vitória nº 1.732, de 31/03/1967, declares the municipal
// holidays Paixão de Cristo (Good Friday), Nossa Senhora da Penha, Corpus
// Christi and Nossa Senhora da Vitória (8 September, also the city's
// anniversary). The city's yearly holiday decrees cite it (Decreto nº
// 10.518/2000, Decreto nº 17.607/2018), together with Lei nº 4.749/1998,
// whose content could not be confirmed here. A 2021 municipal law (number
// not confirmed) moved the 2021 Penha, Corpus Christi and Nossa Senhora da
// Vitória holidays to 30/03, 31/03 and 01/04/2021 because of COVID-19; that
// one-off change is not modelled (declare closures if 2021 deadlines are
// ever recomputed). Lei nº 9.170/2017 only put the Festa de Nossa Senhora
// da Vitória in the city's events calendar.
const srcVitoria = "Lei municipal de Vitória nº 1.732/1967"

var (
	// penha is Nossa Senhora da Penha: Easter Sunday + 8 days (a Monday).
	penha = &cal.Holiday{Name: "Nossa Senhora da Penha", Offset: 8, Func: cal.CalcEasterOffset}
	// penhaState is the same date as a state holiday, from 2020.
	penhaState = &cal.Holiday{Name: "Nossa Senhora da Penha", Offset: 8, Func: cal.CalcEasterOffset, StartYear: 2020}
	// paixaoVitoria is Good Friday (Easter − 2) as a Vitória holiday.
	paixaoVitoria = &cal.Holiday{Name: "Sexta-feira Santa", Offset: -2, Func: cal.CalcEasterOffset, StartYear: 1967}
	// corpusVitoria is Corpus Christi (Easter + 60) as a Vitória holiday.
	corpusVitoria = &cal.Holiday{Name: "Corpus Christi", Offset: 60, Func: cal.CalcEasterOffset, StartYear: 1967}
	// penhaVitoria is Nossa Senhora da Penha as a Vitória holiday.
	penhaVitoria = penha.Clone(&cal.Holiday{StartYear: 1967})
	// vitoriaDay is Nossa Senhora da Vitória, 8 September.
	vitoriaDay = &cal.Holiday{Name: "Nossa Senhora da Vitória", Month: time.September, Day: 8, Func: cal.CalcDayOfMonth, StartYear: 1967}
)

// EspiritoSanto returns the state holidays of Espírito Santo: Nossa
// Senhora da Penha, Easter + 8 days, from 2020 (Lei estadual nº
// 11.010/2019).
func EspiritoSanto() RuleProvider {
	return RuleProvider{
		ProviderID: "es-estadual",
		Rules: []Rule{
			{Holiday: penhaState, Kind: KindState, Source: srcPenhaES},
		},
	}
}

// Vitoria returns the municipal holidays of Vitória (ES), the city of
// PROCON/ES: Sexta-feira Santa, Nossa Senhora da Penha (Easter + 8),
// Corpus Christi (Easter + 60) and Nossa Senhora da Vitória (8 September),
// all by Lei municipal nº 1.732/1967.
func Vitoria() RuleProvider {
	return RuleProvider{
		ProviderID: "vitoria-es-municipal",
		Rules: []Rule{
			{Holiday: paixaoVitoria, Kind: KindMunicipal, Source: srcVitoria},
			{Holiday: penhaVitoria, Kind: KindMunicipal, Source: srcVitoria},
			{Holiday: corpusVitoria, Kind: KindMunicipal, Source: srcVitoria},
			{Holiday: vitoriaDay, Kind: KindMunicipal, Source: srcVitoria},
		},
	}
}
