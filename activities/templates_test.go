package activities

import (
	"io/fs"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// mailSamples is the data each kind of mail is sent with, as its senders fill it (the
// workflows' letters and the activities' mails); the recipient's name is Destinatario.
var mailSamples = map[string]MailData{
	"acordo_descumprido":         {Destinatario: "Maria"},
	"atendimento_cancelado":      {Assunto: "Atendimento cancelado", Corpo: "Faltam o CPF e o RG."},
	"atendimento_encerrado":      {Destinatario: "Maria", Situacao: "arquivado", Motivo: "acordo cumprido"},
	"audiencia_designada":        {Destinatario: "Loja", DataHora: "10/04/2026 às 14h00", Metodo: "por videoconferência", Local: "https://sala"},
	"cip":                        {Destinatario: "Loja", Numero: "CIP-2026-000001-1", Prazo: "até 06/04/2026"},
	"cip_baixa_fornecedor":       {Destinatario: "Loja", Numero: "CIP-2026-000001-1", Motivo: "sem retorno em 90 dias"},
	"complementacao_multa":       {Destinatario: "Loja", Valor: "R$ 1.000,00", Pago: "R$ 500,00", Saldo: "R$ 500,00", Pagamento: "até 10/05/2026"},
	"convertido_reclamacao":      {Destinatario: "Maria", Motivo: "resposta insatisfatória"},
	"decisao_primeira_instancia": {Destinatario: "Loja", Resultado: "procedente"},
	"declaracao_expedicao_cip": {Destinatario: "Maria", Numero: "CIP-2026-000001-1", Fornecedor: "Loja", Meio: "e-mail",
		RecebidoEm: "16/03/2026", Prazo: "até 06/04/2026", Retorno: "07/04/2026"},
	"divida_ativa_financeiro": {Destinatario: "Loja", Fornecedor: "Loja", Documento: "11.222.333/0001-81", Saldo: "R$ 500,00", Vencimento: "10/05/2026"},
	"divida_ativa_inscrita":   {Destinatario: "Loja", Fornecedor: "Loja", Documento: "11.222.333/0001-81", Saldo: "R$ 500,00", Vencimento: "10/05/2026"},
	"lembrete_audiencia":      {Destinatario: "Maria", DataHora: "10/04/2026 às 14h00", Metodo: "presencial", Local: "Sala 2"},
	"multa_notificada":        {Destinatario: "Loja", Valor: "R$ 1.000,00", VRTE: "250", Pagamento: "até 10/05/2026", Recurso: "até 12/05/2026"},
	"multa_reduzida":          {Destinatario: "Loja", Valor: "R$ 750,00", VRTE: "187.5", Pagamento: "até 10/05/2026"},
	"notificacao_defesa":      {Destinatario: "Loja", Prazo: "até 10/05/2026", Vencimento: "10/05/2026"},
	"notificacao_dijur":       {Destinatario: "Loja", Texto: "Informe o contrato.", Prazo: "até 10/05/2026"},
	"notificacao_oficio":      {Destinatario: "Loja", Tipo: "notificação recomendatória", Texto: "Retire a cláusula.", Prazo: "até 10/05/2026"},
	"pagamento_a_maior":       {Destinatario: "Loja", Excedente: "R$ 10,00"},
	"parcela_emitida": {Destinatario: "Loja", Parcela: 2, Total: 12, Valor: "R$ 100,00", Vencimento: "10/06/2026",
		Tolerancia: "até 20/06/2026"},
	"parcelamento_recusado":    {Destinatario: "Loja", Motivo: "sem o número de parcelas"},
	"peticao_a_confirmar":      {Tipo: "desistencia", Assunto: "DESISTO", NaoAutenticada: true, Motivo: "dkim"},
	"peticao_recusada":         {Motivo: "na_desconhecido", NumeroInformado: "NA-2026-999999", Assunto: "CIENTE"},
	"prazo_retorno_consumidor": {Destinatario: "Maria", Prazo: "até 05/07/2026"},
	"processo_instaurado":      {Destinatario: "Maria", Prazo: "Prazo do fornecedor para a defesa: até 10/05/2026"},
	"recibo":                   {Destinatario: "Maria", RecebidoEm: "01/03/2026"},
	"recurso_recusado":         {Destinatario: "Loja", Motivo: "fora do prazo"},
	"resposta_cip_recebida":    {Destinatario: "Maria", Numero: "CIP-2026-000001-1", Fornecedor: "Loja", RecebidoEm: "20/03/2026", NoPrazo: true},
	"resposta_cip_recusada":    {Numero: "CIP-2026-000001-1", Assunto: "RESPOSTA CIP", Problemas: []string{"falta o CPF"}},
	"segunda_instancia":        {Destinatario: "Loja", Decisao: "manter a multa", Motivo: "sem fundamento", Valor: "R$ 1.000,00", Pagamento: "até 10/05/2026"},
	"tac_convocacao":           {Destinatario: "Loja", DataHora: "10/04/2026 às 14h00", Local: "Sala 2"},
	"termo_audiencia":          {Resultado: "acordo", Cumprimento: "30/04/2026"},
}

var templateField = regexp.MustCompile(`\.([A-Z][A-Za-z]*)`)

// TestEveryMailTemplateRendersWithItsData: each template renders with the data its
// senders give it, reads no field they leave empty (it would print nothing where the
// consumer expects a date or a name), and shows that data.
func TestEveryMailTemplateRendersWithItsData(t *testing.T) {
	files, err := fs.Glob(templateFiles, "templates/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, f := range files {
		kinds = append(kinds, strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".txt"))
	}
	var sampled []string
	for k := range mailSamples {
		sampled = append(sampled, k)
	}
	sort.Strings(sampled)
	if strings.Join(kinds, " ") != strings.Join(sampled, " ") {
		t.Fatalf("templates %v, samples %v: every template needs its sample data here", kinds, sampled)
	}
	a := &Activities{ProtocolAddress: "protocolo@procon.test"}
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			data := mailSamples[kind]
			source, err := templateFiles.ReadFile("templates/" + kind + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			set := setFields(data)
			set["NA"], set["Protocolo"] = true, true
			for _, m := range templateField.FindAllStringSubmatch(string(source), -1) {
				if !set[m[1]] {
					t.Errorf("the template reads .%s, which its senders leave empty", m[1])
				}
			}
			subject, body, err := a.render(Mail{NA: "NA-2026-000001", Kind: kind, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if subject == "" || strings.TrimSpace(body) == "" {
				t.Fatalf("subject %q, body %q", subject, body)
			}
			if strings.Contains(subject+body, "<no value>") {
				t.Errorf("renders <no value>:\n%s\n%s", subject, body)
			}
			if data.Destinatario != "" && templateUses(source, "Destinatario") && !strings.Contains(body, data.Destinatario) {
				t.Errorf("the mail does not greet its recipient %q:\n%s", data.Destinatario, body)
			}
		})
	}
}

// setFields names the fields of d that are not zero.
func setFields(d MailData) map[string]bool {
	out := map[string]bool{}
	v := reflect.ValueOf(d)
	for i := range v.NumField() {
		if !v.Field(i).IsZero() {
			out[v.Type().Field(i).Name] = true
		}
	}
	return out
}

// templateUses reports whether the template source reads the field.
func templateUses(source []byte, field string) bool {
	return strings.Contains(string(source), "."+field)
}
