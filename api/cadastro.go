package api

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/document"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// CodeInvalidYear: GET /api/v1/cadastro without a valid ano.
const CodeInvalidYear = "ano_invalido"

// cadastroRetention is how long the Cadastro keeps an entry: no negative information
// older than five years from the classification (004 §6.9).
const cadastroRetention = 5

// getCadastro answers the Cadastro de Reclamações Fundamentadas of a year (004 §6):
// public (§6.1), per supplier, the counts of atendidas and não atendidas and their
// subjects, with no data of consumers. formato=csv or pdf gives the yearly publication
// (§6.5–6.6); JSON otherwise.
func (s *Server) getCadastro() gin.HandlerFunc {
	return func(c *gin.Context) {
		now := time.Now()
		year, err := strconv.Atoi(c.Query("ano"))
		if err != nil || year < 2000 || year > now.Year() {
			abort(c, http.StatusBadRequest, CodeInvalidYear, fmt.Sprintf("Informe o ano do Cadastro (ano=AAAA), de 2000 a %d.", now.Year()))
			return
		}
		format := c.DefaultQuery("formato", "json")
		if format != "json" && format != "csv" && format != "pdf" {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "formato inválido: use json, csv ou pdf.")
			return
		}
		today := prazo.CivilDate(now)
		cutoff := today.AddYears(-cadastroRetention)
		rows, err := s.store.Cadastro(c.Request.Context(), year, cutoff.Midnight(time.UTC))
		if err != nil {
			internalError(c, err)
			return
		}
		for i := range rows {
			rows[i].Doc = taxid.Format(rows[i].Doc)
		}
		corrections, err := s.store.PublishedCorrections(c.Request.Context(), year)
		if err != nil {
			internalError(c, err)
			return
		}
		for i := range corrections {
			corrections[i].SupplierDoc = taxid.Format(corrections[i].SupplierDoc)
		}
		var published *store.Publication
		if p, err := s.store.PublicationOf(c.Request.Context(), year); err == nil {
			published = &p
		} else if !errors.Is(err, store.ErrNotPublished) {
			internalError(c, err)
			return
		}
		switch format {
		case "csv":
			c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="cadastro-reclamacoes-fundamentadas-%d.csv"`, year))
			c.Data(http.StatusOK, "text/csv; charset=utf-8", cadastroCSV(rows))
		case "pdf":
			pdf, err := cadastroDocument(year, today, rows, corrections).PDF()
			if err != nil {
				internalError(c, err)
				return
			}
			c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="cadastro-reclamacoes-fundamentadas-%d.pdf"`, year))
			c.Data(http.StatusOK, "application/pdf", pdf)
		default:
			c.JSON(http.StatusOK, gin.H{"ano": year, "fornecedores": rows, "publicacao": published, "retificacoes": corrections,
				"fonte":      "004 §6; Lei 8.078/1990, art. 44",
				"observacao": "Reclamações fundamentadas classificadas no ano; não contém informação negativa de mais de cinco anos (item 6.9)."})
		}
	}
}

// cadastroCSV is the Cadastro as CSV, one line per supplier.
func cadastroCSV(rows []store.CadastroSupplier) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"cnpj_cpf", "fornecedor", "atendidas", "nao_atendidas", "assuntos"})
	for _, r := range rows {
		_ = w.Write([]string{r.Doc, r.Name, strconv.Itoa(r.Atendidas), strconv.Itoa(r.NaoAtendidas), strings.Join(r.Subjects, "; ")})
	}
	w.Flush()
	return buf.Bytes()
}

// cadastroDocument is the yearly publication of the Cadastro (004 §6.5–6.6).
func cadastroDocument(year int, on prazo.Date, rows []store.CadastroSupplier, corrections []store.PublishedCorrection) document.Document {
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		lines = append(lines, fmt.Sprintf("%s (CNPJ/CPF %s): %d atendida(s), %d não atendida(s). Assuntos: %s.",
			r.Name, r.Doc, r.Atendidas, r.NaoAtendidas, strings.Join(r.Subjects, ", ")))
	}
	if len(lines) == 0 {
		lines = []string{"Nenhuma reclamação fundamentada classificada no ano."}
	}
	var decided []string
	for _, r := range corrections {
		outcome := "improcedente"
		if r.Granted {
			outcome = "procedente"
		}
		decided = append(decided, fmt.Sprintf("%s (CNPJ/CPF %s): pedido %s em %s. %s", r.SupplierName, r.SupplierDoc, outcome,
			r.DecidedOn.Format("02/01/2006"), r.Reason))
	}
	if len(decided) == 0 {
		decided = []string{"Nenhum pedido de retificação decidido."}
	}
	return document.Document{
		Title:    fmt.Sprintf("CADASTRO DE RECLAMAÇÕES FUNDAMENTADAS — %d", year),
		IssuedOn: on,
		Fields:   []document.Field{{Label: "Emitido em:", Value: on.FormatBR()}, {Label: "Fundamento:", Value: "Lei 8.078/1990, art. 44; Norma de Procedimentos, item 6"}},
		Sections: []document.Section{
			{Heading: "Fornecedores", Paragraphs: lines},
			{Heading: "Retificação", Paragraphs: []string{"O consumidor ou o fornecedor pode requerer, em 5 (cinco) dias a contar desta " +
				"divulgação e mediante petição fundamentada, a retificação de informação inexata ou a inclusão de informação " +
				"omitida (item 6.10)."}},
			{Heading: "Retificações decididas (item 6.11)", Paragraphs: decided},
		},
	}
}
