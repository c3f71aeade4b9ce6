package document

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/procon-es/procon/internal/prazo"
)

// A document renders its title, fields and text, and the same document renders to the
// same bytes: a retried delivery attaches the identical file.
func TestDocumentRendersItsTextTheSameEveryTime(t *testing.T) {
	d := Document{Title: "TERMO DE AUDIÊNCIA", IssuedOn: prazo.MustParseDate("2026-04-20"),
		Fields:   []Field{{Label: "Processo (NA):", Value: "NA-2026-000042"}},
		Sections: []Section{{Heading: "Resultado", Paragraphs: []string{"Acordo: entrega até 20/05/2026."}}}}
	a, err := d.PDF()
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Equal(a, b) {
		t.Fatal("not a PDF, or not the same bytes twice")
	}
	for _, s := range []string{"TERMO DE AUDIÊNCIA", "NA-2026-000042", "Resultado", "entrega até 20/05/2026"} {
		enc, _ := charmap.Windows1252.NewEncoder().String(s)
		if !bytes.Contains(a, []byte(enc)) {
			t.Errorf("the PDF does not show %q", s)
		}
	}
}
