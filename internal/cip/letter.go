package cip

import (
	"fmt"

	"github.com/procon-es/procon/internal/document"
	"github.com/procon-es/procon/internal/prazo"
)

// Party is a consumer or supplier as the letter names them.
type Party struct {
	Name string
	Doc  string // CPF or CNPJ, formatted for reading
}

// Letter is what a CIP says (004 §4.1.2): to which supplier, in whose name, about what,
// by when and how to answer.
type Letter struct {
	Number   string
	NA       string
	IssuedOn prazo.Date
	Supplier Party
	Consumer Party
	// Facts is the consumer's account (the form's RELATO).
	Facts string
	// Due is the last day to answer, when the date of receipt is known (an e-mailed CIP is
	// received the day it is sent); zero when it will be delivered by hand or registered
	// letter, and the deadline runs from the receipt (004 §4.2.1 II–III).
	Due prazo.Date
	// Protocol is the address answers go to (004 §4.3.2, §14.1).
	Protocol string
}

// PDF renders the letter, in Portuguese, as a one- or two-page A4 PDF (see
// document.Document.PDF: the same letter renders to the same bytes).
func (l Letter) PDF() ([]byte, error) {
	return l.Document().PDF()
}

// Document is the letter as a formal document of the agency.
func (l Letter) Document() document.Document {
	due := "20 (vinte) dias corridos contados da data de recebimento desta carta (item 4.3.1; art. 42 do Decreto 2.181/1997)."
	if !l.Due.IsZero() {
		due = fmt.Sprintf("20 (vinte) dias corridos contados do recebimento desta carta, em %s, por via eletrônica: "+
			"a resposta deve chegar até %s (item 4.3.1; art. 42 do Decreto 2.181/1997).", l.IssuedOn.FormatBR(), l.Due.FormatBR())
	}
	return document.Document{
		Title:    "CARTA DE INFORMAÇÃO PRELIMINAR Nº " + l.Number,
		IssuedOn: l.IssuedOn,
		Fields: []document.Field{
			{Label: "Número de atendimento:", Value: l.NA},
			{Label: "Expedida em:", Value: l.IssuedOn.FormatBR()},
			{Label: "Fornecedor:", Value: fmt.Sprintf("%s (CPF/CNPJ %s)", l.Supplier.Name, l.Supplier.Doc)},
			{Label: "Consumidor(a):", Value: fmt.Sprintf("%s (CPF/CNPJ %s)", l.Consumer.Name, l.Consumer.Doc)},
		},
		Sections: []document.Section{
			{Paragraphs: []string{"Com fundamento no art. 55, § 4º, da Lei 8.078/1990 e no art. 33, § 3º, do Decreto 2.181/1997, o PROCON/ES " +
				"requisita do fornecedor acima as informações, documentos e esclarecimentos sobre os fatos relatados pelo(a) " +
				"consumidor(a), podendo esta carta servir também à composição amigável entre as partes (item 4.1.2 da Norma de " +
				"Procedimentos)."}},
			{Heading: "Fatos relatados", Paragraphs: []string{l.Facts}},
			{Heading: "Prazo para resposta", Paragraphs: []string{due}},
			{Heading: "Como responder", Paragraphs: []string{
				fmt.Sprintf("Envie a resposta por escrito, individualmente para esta CIP (item 4.3.3), por e-mail para %s, com "+
					"cópia para o(a) consumidor(a) (item 4.3.1). No assunto, escreva RESPOSTA CIP %s. No texto do e-mail informe, "+
					"obrigatoriamente, o nome do(a) consumidor(a), o seu CPF/CNPJ e o número desta CIP (item 4.3.4). Documentos e a "+
					"própria resposta somente em arquivos PDF (item 4.2.3).", l.Protocol, l.Number),
				"A recusa em prestar as informações ou o desrespeito às determinações e convocações do PROCON/ES caracterizam " +
					"desobediência (art. 330 do Código Penal), sem prejuízo das sanções administrativas cabíveis (item 4.3.9).",
			}},
		},
	}
}
