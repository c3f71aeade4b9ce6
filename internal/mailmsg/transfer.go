package mailmsg

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// decodeTransfer undoes a Content-Transfer-Encoding. It never fails:
// quoted-printable and base64 are decoded leniently, unknown encodings are
// returned as they are (ok false).
func decodeTransfer(enc string, body []byte) ([]byte, bool) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "7bit", "8bit", "binary":
		return body, true
	case "quoted-printable":
		return decodeQP(body), true
	case "base64":
		return decodeBase64(body), true
	default:
		return body, false
	}
}

// decodeQP decodes quoted-printable (RFC 2045 §6.7): "=XX" escapes in either
// case, soft line breaks, trailing whitespace on encoded lines dropped. A
// lone "=" not followed by two hex digits is kept literally.
func decodeQP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			line, b = b, nil
		}
		hasNL := len(line) > 0 && line[len(line)-1] == '\n'
		content := line
		if hasNL {
			content = content[:len(content)-1]
		}
		// Trailing transport whitespace (including CR) is not content.
		for len(content) > 0 && (content[len(content)-1] == ' ' || content[len(content)-1] == '\t' || content[len(content)-1] == '\r') {
			content = content[:len(content)-1]
		}
		soft := len(content) > 0 && content[len(content)-1] == '='
		if soft {
			content = content[:len(content)-1]
		}
		for i := 0; i < len(content); i++ {
			c := content[i]
			if c == '=' && i+2 < len(content) && isHex(content[i+1]) && isHex(content[i+2]) {
				out = append(out, unhex(content[i+1])<<4|unhex(content[i+2]))
				i += 2
				continue
			}
			out = append(out, c)
		}
		if hasNL && !soft {
			out = append(out, '\n')
		}
	}
	return out
}

// decodeBase64 decodes base64 ignoring every character outside the
// alphabet (line breaks, spaces, stray garbage); the first "=" padding ends
// the data, so text a gateway appended after it is dropped; a trailing
// incomplete quantum is dropped too.
func decodeBase64(b []byte) []byte {
	clean := make([]byte, 0, len(b))
scan:
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '=':
			break scan
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, err := base64.RawStdEncoding.Decode(out, clean)
	if err != nil {
		// Cannot happen with a filtered alphabet, but keep what decoded.
		return out[:n]
	}
	return out[:n]
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
