package mailmsg

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding/charmap"
)

// maxDecodedText caps the decoded size of one text part, so a hostile
// charset cannot blow up memory.
const maxDecodedText = 16 << 20

// charsetReader adapts go-message's charset table (ISO-8859-*, Windows-125x,
// and the rest of the IANA and WHATWG registries) for mime.WordDecoder.
func charsetReader(cs string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(cs) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	}
	return charset.Reader(cs, r)
}

// decodeText turns raw text in charset cs into UTF-8 with LF line ends.
//
//   - No charset, US-ASCII or UTF-8: kept when valid UTF-8, otherwise read as
//     Windows-1252 (the usual undeclared 8-bit charset of Brazilian mail).
//   - ISO-8859-1 (and aliases): decoded, then the C1 controls U+0080–U+009F,
//     which no one types, are mapped as Windows-1252 (“ ” – € …), as
//     WHATWG prescribes for mislabelled Windows-1252.
//   - Any other known charset: decoded by go-message/charset.
//   - Unknown charset: treated as undeclared.
func decodeText(raw []byte, cs string) string {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	cs = strings.ToLower(strings.Trim(strings.TrimSpace(cs), `"'`))
	var s string
	switch cs {
	case "", "us-ascii", "ascii", "utf-8", "utf8", "unknown-8bit", "x-unknown":
		s = undeclared(raw)
	default:
		r, err := charset.Reader(cs, bytes.NewReader(raw))
		if err != nil || r == nil {
			s = undeclared(raw)
			break
		}
		out, err := io.ReadAll(io.LimitReader(r, maxDecodedText))
		if err != nil && len(out) == 0 {
			s = undeclared(raw)
			break
		}
		s = strings.ToValidUTF8(string(out), "\uFFFD")
		s = fixC1(s)
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

func undeclared(raw []byte) string {
	if utf8.Valid(raw) {
		return string(raw)
	}
	return decodeWindows1252(raw)
}

func decodeWindows1252(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw) + len(raw)/4)
	for _, c := range raw {
		b.WriteRune(charmap.Windows1252.DecodeByte(c))
	}
	return b.String()
}

// fixC1 maps C1 control characters to their Windows-1252 meaning.
func fixC1(s string) string {
	if !strings.ContainsFunc(s, isC1) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isC1(r) {
			return charmap.Windows1252.DecodeByte(byte(r))
		}
		return r
	}, s)
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }
