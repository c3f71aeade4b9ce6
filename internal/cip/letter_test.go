package cip

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/procon-es/procon/internal/prazo"
)

var letter = Letter{
	Number: "CIP-2026-000123-1", NA: "NA-2026-000123", IssuedOn: prazo.MustParseDate("2026-03-02"),
	Supplier: Party{Name: "Loja Exemplo Ltda", Doc: "11.222.333/0001-81"},
	Consumer: Party{Name: "Maria da Conceição", Doc: "529.982.247-25"},
	Facts:    "Comprei uma geladeira que não foi entregue.", Due: prazo.MustParseDate("2026-03-23"),
	Protocol: "protocolo@procon.es.gov.br",
}

// contains reports whether the letter's text shows s (core fonts write cp1252).
func contains(t *testing.T, pdf []byte, s string) bool {
	t.Helper()
	enc, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(pdf, []byte(enc))
}

// 004 §4.1.2, §4.3.1, §4.3.4: the letter names the CIP, both parties, the facts, the due
// date and what the answer must carry.
func TestLetterSaysWhatTheSupplierNeeds_004_4_3_4(t *testing.T) {
	pdf, err := letter.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:16])
	}
	for _, want := range []string{
		"CIP-2026-000123-1", "NA-2026-000123", "Loja Exemplo Ltda", "Maria da Conceição", "529.982.247-25",
		"geladeira que não foi entregue", "23/03/2026", "RESPOSTA CIP CIP-2026-000123-1", "protocolo@procon.es.gov.br",
		"somente em arquivos PDF",
	} {
		if !contains(t, pdf, want) {
			t.Errorf("the letter does not say %q", want)
		}
	}
}

// 004 §4.2.1 II–III: a letter delivered by hand counts the 20 days from its receipt.
func TestLetterForDeliveryByHandCountsFromReceipt(t *testing.T) {
	l := letter
	l.Due = prazo.Date{}
	pdf, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !contains(t, pdf, "contados da data de recebimento desta carta") || contains(t, pdf, "23/03/2026") {
		t.Error("a letter of unknown receipt must count from the receipt and name no date")
	}
}

// A retried delivery attaches the identical file.
func TestLetterRendersTheSameBytes(t *testing.T) {
	a, err := letter.PDF()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := letter.PDF()
	if !bytes.Equal(a, b) {
		t.Fatal("the same letter rendered two different PDFs")
	}
}
