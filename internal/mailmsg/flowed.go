package mailmsg

import "strings"

// unflow joins the soft-wrapped lines of a format=flowed text/plain body
// (RFC 3676 §4): a line ending in a space continues on the next line of
// the same quote depth; with delsp=yes that space is deleted. Space
// stuffing is removed and quoted lines keep a "> " prefix per level. The
// signature separator "-- " is never flowed.
//
// Mail clients such as Thunderbird send format=flowed by default, so a long
// form line ("ENDEREÇO: …") would otherwise arrive cut in two.
func unflow(text string, delsp bool) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	var cur strings.Builder
	depth, open := 0, false
	flush := func() {
		prefix := ""
		if depth > 0 {
			prefix = strings.Repeat(">", depth) + " "
		}
		out = append(out, prefix+cur.String())
		cur.Reset()
		open = false
	}
	for _, line := range lines {
		d := 0
		for d < len(line) && line[d] == '>' {
			d++
		}
		content := strings.TrimPrefix(line[d:], " ")
		if open && d != depth {
			flush()
		}
		depth = d
		flowed := strings.HasSuffix(content, " ") && content != "-- "
		if flowed && delsp {
			content = content[:len(content)-1]
		}
		cur.WriteString(content)
		if flowed {
			open = true
			continue
		}
		flush()
	}
	if open {
		flush()
	}
	return strings.Join(out, "\n")
}
