package intake

import (
	"regexp"
	"strconv"
	"time"

	"github.com/procon-es/procon/internal/prazo"
)

var (
	dmyRe = regexp.MustCompile(`^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})\s*$`)
	ymdRe = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$`)
)

// dateProblem tells why a date is not accepted.
type dateProblem int

const (
	dateOK dateProblem = iota
	dateFormat
	dateShortYear
	dateNotReal
	dateFuture
	dateTooOld
)

// parseBirthDate reads a date typed as DD/MM/AAAA (also with "-" or "."
// separators, or as AAAA-MM-DD) and checks that it exists, is not after
// today (in Brasília) and not before 1900-01-01. It returns YYYY-MM-DD.
func parseBirthDate(s string, now time.Time) (string, dateProblem) {
	var y, m, d int
	if g := dmyRe.FindStringSubmatch(s); g != nil {
		if len(g[3]) != 4 {
			return "", dateShortYear
		}
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := ymdRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else {
		return "", dateFormat
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, prazo.AgencyZone)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", dateNotReal
	}
	nowY, nowM, nowD := now.In(prazo.AgencyZone).Date()
	today := time.Date(nowY, nowM, nowD, 0, 0, 0, 0, prazo.AgencyZone)
	if t.After(today) {
		return "", dateFuture
	}
	if y < 1900 {
		return "", dateTooOld
	}
	return t.Format("2006-01-02"), dateOK
}

// ageOn returns the age in whole years on now of someone born on birth
// (YYYY-MM-DD).
func ageOn(birth string, now time.Time) int {
	b, err := time.ParseInLocation("2006-01-02", birth, prazo.AgencyZone)
	if err != nil {
		return 0
	}
	n := now.In(prazo.AgencyZone)
	age := n.Year() - b.Year()
	if n.Month() < b.Month() || n.Month() == b.Month() && n.Day() < b.Day() {
		age--
	}
	return age
}
