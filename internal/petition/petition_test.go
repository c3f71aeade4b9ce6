package petition

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// 004 §14.3: every petition must carry the case number; people write it in many ways.
func TestFindNA_004_14_3(t *testing.T) {
	for _, tc := range []struct{ subject, body, want string }{
		{"Resposta CIP - NA-2026-000123", "", "NA-2026-000123"},
		{"Ref. na 2026/000123", "", "NA-2026-000123"},
		{"Desistência", "Referente ao atendimento NA: 2026-000045, desisto.", "NA-2026-000045"},
		{"NA nº 2026-000007", "", "NA-2026-000007"},
		{"Atendimento NA-2026-000001", "corpo cita NA-2025-999999", "NA-2026-000001"},
		{"Reclamação", "sem número algum, CPF 123.456.789-09", ""},
		{"BANANA 2026-000123", "", ""}, // "NA" inside a word is not the case number
		{"NA-26-000123", "", ""},
		{"RESPOSTA CIP CIP-2026-000123-2", "", "NA-2026-000123"}, // a CIP number names its case
		{"Resposta", "CIP-2026-000123-1, atendimento NA-2026-000124", "NA-2026-000124"},
	} {
		if got := FindNA(tc.subject, tc.body); got != tc.want {
			t.Errorf("FindNA(%q, %q) = %q, want %q", tc.subject, tc.body, got, tc.want)
		}
	}
}

// The kinds documented in README.md, by subject keyword, whatever the case and accents.
func TestKindOfSubject(t *testing.T) {
	for subject, want := range map[string]Kind{
		"RESPOSTA CIP 2026/0001 - NA-2026-000001":  KindCIPAnswer,
		"Resposta à CIP nº 12":                     KindCIPAnswer,
		"Retorno do consumidor NA-2026-000001":     KindConsumerReturn,
		"Estou ciente da resposta":                 KindConsumerReturn,
		"Aceito a resposta da CIP NA-2026-000001":  KindAcceptance,
		"Não aceito a resposta":                    KindConversion,
		"DESISTÊNCIA - NA-2026-000001":             KindWithdrawal,
		"Pedido de conversão em reclamação":        KindConversion,
		"Descumprimento de acordo":                 KindBreach,
		"Defesa escrita - NA-2026-000001":          KindDefense,
		"Recurso à segunda instância":              KindAppeal,
		"Renúncia ao recurso (Anexo XI)":           KindWaiver,
		"Pedido de PARCELAMENTO da multa":          KindInstallment,
		"Documentos complementares NA-2026-000001": KindGeneric,
		"Respostas anteriores":                     KindGeneric, // "resposta" alone is no CIP answer
		"Recursos humanos":                         KindGeneric, // whole words only
	} {
		if got := KindOf(subject); got != want {
			t.Errorf("KindOf(%q) = %s, want %s", subject, got, want)
		}
	}
}

// 004 §15.8, Annex XIII: the number of installments is read as people write it.
func TestFindInstallments_004_15_8(t *testing.T) {
	for text, want := range map[string]int{
		"Solicito o parcelamento em 12 parcelas mensais": 12,
		"Número de parcelas: 30":                         30,
		"parcelas=6":                                     6,
		"Peço parcelamento da multa":                     0,
		"NA-2026-000123 em 100 parcelas":                 0,
	} {
		if got := FindInstallments("PARCELAMENTO", text); got != want {
			t.Errorf("%q: %d, want %d", text, got, want)
		}
	}
}

// Issue 14: the README lists exactly the kinds that act by themselves, and so need
// their party's address on record and an authenticated sender.
func TestReadmeListsThePetitionsThatNeedAnAuthenticatedSender(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	start := strings.Index(readme, "### Who may act by e-mail")
	if start < 0 {
		t.Fatal("README has no section on who may act by e-mail")
	}
	section := readme[start:]
	section = section[:strings.Index(section, "Any other petition")]
	listed := map[Kind]bool{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.Contains(cells[2], "`") {
			continue
		}
		for _, k := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(cells[2], -1) {
			listed[Kind(k[1])] = true
		}
	}
	all := []Kind{KindCIPAnswer, KindConsumerReturn, KindWithdrawal, KindConversion, KindAcceptance, KindBreach, KindDefense,
		KindNoticeAnswer, KindWaiver, KindAppeal, KindInstallment, KindConfirmation, KindIdentificationRefusal, KindGeneric}
	for _, k := range all {
		if listed[k] != ActsByItself(k) {
			t.Errorf("%s: listed %v, acts by itself %v", k, listed[k], ActsByItself(k))
		}
		delete(listed, k)
	}
	for k := range listed {
		t.Errorf("README lists %s, no such kind", k)
	}
}
