package intake

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/procon-es/procon/internal/mailmsg"
)

var knownCodes = map[Code]bool{
	CodeMissingField: true, CodeInvalidField: true, CodeMissingDocument: true,
	CodeAttachmentNotAllowed: true, CodeAttachmentTooLarge: true, CodeUnreadableMessage: true,
}

// FuzzCheck feeds arbitrary bytes to Check, seeded with the golden corpus.
// Invariants: no panic; valid ⇔ no problems; known codes with a field and
// a message; arrays never nil; the report marshals to valid UTF-8 JSON;
// every accepted document has an accepted content type; the cancellation
// reply can be composed.
//
//	go test -fuzz=FuzzCheck -fuzztime=30s ./internal/intake/
//
// Failing inputs are kept under testdata/fuzz/FuzzCheck.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(""))
	f.Add([]byte("From: a@b.c\r\n\r\n" + FormTemplate))
	limits := mailmsg.Limits{MaxMessageBytes: 1 << 20, MaxAttachmentBytes: 32 << 10}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r := Check(raw, Options{Now: corpusNow, Limits: limits})
		if r.Valid != (len(r.Problems) == 0) {
			t.Fatalf("valid=%v with %d problems", r.Valid, len(r.Problems))
		}
		if r.Problems == nil || r.Documents == nil || r.Form.Suppliers == nil {
			t.Fatal("nil slice in report")
		}
		for _, p := range r.Problems {
			if !knownCodes[p.Code] || p.Field == "" || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		for _, d := range r.Documents {
			if !allowedType(d.Kind, d.ContentType) || d.Size > limits.MaxAttachmentBytes {
				t.Fatalf("document accepted against the rules: %+v", d)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Fatal("report JSON is not UTF-8")
		}
		if _, body := CancellationReply(r); !r.Valid && body == "" {
			t.Fatal("empty cancellation reply")
		}
	})
}
