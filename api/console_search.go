package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// searchPage is the search form and its results.
type searchPage struct {
	page
	// The form's values, as typed.
	Query, Status, DueBefore string
	Statuses                 []statusOption
	Searched                 bool
	Error                    string
	Rows                     []queueRow
	ShowNames                bool
	// Next is the NA after which the next page starts ("" for none).
	Next string
}

// Ordered says the results are in no queue's order (NA order): no position is shown.
func (searchPage) Ordered() bool { return false }

// statusOption is a status in the search form's list.
type statusOption struct{ Value, Words string }

// consoleSearch finds cases by NA, CPF/CNPJ, consumer or supplier name, status and
// deadline. Roles that may not see a consumer's personal data search by supplier only.
func (s *Server) consoleSearch() gin.HandlerFunc {
	return func(c *gin.Context) {
		p := searchPage{page: s.newPage(c, "Busca", "/interno/busca"), Query: strings.TrimSpace(c.Query("q")),
			Status: c.Query("situacao"), DueBefore: c.Query("vence_antes")}
		p.ShowNames = personalDataRoles[p.Staff.Role]
		for _, st := range sortedStatuses() {
			p.Statuses = append(p.Statuses, statusOption{st, statusInWords(st)})
		}
		p.Searched = p.Query != "" || p.Status != "" || p.DueBefore != ""
		if !p.Searched {
			s.render(c, http.StatusOK, "busca", p)
			return
		}
		f := store.CaseFilter{Status: p.Status, After: c.Query("apos"), Limit: consolePageSize}
		if _, ok := statusWords[p.Status]; p.Status != "" && !ok {
			p.Error = "Situação desconhecida: escolha uma da lista."
		}
		if p.DueBefore != "" {
			d, err := prazo.ParseDate(p.DueBefore)
			if err != nil {
				p.Error = "Data inválida em “Prazo vence antes de”: use o seletor de data (AAAA-MM-DD)."
			} else {
				t := d.Midnight(time.UTC)
				f.DueBefore = &t
			}
		}
		switch q := p.Query; {
		case q == "":
		case naPattern.MatchString(strings.ToUpper(q)):
			f.NA = strings.ToUpper(q)
		case looksLikeDoc(q) && len(taxid.Clean(q)) == 11 && p.ShowNames:
			f.ConsumerDoc = taxid.Clean(q) // a CPF: the consumer's; a supplier may be a person too
		case looksLikeDoc(q):
			f.SupplierDoc = taxid.Clean(q)
		case p.ShowNames:
			f.ConsumerName = q
		default:
			f.SupplierName = q
		}
		if p.Error != "" {
			s.render(c, http.StatusBadRequest, "busca", p)
			return
		}
		cases, err := s.searchCases(c, f, p.ShowNames && f.ConsumerName != "")
		if err != nil {
			_ = c.Error(err)
			s.pageFailure(c, &failure{http.StatusServiceUnavailable, CodeUnavailable, "A busca não pôde ser feita agora. Tente novamente."})
			return
		}
		today := prazo.CivilDate(time.Now())
		for i, cs := range cases {
			p.Rows = append(p.Rows, rowOf(i+1, cs, "", today))
		}
		if len(cases) == consolePageSize {
			p.Next = cases[len(cases)-1].NA
		}
		s.render(c, http.StatusOK, "busca", p)
	}
}

// searchCases lists the cases of f; a consumer's name also finds the suppliers of that
// name (alsoSuppliers), the cases merged in NA order.
func (s *Server) searchCases(c *gin.Context, f store.CaseFilter, alsoSuppliers bool) ([]store.Case, error) {
	cases, err := s.store.ListCases(c.Request.Context(), f)
	if err != nil || !alsoSuppliers {
		return cases, err
	}
	g := f
	g.ConsumerName, g.SupplierName = "", f.ConsumerName
	more, err := s.store.ListCases(c.Request.Context(), g)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, cs := range cases {
		seen[cs.NA] = true
	}
	for _, cs := range more {
		if !seen[cs.NA] {
			cases = append(cases, cs)
		}
	}
	slices.SortFunc(cases, func(a, b store.Case) int { return strings.Compare(a.NA, b.NA) })
	if len(cases) > f.Limit {
		cases = cases[:f.Limit]
	}
	return cases, nil
}
