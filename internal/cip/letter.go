package cip

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

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

// PDF renders the letter, in Portuguese, as a one- or two-page A4 PDF. The same letter
// renders to the same bytes (fixed dates in the document information), so a retried
// delivery attaches the identical file. Left uncompressed: it is small, and its text can
// be searched as it is.
func (l Letter) PDF() ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	issued := time.Date(l.IssuedOn.Year, l.IssuedOn.Month, l.IssuedOn.Day, 12, 0, 0, 0, prazo.AgencyZone)
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.SetTitle("Carta de Informação Preliminar "+l.Number, true)
	pdf.SetAuthor("PROCON/ES", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // core fonts speak cp1252
	pdf.SetMargins(20, 20, 20)
	pdf.AddPage()

	pdf.SetFont("Helvetica", "B", 14)
	pdf.CellFormat(0, 8, tr("PROCON/ES — Instituto Estadual de Proteção e Defesa do Consumidor"), "", 1, "C", false, 0, "")
	pdf.SetFont("Helvetica", "B", 13)
	pdf.CellFormat(0, 8, tr("CARTA DE INFORMAÇÃO PRELIMINAR Nº "+l.Number), "", 1, "C", false, 0, "")
	pdf.Ln(4)

	field := func(label, value string) {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(48, 6, tr(label), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 6, tr(value), "", "L", false)
	}
	field("Número de atendimento:", l.NA)
	field("Expedida em:", l.IssuedOn.FormatBR())
	field("Fornecedor:", fmt.Sprintf("%s (CPF/CNPJ %s)", l.Supplier.Name, l.Supplier.Doc))
	field("Consumidor(a):", fmt.Sprintf("%s (CPF/CNPJ %s)", l.Consumer.Name, l.Consumer.Doc))
	pdf.Ln(3)

	para := func(text string) {
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 5.5, tr(text), "", "J", false)
		pdf.Ln(2)
	}
	heading := func(text string) {
		pdf.SetFont("Helvetica", "B", 11)
		pdf.CellFormat(0, 7, tr(text), "", 1, "L", false, 0, "")
	}
	para("Com fundamento no art. 55, § 4º, da Lei 8.078/1990 e no art. 33, § 3º, do Decreto 2.181/1997, o PROCON/ES " +
		"requisita do fornecedor acima as informações, documentos e esclarecimentos sobre os fatos relatados pelo(a) " +
		"consumidor(a), podendo esta carta servir também à composição amigável entre as partes (item 4.1.2 da Norma de " +
		"Procedimentos).")
	heading("Fatos relatados")
	para(strings.TrimSpace(l.Facts))
	heading("Prazo para resposta")
	if l.Due.IsZero() {
		para("20 (vinte) dias corridos contados da data de recebimento desta carta (item 4.3.1; art. 42 do Decreto 2.181/1997).")
	} else {
		para(fmt.Sprintf("20 (vinte) dias corridos contados do recebimento desta carta, em %s, por via eletrônica: "+
			"a resposta deve chegar até %s (item 4.3.1; art. 42 do Decreto 2.181/1997).", l.IssuedOn.FormatBR(), l.Due.FormatBR()))
	}
	heading("Como responder")
	para(fmt.Sprintf("Envie a resposta por escrito, individualmente para esta CIP (item 4.3.3), por e-mail para %s, com "+
		"cópia para o(a) consumidor(a) (item 4.3.1). No assunto, escreva RESPOSTA CIP %s. No texto do e-mail informe, "+
		"obrigatoriamente, o nome do(a) consumidor(a), o seu CPF/CNPJ e o número desta CIP (item 4.3.4). Documentos e a "+
		"própria resposta somente em arquivos PDF (item 4.2.3).", l.Protocol, l.Number))
	para("A recusa em prestar as informações ou o desrespeito às determinações e convocações do PROCON/ES caracterizam " +
		"desobediência (art. 330 do Código Penal), sem prejuízo das sanções administrativas cabíveis (item 4.3.9).")

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("cip %s: %w", l.Number, err)
	}
	return buf.Bytes(), nil
}
