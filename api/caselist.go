package api

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// Page sizes of GET /api/v1/cases.
const (
	defaultCasePage = 50
	maxCasePage     = 200
)

// caseSummary is one case of a staff list: no personal data but the consumer's name,
// and that only to the roles that handle the complaint.
type caseSummary struct {
	NA              string     `json:"na"`
	Status          string     `json:"situacao"`
	ConsumerName    string     `json:"consumidor_nome,omitempty"`
	SupplierNames   []string   `json:"fornecedores_nomes"`
	CurrentDeadline *time.Time `json:"vence_em,omitempty"`
	DeadlineRule    string     `json:"regra_prazo,omitempty"`
	CreatedAt       time.Time  `json:"criado_em"`
}

// listCases lists cases for staff, filtered by status, supplier (CNPJ/CPF or part of
// the name) and deadline (vence_antes: due before that day), a page at a time: the
// answer's "proxima" is the "apos" of the next page.
func (s *Server) listCases() gin.HandlerFunc {
	return func(c *gin.Context) {
		// situacao, as the case's key; status, as before this release, still works.
		f := store.CaseFilter{Status: cmp.Or(c.Query("situacao"), c.Query("status")), After: c.Query("apos")}
		var ok bool
		if sup := c.Query("fornecedor"); sup != "" {
			if looksLikeDoc(sup) {
				f.SupplierDoc = taxid.Clean(sup)
			} else {
				f.SupplierName = sup
			}
		}
		if v := c.Query("vence_antes"); v != "" {
			d, err := prazo.ParseDate(v)
			if err != nil {
				abort(c, http.StatusBadRequest, CodeInvalidDate, "vence_antes inválido: use AAAA-MM-DD.")
				return
			}
			t := d.Midnight(time.UTC)
			f.DueBefore = &t
		}
		if f.Limit, ok = limitParam(c); !ok {
			return
		}
		cases, err := s.store.ListCases(c.Request.Context(), f)
		if err != nil {
			internalError(c, err)
			return
		}
		showNames := personalDataRoles[staffOf(c).Role]
		out := make([]caseSummary, 0, len(cases))
		for _, cs := range cases {
			out = append(out, summarize(cs, showNames))
		}
		next := ""
		if len(cases) == f.Limit {
			next = cases[len(cases)-1].NA
		}
		c.JSON(http.StatusOK, gin.H{"casos": out, "proxima": next})
	}
}

// limitParam reads the page size "limite" (1 to maxCasePage, default defaultCasePage);
// on a bad value it answers the 400 itself.
func limitParam(c *gin.Context) (int, bool) {
	v := c.Query("limite")
	if v == "" {
		return defaultCasePage, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxCasePage {
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "limite inválido: use um número de 1 a "+strconv.Itoa(maxCasePage)+".")
		return 0, false
	}
	return n, true
}

// summarize is a case as a list shows it; the consumer's name only with showName.
func summarize(cs store.Case, showName bool) caseSummary {
	sum := caseSummary{NA: cs.NA, Status: cs.Status, SupplierNames: cs.SupplierNames,
		CurrentDeadline: cs.CurrentDeadline, DeadlineRule: cs.DeadlineRule, CreatedAt: cs.CreatedAt}
	if showName {
		sum.ConsumerName = cs.ConsumerName
	}
	return sum
}

// looksLikeDoc tells a CPF or CNPJ, maybe punctuated, from part of a name: no spaces,
// 11 or 14 letters and digits, ending in two check digits.
func looksLikeDoc(s string) bool {
	key := taxid.Clean(s)
	n := len(key)
	return !strings.ContainsRune(strings.TrimSpace(s), ' ') && (n == 11 || n == 14) &&
		key[n-1] >= '0' && key[n-1] <= '9' && key[n-2] >= '0' && key[n-2] <= '9'
}
