package activities

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/document"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// DefenseNotice asks for the notification of one supplier to present a written defense
// within 20 days (004 §8.15; 003), e-mailed with the notification as a PDF that is also
// kept with the case.
type DefenseNotice struct {
	NA string `json:"na"`
	// Party is the supplier (its CIP address is where the notification goes).
	Party CIPParty `json:"fornecedor"`
	// Origin says why the process was opened (004 §7.2), in Portuguese.
	Origin   string     `json:"origem"`
	IssuedOn prazo.Date `json:"expedida_em"`
	Due      Deadline   `json:"prazo"`
}

// SendDefenseNotice renders the notification, keeps it with the case and e-mails it to
// the supplier, once per case and supplier. It returns the Message-ID; a supplier
// without an address gets none (staff deliver the kept notification) and "" is returned.
func (a *Activities) SendDefenseNotice(ctx context.Context, n DefenseNotice) (string, error) {
	key := "notificacao-defesa/" + n.NA + "/" + n.Party.Doc
	pdf, err := defenseNoticeDocument(n, a.ProtocolAddress).PDF()
	if err != nil {
		return "", temporal.NewNonRetryableApplicationError(err.Error(), "pdf_error", err)
	}
	filename := "notificacao-defesa-" + n.NA + "-" + n.Party.Doc + ".pdf"
	if _, err := a.Store.SaveDocument(ctx, key, store.Document{
		NA: n.NA, Kind: "notificacao_defesa", Filename: filename, ContentType: "application/pdf", Data: pdf,
	}); err != nil {
		return "", caseError(n.NA, err)
	}
	if n.Party.Email == "" { // kept for staff to print and deliver (004 §4.2.1 II–III)
		return "", nil
	}
	return a.SendMail(ctx, Mail{
		Key: CaseMailKey(n.NA, "notificacao-defesa", n.Party.Doc), NA: n.NA, Kind: "notificacao_defesa", To: n.Party.Email,
		Data:        MailData{Destinatario: n.Party.Name, Prazo: n.Due.Sentence, Vencimento: n.Due.Due.FormatBR()},
		Attachments: []store.Attachment{{Filename: filename, ContentType: "application/pdf", Data: pdf}},
	})
}

// defenseNoticeDocument is the notification to present a defense (004 §8.15).
func defenseNoticeDocument(n DefenseNotice, protocol string) document.Document {
	return document.Document{
		Title:    "NOTIFICAÇÃO PARA APRESENTAÇÃO DE DEFESA",
		IssuedOn: n.IssuedOn,
		Fields: []document.Field{
			{Label: "Processo (NA):", Value: n.NA},
			{Label: "Expedida em:", Value: n.IssuedOn.FormatBR()},
			{Label: "Fornecedor:", Value: fmt.Sprintf("%s (CPF/CNPJ %s)", n.Party.Name, taxid.Format(n.Party.Doc))},
			{Label: "Origem:", Value: n.Origin},
		},
		Sections: []document.Section{
			{Paragraphs: []string{"Fica o fornecedor acima NOTIFICADO da instauração de processo administrativo no PROCON/ES " +
				"(art. 33 do Decreto 2.181/1997; itens 7.1 e 7.2 da Norma de Procedimentos) e para, querendo, apresentar " +
				"defesa escrita, com as provas que tiver."}},
			{Heading: "Prazo para defesa", Paragraphs: []string{n.Due.Sentence + " (item 8.15). Transcorrido o prazo, com ou " +
				"sem defesa, os autos seguem à Diretoria Jurídica para análise e decisão (item 8.16)."}},
			{Heading: "Como apresentar a defesa", Paragraphs: []string{fmt.Sprintf("Por e-mail para %s, com a palavra DEFESA "+
				"e o número %s no assunto, a partir do endereço cadastrado pelo fornecedor; documentos somente em arquivos PDF "+
				"(itens 4.2.3 e 14.3).", protocol, n.NA)}},
		},
	}
}

// HearingRecord is the Termo de Audiência of an autocomposição hearing (004 §5.6): how
// it went, and, for an agreement, its terms and compliance date.
type HearingRecord struct {
	NA string `json:"na"`
	// Number is the hearing's number in its case (a rescheduled hearing is another).
	Number   int        `json:"numero"`
	HeldOn   prazo.Date `json:"realizada_em"`
	Method   string     `json:"metodo"`
	Outcome  string     `json:"resultado"`
	Terms    string     `json:"termos,omitempty"`
	Deadline prazo.Date `json:"data_cumprimento,omitzero"`
	By       string     `json:"por"`
	// Suppliers are the case's suppliers; their addresses on record get a copy.
	Suppliers []CIPParty `json:"fornecedores"`
}

// IssueHearingRecord renders the Termo de Audiência, keeps it with the case and e-mails
// a copy to each party with an address (004 §5.6: "uma via para cada uma das partes").
// It returns the document's ID.
func (a *Activities) IssueHearingRecord(ctx context.Context, h HearingRecord) (int64, error) {
	c, err := a.Store.GetCase(ctx, h.NA)
	if err != nil {
		return 0, caseError(h.NA, err)
	}
	pdf, err := hearingRecordDocument(c, h).PDF()
	if err != nil {
		return 0, temporal.NewNonRetryableApplicationError(err.Error(), "pdf_error", err)
	}
	key := fmt.Sprintf("termo-audiencia/%s/%d", h.NA, h.Number)
	filename := fmt.Sprintf("termo-audiencia-%s-%d.pdf", h.NA, h.Number)
	id, err := a.Store.SaveDocument(ctx, key, store.Document{
		NA: h.NA, Kind: "termo_audiencia", Filename: filename, ContentType: "application/pdf", Data: pdf,
	})
	if err != nil {
		return 0, err
	}
	to := []string{c.ConsumerEmail}
	for _, s := range h.Suppliers {
		to = append(to, s.Email)
	}
	for i, addr := range to {
		if addr == "" {
			continue
		}
		if _, err := a.SendMail(ctx, Mail{
			Key: CaseMailKey(h.NA, fmt.Sprintf("termo-audiencia/%d", h.Number), fmt.Sprintf("via-%d", i)), NA: h.NA, Kind: "termo_audiencia", To: addr,
			Data:        MailData{Resultado: OutcomeWords[h.Outcome], Cumprimento: brDate(h.Deadline)},
			Attachments: []store.Attachment{{Filename: filename, ContentType: "application/pdf", Data: pdf}},
		}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// OutcomeWords says a hearing's outcome (004 §5.6, §5.12) in Portuguese.
var OutcomeWords = map[string]string{
	"acordo":              "acordo entre as partes",
	"impasse":             "impasse entre as partes presentes",
	"ausencia_fornecedor": "não comparecimento do fornecedor, sem justificativa prévia",
	"ausencia_consumidor": "não comparecimento do consumidor",
}

// MethodWords names the autocomposição methods (004 §5.3).
var MethodWords = map[string]string{
	"negociacao_assistida": "negociação assistida", "conciliacao": "conciliação",
	"mediacao": "mediação", "esclarecimentos": "esclarecimentos",
}

// hearingRecordDocument is the Termo de Audiência (004 §5.6).
func hearingRecordDocument(c store.Case, h HearingRecord) document.Document {
	names := make([]string, len(h.Suppliers))
	for i, s := range h.Suppliers {
		names[i] = fmt.Sprintf("%s (CPF/CNPJ %s)", s.Name, taxid.Format(s.Doc))
	}
	body := []document.Section{{Heading: "Resultado", Paragraphs: []string{"Encerrada a audiência, registra-se: " + OutcomeWords[h.Outcome] + "."}}}
	switch h.Outcome {
	case "acordo":
		body = append(body,
			document.Section{Heading: "Termos do acordo", Paragraphs: []string{h.Terms}},
			document.Section{Heading: "Cumprimento", Paragraphs: []string{"O acordo deve ser cumprido até " + h.Deadline.FormatBR() +
				". O processo fica suspenso para a verificação do cumprimento (item 5.7). Em caso de descumprimento, o(a) " +
				"consumidor(a) deve informar o PROCON/ES pelo e-mail do protocolo, com a palavra DESCUMPRIMENTO e o número " +
				h.NA + " no assunto (item 5.11)."}})
	default:
		if strings.TrimSpace(h.Terms) != "" {
			body = append(body, document.Section{Heading: "Declaração", Paragraphs: []string{h.Terms}})
		}
		body = append(body, document.Section{Paragraphs: []string{"O processo fica suspenso para análise e decisão fundamentada (item 5.12)."}})
	}
	return document.Document{
		Title:    "TERMO DE AUDIÊNCIA DE AUTOCOMPOSIÇÃO",
		IssuedOn: h.HeldOn,
		Fields: []document.Field{
			{Label: "Processo (NA):", Value: h.NA},
			{Label: "Realizada em:", Value: h.HeldOn.FormatBR()},
			{Label: "Método:", Value: MethodWords[h.Method] + " (item 5.3)"},
			{Label: "Consumidor(a):", Value: fmt.Sprintf("%s (CPF/CNPJ %s)", c.ConsumerName, taxid.Format(c.ConsumerDoc))},
			{Label: "Fornecedor(es):", Value: strings.Join(names, "; ")},
			{Label: "Agente do PROCON/ES:", Value: h.By},
		},
		Sections: body,
	}
}

// Classification records a reclamação's classification in the Cadastro de Reclamações
// Fundamentadas (004 §6), against each of its suppliers.
type Classification struct {
	NA             string     `json:"na"`
	Classification string     `json:"classificacao"`
	Subject        string     `json:"assunto"`
	On             prazo.Date `json:"em"`
	By             string     `json:"por"`
	Suppliers      []CIPParty `json:"fornecedores"`
}

// RecordClassification writes the case's Cadastro entries, once, and its subject.
func (a *Activities) RecordClassification(ctx context.Context, c Classification) error {
	on := c.On.Midnight(time.UTC)
	entries := make([]store.CadastroEntry, len(c.Suppliers))
	for i, s := range c.Suppliers {
		entries[i] = store.CadastroEntry{NA: c.NA, SupplierDoc: s.Doc, SupplierName: s.Name, Classification: c.Classification,
			Subject: c.Subject, ClassifiedOn: on, ClassifiedBy: c.By}
	}
	if err := a.Store.SaveCadastroEntries(ctx, entries); err != nil {
		return err
	}
	return a.SetCaseSubject(ctx, c.NA, c.Subject)
}

// SetCaseSubject records the subject code of a reclamação on its case row, where
// continued practices are looked for (004 §8.2).
func (a *Activities) SetCaseSubject(ctx context.Context, na, subject string) error {
	return caseError(na, a.Store.SetCaseSubject(ctx, na, subject))
}

// brDate is d as "DD/MM/AAAA", or "" when d is zero.
func brDate(d prazo.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.FormatBR()
}
