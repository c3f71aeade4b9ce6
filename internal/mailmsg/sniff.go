package mailmsg

import (
	"bytes"
	"net/http"
	"strings"
)

// Media types returned by [DetectType] beyond those of
// net/http.DetectContentType.
const (
	TypePDF        = "application/pdf"
	TypeJPEG       = "image/jpeg"
	TypePNG        = "image/png"
	TypeEmpty      = "application/x-empty"
	TypeExecutable = "application/x-executable"
	TypeZip        = "application/zip"
)

// DetectType names the media type of content by its first bytes, never by
// a file name: PDF by the "%PDF-" magic at offset 0, JPEG by FF D8 FF, PNG by
// its 8-byte signature, Windows/ELF/Mach-O executables and ZIP containers
// (DOCX, ODT…) explicitly, anything else as net/http.DetectContentType sees
// it, without parameters.
func DetectType(content []byte) string {
	switch {
	case len(content) == 0:
		return TypeEmpty
	case bytes.HasPrefix(content, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(content, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(content, []byte("MZ")),
		bytes.HasPrefix(content, []byte("\x7fELF")),
		bytes.HasPrefix(content, []byte{0xCF, 0xFA, 0xED, 0xFE}),
		bytes.HasPrefix(content, []byte{0xFE, 0xED, 0xFA, 0xCF}):
		return TypeExecutable
	case bytes.HasPrefix(content, []byte("PK\x03\x04")):
		return TypeZip
	}
	t := http.DetectContentType(content)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}
