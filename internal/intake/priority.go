package intake

import (
	"strings"
	"time"
)

// Priority-attendance codes of Consumer.Priority (003, "Prioridades de
// atendimento": Lei 10.048/2000, Estatuto do Idoso, Lei 10.741/2003, and
// the ≥ 80 rule that puts the oldest first).
const (
	PriorityIdoso80     = "idoso_80"               // 80 or older: ahead of every other priority
	PriorityIdoso       = "idoso"                  // 60 or older
	PriorityDeficiencia = "pessoa_com_deficiencia" // person with a disability
	PriorityGestante    = "gestante"               // pregnant
	PriorityLactante    = "lactante"               // breastfeeding
	PriorityCriancaColo = "crianca_de_colo"        // with a child in arms
	PriorityObesidade   = "obesidade"              // severe obesity
	PriorityTEA         = "tea"                    // autism spectrum disorder
	PriorityOutra       = "outra"                  // a priority claimed in words not recognised; staff decide
)

// priorityNone are first words that decline a priority: "não", "nenhuma",
// "sem prioridade", "N/A".
var priorityNone = map[string]bool{"nao": true, "nenhum": true, "nenhuma": true, "sem": true, "n": true, "na": true}

// priorityKeywords maps folded word prefixes to codes, checked in order.
var priorityKeywords = []struct{ prefix, code string }{
	{"idos", PriorityIdoso}, {"defici", PriorityDeficiencia}, {"pcd", PriorityDeficiencia},
	{"pne", PriorityDeficiencia}, {"gestant", PriorityGestante}, {"gravid", PriorityGestante},
	{"lactant", PriorityLactante}, {"amament", PriorityLactante}, {"colo", PriorityCriancaColo},
	{"obes", PriorityObesidade}, {"autis", PriorityTEA}, {"tea", PriorityTEA},
}

// priorityOf derives the priority code from the optional PRIORIDADE line and
// the birth date. The line is optional and never a problem: "idoso",
// "pessoa com deficiência"/"PcD", "gestante", "lactante", "criança de
// colo", "obesidade", "TEA"/"autismo" are recognised; "não"/"nenhuma" means
// none; anything else is "outra". A consumer identified by CPF who is 60 or
// older is "idoso" and 80 or older "idoso_80" whatever the line says, as the
// Estatuto do Idoso grants it by age alone.
func priorityOf(declared, birthDate string, person bool, now time.Time) string {
	code := ""
	words := strings.Fields(foldWords(declared))
	if len(words) > 0 && !priorityNone[words[0]] {
		code = PriorityOutra
	found:
		for _, w := range words {
			for _, k := range priorityKeywords {
				if strings.HasPrefix(w, k.prefix) && (k.prefix != "tea" || w == "tea") && (k.prefix != "colo" || w == "colo") {
					code = k.code
					break found
				}
			}
		}
		if code == PriorityIdoso && (strings.Contains(declared, "80") || strings.Contains(foldWords(declared), "oitenta")) {
			code = PriorityIdoso80
		}
	}
	if person && birthDate != "" {
		switch age := ageOn(birthDate, now); {
		case age >= 80:
			return PriorityIdoso80
		case age >= 60 && (code == "" || code == PriorityOutra):
			return PriorityIdoso
		}
	}
	return code
}
