package intake

import (
	"regexp"
	"strings"
)

// rawPerson holds the non-empty values found for one block of the form.
type rawPerson map[fieldKey]string

// rawForm is the form as read from the body, before validation.
type rawForm struct {
	consumer rawPerson
	rep      rawPerson
	// represented is the answer to "Você está sendo representado por um
	// procurador?": "sim", "nao" or "".
	represented string
	suppliers   []rawPerson
	relato      []string
}

// parseForm reads the labelled lines of the form from an e-mail body.
//
// Sections start at their headers (CAMPO I, CAMPO II, FORNECEDOR…,
// RELATO, DOCUMENTOS; see header); lines before any header belong to
// CAMPO I. Within a section, values are taken from "LABEL: value" lines
// (see splitLabels); lines without a label are ignored, except in the
// relato, which takes every line up to the next header or the "-- "
// signature delimiter. After the signature nothing is read until a header;
// in an ignored section (DOCUMENTOS, a pasted annex) a labelled line with a
// value resumes the section before it. The first non-empty value of a field wins, except in
// the supplier section, where a field that is already filled — or a NOME
// after other fields — starts the next supplier, as Annex VII repeats its
// block without headers.
//
// Quoted lines ("> …") are ignored, unless the unquoted text has no label at
// all: then the quoted form is read (a complaint forwarded with quoting).
func parseForm(body string) *rawForm {
	lines := strings.Split(strings.ReplaceAll(body, "\r", ""), "\n")
	lines = dropQuoted(lines)

	f := &rawForm{consumer: rawPerson{}, rep: rawPerson{}}
	sec, resume := secConsumer, secConsumer
	for _, line := range lines {
		if isSignatureDelimiter(line) {
			sec = secSignature
			continue
		}
		if s, rest, ok := header(line, sec == secRelato); ok {
			if s == secIgnore && sec != secIgnore && sec != secRelato && sec != secSignature {
				resume = sec
			}
			sec = s
			if s == secSupplier {
				f.suppliers = append(f.suppliers, rawPerson{})
			}
			if s == secRelato && rest != "" {
				f.relato = append(f.relato, rest)
			}
			continue
		}
		switch sec {
		case secRelato:
			f.relato = append(f.relato, strings.TrimRight(line, " \t"))
			continue
		case secSignature:
			continue
		case secIgnore:
			// "Documentos anexados" typed before the form must not
			// swallow it: a labelled line resumes the previous section.
			if !hasValue(splitLabels(line)) {
				continue
			}
			sec = resume
		}
		if w := foldWords(line); strings.Contains(w, "representado por") || strings.HasPrefix(w, "representado ") {
			if ans := yesNo(line); ans != "" {
				f.represented = ans
			}
			continue
		}
		for _, lv := range splitLabels(line) {
			f.assign(sec, lv)
		}
	}
	return f
}

// hasValue reports a labelled line with at least one value.
func hasValue(lvs []labelValue) bool {
	for _, lv := range lvs {
		if lv.value != "" {
			return true
		}
	}
	return false
}

// dropQuoted removes quoted lines, or unquotes them when they are the only
// place the form is.
func dropQuoted(lines []string) []string {
	var plain, unquoted []string
	quoted := false
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, ">") {
			quoted = true
			for strings.HasPrefix(t, ">") {
				t = strings.TrimLeft(t[1:], " \t")
			}
			unquoted = append(unquoted, t)
			continue
		}
		plain = append(plain, l)
		unquoted = append(unquoted, l)
	}
	if !quoted || countLabels(plain) > 0 {
		return dropAttribution(lines, plain)
	}
	return unquoted
}

// dropAttribution removes the "Em …, Fulano escreveu:" / "On …, X wrote:"
// line that introduces a quoted message.
func dropAttribution(lines, plain []string) []string {
	attribution := map[string]bool{}
	for i, l := range lines {
		t := strings.ToLower(strings.TrimSpace(l))
		if !strings.HasSuffix(t, "escreveu:") && !strings.HasSuffix(t, "wrote:") {
			continue
		}
		for _, next := range lines[i+1:] {
			n := strings.TrimSpace(next)
			if n == "" {
				continue
			}
			if strings.HasPrefix(n, ">") {
				attribution[l] = true
			}
			break
		}
	}
	if len(attribution) == 0 {
		return plain
	}
	out := plain[:0:0]
	for _, l := range plain {
		if !attribution[l] {
			out = append(out, l)
		}
	}
	return out
}

// countLabels counts the labelled values in lines.
func countLabels(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(splitLabels(l))
	}
	return n
}

func (f *rawForm) assign(sec section, lv labelValue) {
	if lv.value == "" {
		return
	}
	switch lv.key {
	case keyKind:
		setFirst(f.rep, keyKind, kindOf(lv.value))
		return
	case keyPriority:
		setFirst(f.consumer, keyPriority, lv.value)
		return
	}
	switch sec {
	case secRepresentative:
		if lv.key == keyBirth || lv.key == keyPriority {
			return
		}
		setPerson(f.rep, lv.key, lv.value, keyUF)
	case secSupplier:
		if lv.key == keyBirth || lv.key == keyRG || lv.key == keyIssuer || lv.key == keyOAB {
			return
		}
		key := lv.key
		if len(f.suppliers) == 0 {
			f.suppliers = append(f.suppliers, rawPerson{})
		}
		cur := f.suppliers[len(f.suppliers)-1]
		if key == keyUF {
			key = keyState
		}
		if key == keyPhone {
			switch {
			case cur[keyPhone1] == "":
				key = keyPhone1
			case cur[keyPhone2] == "":
				key = keyPhone2
			}
		}
		if cur[key] != "" || (key == keyName && len(cur) > 0) {
			cur = rawPerson{}
			f.suppliers = append(f.suppliers, cur)
		}
		cur[key] = lv.value
	default:
		if lv.key == keyIssuer || lv.key == keyOAB {
			// CAMPO II data typed before its header.
			setFirst(f.rep, lv.key, lv.value)
			return
		}
		setPerson(f.consumer, lv.key, lv.value, keyState)
	}
}

// setPerson stores a value in a consumer or representative block: the
// unnumbered phone fills phone1 then phone2, and "UF" goes to ufKey (the
// state for the consumer, the issuing body's UF for the procurador).
func setPerson(p rawPerson, key fieldKey, value string, ufKey fieldKey) {
	switch key {
	case keyPhone:
		if p[keyPhone1] == "" {
			key = keyPhone1
		} else {
			key = keyPhone2
		}
	case keyUF:
		key = ufKey
	}
	setFirst(p, key, value)
}

func setFirst(p rawPerson, key fieldKey, value string) {
	if value != "" && p[key] == "" {
		p[key] = value
	}
}

// checkboxRe matches "( ) Sim", "(X) Não", "[x] Advogado".
var checkboxRe = regexp.MustCompile(`[(\[]\s*([^)\]\s]?)\s*[)\]]\s*([\p{L}]+)`)

// checked returns the options of a checkbox line that are marked, and
// whether the line has checkboxes at all.
func checked(s string) (marked []string, boxes bool) {
	for _, m := range checkboxRe.FindAllStringSubmatch(s, -1) {
		boxes = true
		if m[1] != "" {
			marked = append(marked, foldWords(m[2]))
		}
	}
	return marked, boxes
}

// yesNo reads the answer to the "representado por um procurador?" line:
// a marked box, or a plain "sim"/"não" after the question.
func yesNo(line string) string {
	marked, boxes := checked(line)
	if !boxes {
		rest := line
		if i := strings.LastIndexAny(rest, "?:"); i >= 0 {
			rest = rest[i+1:]
		}
		marked = strings.Fields(foldWords(rest))
	}
	for _, m := range marked {
		switch m {
		case "sim", "s":
			return "sim"
		case "nao", "n":
			return "nao"
		}
	}
	return ""
}

// kindOf normalises the procurador's kind: a marked box or the word typed.
func kindOf(v string) string {
	marked, boxes := checked(v)
	if boxes {
		if len(marked) == 0 {
			return ""
		}
		v = marked[0]
	}
	w := foldWords(v)
	switch {
	case w == "":
		return ""
	case strings.Contains(w, "advog"):
		return "advogado"
	case strings.Contains(w, "famil"):
		return "familiar"
	default:
		return "outro"
	}
}

// relatoText joins the relato lines, without leading, trailing or repeated
// blank lines.
func (f *rawForm) relatoText() string {
	var out []string
	blank := false
	for _, l := range f.relato {
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	s := strings.Join(out, "\n")
	if !hasAlnum(s) {
		return ""
	}
	return s
}
