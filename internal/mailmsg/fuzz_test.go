package mailmsg

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParseMessage: ParseMessage never panics; what it returns is decoded
// UTF-8 and within the limits.
//
//	go test -fuzz=FuzzParseMessage -fuzztime=30s ./internal/mailmsg/
func FuzzParseMessage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "intake", "testdata", "*.eml"))
	for _, name := range files {
		if raw, err := os.ReadFile(name); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte("From: a@b.c\r\nContent-Type: text/plain; format=flowed; delsp=yes\r\n\r\nabc \r\ndef"))
	limits := Limits{MaxMessageBytes: 1 << 20, MaxAttachmentBytes: 16 << 10, MaxDepth: 8, MaxParts: 64}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseMessage(raw, limits)
		if err != nil {
			if m != nil {
				t.Fatal("message and error")
			}
			return
		}
		check := func(m *Message) {
			if !utf8.ValidString(m.Text) || !utf8.ValidString(m.Subject) {
				t.Fatalf("invalid UTF-8 text or subject")
			}
			for _, a := range m.Attachments {
				if !utf8.ValidString(a.Filename) {
					t.Fatalf("invalid UTF-8 file name %q", a.Filename)
				}
				if a.TooLarge != (a.Size > limits.MaxAttachmentBytes) || (!a.TooLarge && int64(len(a.Content)) != a.Size) {
					t.Fatalf("size bookkeeping: %+v", a)
				}
			}
		}
		check(m)
		for _, fw := range m.Forwarded {
			check(fw)
		}
	})
}

// FuzzHTMLToText: the converter never panics and returns UTF-8 for UTF-8
// input.
func FuzzHTMLToText(f *testing.F) {
	f.Add("<table><tr><td>*CPF :</td><td>1</td></tr></table><blockquote><p>x<br>y</p></blockquote>")
	f.Add("<pre>a\n b</pre><script>x</script>&nbsp;&ccedil;")
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input")
		}
	})
}
