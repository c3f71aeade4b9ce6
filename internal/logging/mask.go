package logging

import "regexp"

var (
	// emailRe matches an e-mail address; the local part is masked, the domain kept.
	emailRe = regexp.MustCompile(`([A-Za-z0-9._%+\-]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,}|[A-Za-z0-9\-]+)`)
	// cpfRe matches a CPF, formatted (123.456.789-09) or as 11 bare digits.
	cpfRe = regexp.MustCompile(`\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b`)
	// bearerRe matches a bearer token in a header echoed into a log line.
	bearerRe = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._\-~+/=]+`)
)

// Mask replaces the personal data it recognises in s: CPFs become "***.***.***-NN"
// (the last two digits kept to tell records apart), e-mail addresses keep only their
// first letter and domain, bearer tokens are removed.
func Mask(s string) string {
	s = bearerRe.ReplaceAllString(s, "${1}[redacted]")
	s = cpfRe.ReplaceAllStringFunc(s, func(m string) string {
		return "***.***.***-" + m[len(m)-2:]
	})
	s = emailRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := emailRe.FindStringSubmatch(m)
		return sub[1][:1] + "***@" + sub[2]
	})
	return s
}
