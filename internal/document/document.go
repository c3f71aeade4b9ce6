// Package document renders the agency's formal documents (notifications, the Termo de
// Audiência) as PDF: a heading, the identifying fields, then titled sections of text.
package document

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/procon-es/procon/internal/prazo"
)

// Field is one labelled line under the title ("Número de atendimento: NA-…").
type Field struct {
	Label, Value string
}

// Section is a titled part of the body; an empty Heading continues the text.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Document is what a formal document says.
type Document struct {
	// Title is the document's name in capitals, e.g. "NOTIFICAÇÃO PARA APRESENTAÇÃO DE
	// DEFESA"; it is also the PDF's title.
	Title string
	// IssuedOn dates the document and fixes its metadata, so that the same document
	// renders to the same bytes (a retried delivery attaches the identical file).
	IssuedOn prazo.Date
	Fields   []Field
	Sections []Section
}

// agency heads every document.
const agency = "PROCON/ES — Instituto Estadual de Proteção e Defesa do Consumidor"

// PDF renders the document as an A4 PDF, in Portuguese. Left uncompressed: it is small,
// and its text can be searched as it is.
func (d Document) PDF() ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	issued := time.Date(d.IssuedOn.Year, d.IssuedOn.Month, d.IssuedOn.Day, 12, 0, 0, 0, prazo.AgencyZone)
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.SetTitle(d.Title, true)
	pdf.SetAuthor("PROCON/ES", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // core fonts speak cp1252
	pdf.SetMargins(20, 20, 20)
	pdf.AddPage()

	pdf.SetFont("Helvetica", "B", 14)
	pdf.CellFormat(0, 8, tr(agency), "", 1, "C", false, 0, "")
	pdf.SetFont("Helvetica", "B", 13)
	pdf.MultiCell(0, 8, tr(d.Title), "", "C", false)
	pdf.Ln(4)
	for _, f := range d.Fields {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(48, 6, tr(f.Label), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 6, tr(f.Value), "", "L", false)
	}
	pdf.Ln(3)
	for _, s := range d.Sections {
		if s.Heading != "" {
			pdf.SetFont("Helvetica", "B", 11)
			pdf.CellFormat(0, 7, tr(s.Heading), "", 1, "L", false, 0, "")
		}
		for _, p := range s.Paragraphs {
			pdf.SetFont("Helvetica", "", 10)
			pdf.MultiCell(0, 5.5, tr(strings.TrimSpace(p)), "", "J", false)
			pdf.Ln(2)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Title, err)
	}
	return buf.Bytes(), nil
}
