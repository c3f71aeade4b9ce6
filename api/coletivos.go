package api

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the collective process endpoints.
const (
	// CodeAlreadyGrouped: a case of the grouping already belongs to a collective process.
	CodeAlreadyGrouped = "caso_ja_agrupado"
	// CodeNotAPractice: the cases are not of one supplier and subject in one year from two
	// or more consumers, or not in a running processo administrativo (004 §8.2).
	CodeNotAPractice = "nao_e_pratica_continuada"
	maxGroupedCases  = 500
)

// getPracticeGroups shows the Gerência de Atendimento the candidate continued practices
// (004 §8.2, §8.5): reclamações in a running processo administrativo against one supplier,
// of one subject, in one calendar year, from two or more consumers, not yet grouped.
func (s *Server) getPracticeGroups() gin.HandlerFunc {
	return func(c *gin.Context) {
		groups, err := s.store.PracticeGroups(c.Request.Context(), workflows.ProcessStatuses())
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"grupos": groups, "fonte": "004 §8.2–8.5"})
	}
}

// collectiveBody is the body of POST /api/v1/processos-coletivos.
type collectiveBody struct {
	Supplier string   `json:"fornecedor"`
	Subject  string   `json:"assunto"`
	Year     int      `json:"ano"`
	Cases    []string `json:"casos"`
}

// postCollective confirms a grouping (004 §8.4–8.5, §8.7): the cases are gathered into a
// new collective process, whose workflow tells each case to wait on it. A case grouped
// already refuses the whole grouping (409); the same grouping asked again answers the
// process it made.
func (s *Server) postCollective() gin.HandlerFunc {
	return func(c *gin.Context) {
		var body collectiveBody
		if !decodeJSON(c, &body, 64<<10, "fornecedor, assunto, ano e casos") {
			return
		}
		doc, subject := taxid.Clean(body.Supplier), strings.TrimSpace(body.Subject)
		nas := slices.Compact(slices.Sorted(slices.Values(body.Cases)))
		switch {
		case doc == "" || subject == "" || body.Year < 2000 || body.Year > 2100:
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Informe fornecedor (CPF/CNPJ), assunto e ano do agrupamento.")
			return
		case len(nas) < 2 || len(nas) > maxGroupedCases:
			abort(c, http.StatusBadRequest, CodeInvalidRequest, fmt.Sprintf("Informe de 2 a %d casos (NA) a reunir (item 8.2).", maxGroupedCases))
			return
		}
		for _, na := range nas {
			if !naPattern.MatchString(na) {
				abort(c, http.StatusBadRequest, CodeInvalidRequest, "Número de atendimento inválido: "+na+".")
				return
			}
		}
		ctx := c.Request.Context()
		st := staffOf(c)
		status := http.StatusOK
		col, found, err := s.store.CollectiveOfCases(ctx, nas)
		if err == nil && !found {
			status = http.StatusCreated
			col, err = s.store.CreateCollective(ctx, store.Collective{SupplierDoc: doc, Subject: subject, Year: body.Year,
				CreatedBy: st.Signature()},
				nas, workflows.ProcessStatuses(), workflowid.Collective)
		}
		switch {
		case errors.Is(err, store.ErrAlreadyGrouped):
			abort(c, http.StatusConflict, CodeAlreadyGrouped, "Um dos casos já foi reunido em outro processo coletivo: "+
				strings.TrimPrefix(err.Error(), store.ErrAlreadyGrouped.Error()+": ")+".")
			return
		case errors.Is(err, store.ErrNotAGroup):
			abort(c, http.StatusUnprocessableEntity, CodeNotAPractice, "Os casos não formam prática infrativa continuada: devem ser "+
				"reclamações em processo administrativo contra o mesmo fornecedor, do mesmo assunto e ano, de dois ou mais consumidores (item 8.2).")
			return
		case errors.Is(err, store.ErrNotFound):
			abort(c, http.StatusNotFound, CodeNotFound, "Algum dos casos informados não existe.")
			return
		case err != nil:
			internalError(c, err)
			return
		}
		in := workflows.CollectiveInput{Number: col.Number, SupplierDoc: col.SupplierDoc, SupplierName: col.SupplierName,
			Subject: col.Subject, Year: col.Year, By: col.CreatedBy}
		for _, g := range col.Cases {
			in.Cases = append(in.Cases, workflows.GroupedCase{NA: g.NA, WorkflowID: g.WorkflowID})
		}
		if _, err := s.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: col.WorkflowID, TaskQueue: workflows.TaskQueue, WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		}, workflows.CollectiveProcess, in); err != nil {
			_ = c.Error(err)
			abort(c, http.StatusServiceUnavailable, CodeUnavailable, "O agrupamento foi registrado, mas o processo coletivo não pôde ser iniciado agora. "+
				"Repita o pedido com os mesmos casos.")
			return
		}
		c.JSON(status, col)
	}
}

// collectiveNumber is the form of a collective process's number.
var collectiveNumber = regexp.MustCompile(`^PC-\d{4}-\d{6}$`)

// postCollectiveDecision judges a collective process (004 §8.7–8.10): the Diretoria
// Jurídica's julgar, as on a case; the decision reaches each grouped case, and a fine
// runs once, on the lead case.
func (s *Server) postCollectiveDecision() gin.HandlerFunc {
	return func(c *gin.Context) {
		number := c.Param("numero")
		if !collectiveNumber.MatchString(number) {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Número de processo coletivo inválido: use PC-AAAA-NNNNNN.")
			return
		}
		d, ok := s.readDecision(c)
		if !ok {
			return
		}
		var in workflows.CollectiveInput
		if err := s.update(c, workflowid.Collective(number), workflows.UpdateDecide, "decisao-coletivo/", d, &in); err != nil {
			var gone *serviceerror.NotFound
			if errors.As(err, &gone) {
				abort(c, http.StatusNotFound, CodeNotFound, "Processo coletivo "+number+" não encontrado ou já encerrado.")
				return
			}
			s.workflowError(c, err, CodeCaseClosed, "O processo coletivo está encerrado.")
			return
		}
		c.JSON(http.StatusOK, gin.H{"numero": number, "decisao": d.Kind, "casos": in.Cases})
	}
}
