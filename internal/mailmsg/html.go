package mailmsg

import (
	"strings"

	"golang.org/x/net/html"
)

// maxHTMLTokens bounds the work spent converting one HTML body.
const maxHTMLTokens = 1 << 20

// HTMLToText renders an HTML body as plain text, for senders whose mail
// client sends HTML only:
//
//   - tags are dropped and entities decoded (&nbsp; becomes a space);
//   - <br> breaks the line; block elements (p, div, tr, li, h1–h6, table,
//     blockquote, pre, hr…) start and end lines;
//   - table cells of one row are separated by a tab, so a two-column form
//     ("*CPF/CNPJ :" | "123" | "*RG :" | "456") stays on one line;
//   - script, style, head and title content is skipped;
//   - runs of white space collapse, except inside <pre>;
//   - text inside <blockquote> is prefixed with "> ", as a quoted reply in
//     plain text would be;
//   - more than one blank line in a row collapses to one.
func HTMLToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	w := &textWriter{}
	skip, pre := 0, 0
	for range maxHTMLTokens {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			w.text(string(z.Text()), pre > 0)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			start := tt != html.EndTagToken
			switch tag {
			case "script", "style", "head", "title", "noscript", "template":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "br":
				w.newline()
			case "td", "th":
				if start {
					w.cell()
				}
			case "pre":
				w.block()
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			case "blockquote":
				w.block()
				if tt == html.StartTagToken {
					w.quote++
				} else if tt == html.EndTagToken && w.quote > 0 {
					w.quote--
				}
			case "p", "div", "tr", "li", "ul", "ol", "dl", "dt", "dd", "table",
				"h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "article",
				"header", "footer", "address", "form", "fieldset", "center",
				"tbody", "thead", "tfoot", "caption", "main", "nav", "aside", "body", "html":
				w.block()
			}
		}
	}
	w.newline()
	return w.result()
}

type textWriter struct {
	lines    []string
	cur      strings.Builder
	curQuote int
	quote    int
	space    bool // a collapsed space is pending
}

func (w *textWriter) text(t string, pre bool) {
	t = strings.ReplaceAll(t, "\u00a0", " ")
	if pre {
		parts := strings.Split(strings.ReplaceAll(t, "\r\n", "\n"), "\n")
		for i, p := range parts {
			if i > 0 {
				w.newline()
			}
			w.write(p)
		}
		return
	}
	if t == "" {
		return
	}
	lead := isHTMLSpace(rune(t[0]))
	trail := isHTMLSpace(rune(t[len(t)-1]))
	fields := strings.FieldsFunc(t, isHTMLSpace)
	if len(fields) == 0 {
		w.space = true
		return
	}
	if lead {
		w.space = true
	}
	w.write(strings.Join(fields, " "))
	w.space = trail
}

func (w *textWriter) write(s string) {
	if s == "" {
		return
	}
	if w.cur.Len() == 0 {
		w.curQuote = w.quote
	} else if w.space {
		w.cur.WriteByte(' ')
	}
	w.space = false
	w.cur.WriteString(s)
}

func (w *textWriter) cell() {
	if w.cur.Len() > 0 {
		w.cur.WriteByte('\t')
	}
	w.space = false
}

func (w *textWriter) block() {
	if w.cur.Len() > 0 {
		w.newline()
	}
}

func (w *textWriter) newline() {
	line := strings.TrimRight(w.cur.String(), " \t")
	if line != "" && w.curQuote > 0 {
		line = strings.Repeat("> ", w.curQuote) + line
	}
	w.lines = append(w.lines, line)
	w.cur.Reset()
	w.space = false
}

func (w *textWriter) result() string {
	var out []string
	blank := 0
	for _, l := range w.lines {
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
