package mailmsg

import (
	"mime"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// parseParams splits a Content-Type or Content-Disposition value into its
// lower-cased first token and its parameters, leniently: unquoted values
// with spaces, RFC 2231 extended values in any charset and continuations,
// and RFC 2047 encoded words inside quoted values (a common violation) are
// all decoded. Parameter names are lower-cased.
func parseParams(v string) (string, map[string]string) {
	tokens := splitParams(v)
	if len(tokens) == 0 {
		return "", map[string]string{}
	}
	head := strings.ToLower(strings.TrimSpace(tokens[0]))
	plain := map[string]string{}
	type segment struct {
		n       int
		encoded bool
		value   string
	}
	extended := map[string][]segment{}
	for _, t := range tokens[1:] {
		k, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = unquote(strings.TrimSpace(val))
		if k == "" {
			continue
		}
		name, idx, isExt := strings.Cut(k, "*")
		if !isExt {
			if _, dup := plain[k]; !dup {
				plain[k] = val
			}
			continue
		}
		// name*=…, name*0=…, name*0*=…, name*1*=…
		seg := segment{value: val}
		switch {
		case idx == "":
			seg.encoded = true
		default:
			seg.encoded = strings.HasSuffix(idx, "*")
			n, err := strconv.Atoi(strings.TrimSuffix(idx, "*"))
			if err != nil || n < 0 || n > 1000 {
				continue
			}
			seg.n = n
		}
		extended[name] = append(extended[name], seg)
	}
	out := map[string]string{}
	for k, v := range plain {
		out[k] = decodeWords(v)
	}
	for name, segs := range extended {
		sort.SliceStable(segs, func(i, j int) bool { return segs[i].n < segs[j].n })
		cs := ""
		var raw []byte
		for i, s := range segs {
			val := s.value
			if s.encoded {
				if i == 0 {
					// charset'language'value
					parts := strings.SplitN(val, "'", 3)
					if len(parts) == 3 {
						cs, val = parts[0], parts[2]
					}
				}
				raw = append(raw, pctDecode(val)...)
			} else {
				raw = append(raw, val...)
			}
		}
		out[name] = decodeText(raw, cs)
	}
	return head, out
}

// splitParams splits on ';' outside double quotes.
func splitParams(v string) []string {
	var out []string
	var cur strings.Builder
	inQuote, esc := false, false
	for _, r := range v {
		switch {
		case esc:
			esc = false
		case r == '\\' && inQuote:
			esc = true
		case r == '"':
			inQuote = !inQuote
		case r == ';' && !inQuote:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	out = append(out, cur.String())
	return out
}

func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' {
		return s
	}
	s = s[1:]
	if i := lastUnescapedQuote(s); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	esc := false
	for _, r := range s {
		if !esc && r == '\\' {
			esc = true
			continue
		}
		esc = false
		b.WriteRune(r)
	}
	return b.String()
}

func lastUnescapedQuote(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '"' && (i == 0 || s[i-1] != '\\') {
			return i
		}
	}
	return -1
}

func pctDecode(s string) []byte {
	if u, err := url.PathUnescape(s); err == nil {
		return []byte(u)
	}
	// Lenient: decode valid %XX, keep the rest.
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

// decodeWords decodes RFC 2047 encoded words, falling back to the input, and
// repairs 8-bit text that is not UTF-8.
func decodeWords(s string) string {
	if strings.Contains(s, "=?") {
		dec := mime.WordDecoder{CharsetReader: charsetReader}
		if d, err := dec.DecodeHeader(s); err == nil {
			s = d
		}
	}
	return decodeText([]byte(s), "")
}
