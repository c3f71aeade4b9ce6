package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// Limits of the bodies that open a case.
const (
	maxOpeningBody   = 8 << 20 // PDFs in base64
	maxOpeningFiles  = 10
	maxOpeningFields = 20000 // characters of a text field
)

// partyBody identifies the supplier of a case opened by staff (004 §7.1 I).
type partyBody struct {
	Doc   string `json:"cpf_cnpj"`
	Name  string `json:"nome"`
	Email string `json:"email"`
}

// attachmentBody is a PDF given with the opening (the auto de infração, the referral).
type attachmentBody struct {
	Name string `json:"nome"`
	PDF  string `json:"pdf_base64"`
}

// processBody is the body of POST /api/v1/processos (004 §7.1–7.2).
type processBody struct {
	Origin   string           `json:"origem"`
	Supplier partyBody        `json:"fornecedor"`
	Fact     string           `json:"fato"`
	Agent    string           `json:"agente"`
	Notice   string           `json:"numero_auto"`
	Agency   string           `json:"orgao"`
	Files    []attachmentBody `json:"anexos"`
}

// staffOrigins are the origins staff open a process from (004 §7.2 III–V).
var staffOrigins = []string{workflows.OriginExOfficio, workflows.OriginInspection, workflows.OriginReferral}

// postProcess opens a processo administrativo from an ex-officio act, an infraction
// notice or a referral (004 §7.2 III–V), with what §7.1 requires: the supplier
// identified, the fact described, the agent who signs. The supplier is notified to
// present a defense within 20 days, as in every process. The Idempotency-Key makes a
// repeated request open one case.
func (s *Server) postProcess() gin.HandlerFunc {
	return func(c *gin.Context) {
		var body processBody
		if !decodeJSON(c, &body, maxOpeningBody, "origem, fornecedor, fato, agente, numero_auto, orgao e anexos") {
			return
		}
		na, status, f := s.openProcess(c, idempotencyKey(c), body)
		answerOpening(c, na, status, f)
	}
}

// idempotencyKey is the request's Idempotency-Key, or a fresh one.
func idempotencyKey(c *gin.Context) string {
	if key := strings.TrimSpace(c.GetHeader(IdempotencyHeader)); key != "" {
		return key
	}
	return newRequestID()
}

// answerOpening answers an opening: 201 with the new case, or its failure.
func answerOpening(c *gin.Context, na, status string, f *failure) {
	if f != nil {
		f.abort(c)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"na": na, "situacao": status})
}

// openProcess opens a processo administrativo (postProcess) once per key, for the API
// and the console alike; it answers the new case's NA and status.
func (s *Server) openProcess(c *gin.Context, key string, body processBody) (string, string, *failure) {
	body.Origin, body.Fact, body.Agent = strings.TrimSpace(body.Origin), strings.TrimSpace(body.Fact), strings.TrimSpace(body.Agent)
	body.Notice, body.Agency = strings.TrimSpace(body.Notice), strings.TrimSpace(body.Agency)
	var problems []string
	switch {
	case !slices.Contains(staffOrigins, body.Origin):
		problems = append(problems, "origem: use oficio, auto_infracao ou denuncia_orgao (item 7.2)")
	case body.Origin == workflows.OriginInspection && body.Notice == "":
		problems = append(problems, "numero_auto: informe o número do auto de infração (item 7.2, IV)")
	case body.Origin == workflows.OriginReferral && body.Agency == "":
		problems = append(problems, "orgao: informe o órgão que encaminhou a denúncia (item 7.2, V)")
	}
	if body.Fact == "" || len(body.Fact) > maxOpeningFields {
		problems = append(problems, "fato: descreva o fato ou ato que constitui a infração (item 7.1, II)")
	}
	if body.Agent == "" || len(body.Agent) > 200 {
		problems = append(problems, "agente: informe o agente competente que assina (item 7.1, III)")
	}
	doc, files, more := s.checkOpening(body.Supplier, body.Files)
	problems = append(problems, more...)
	if len(problems) > 0 {
		return "", "", &failure{http.StatusUnprocessableEntity, CodeInvalidOpening, "Abertura de processo recusada: " + strings.Join(problems, "; ") + "."}
	}
	form := map[string]any{"origem": body.Origin, "origem_descricao": workflows.OriginDescription(body.Origin), "fato": body.Fact,
		"agente": body.Agent, "numero_auto": body.Notice, "orgao": body.Agency, "fonte": "004 §7.1, §7.2"}
	return s.openCase(c, key, "processo/", doc, body.Supplier, form, files, workflows.StatusAwaitingDefense,
		workflows.ComplaintInput{Origin: body.Origin})
}

// exOfficioBody is the body of POST /api/v1/notificacoes-oficio (004 §8.12).
type exOfficioBody struct {
	Kind     string    `json:"tipo"`
	Supplier partyBody `json:"fornecedor"`
	Text     string    `json:"texto"`
}

// postExOfficioNotice sends the presidency's notification (recomendatória or to give
// explanations) to a supplier, by e-mail, with 20 days to answer (004 §8.12–8.13); the
// Diretor Presidente then archives or opens a process (§8.14–8.15), by the decision
// decisao_presidencia.
func (s *Server) postExOfficioNotice() gin.HandlerFunc {
	return func(c *gin.Context) {
		var body exOfficioBody
		if !decodeJSON(c, &body, 256<<10, "tipo, fornecedor e texto") {
			return
		}
		na, status, f := s.openExOfficio(c, idempotencyKey(c), body)
		answerOpening(c, na, status, f)
	}
}

// openExOfficio sends the presidency's notification (postExOfficioNotice) once per key,
// for the API and the console alike.
func (s *Server) openExOfficio(c *gin.Context, key string, body exOfficioBody) (string, string, *failure) {
	body.Kind, body.Text = strings.TrimSpace(body.Kind), strings.TrimSpace(body.Text)
	var problems []string
	if !workflows.ValidExOfficioKind(body.Kind) {
		problems = append(problems, "tipo: use recomendatoria ou esclarecimentos (item 8.12)")
	}
	if body.Text == "" || len(body.Text) > maxOpeningFields {
		problems = append(problems, "texto: informe o texto da notificação")
	}
	doc, _, more := s.checkOpening(body.Supplier, nil)
	problems = append(problems, more...)
	if len(more) == 0 && strings.TrimSpace(body.Supplier.Email) == "" {
		if sup, err := s.store.SupplierByDoc(c.Request.Context(), doc); err != nil || sup.CIPEmail == "" {
			problems = append(problems, "fornecedor.email: o fornecedor não tem e-mail cadastrado; informe o endereço para a notificação")
		}
	}
	if len(problems) > 0 {
		return "", "", &failure{http.StatusUnprocessableEntity, CodeInvalidOpening, "Notificação recusada: " + strings.Join(problems, "; ") + "."}
	}
	st := staffOf(c)
	by := st.Signature()
	form := map[string]any{"origem": workflows.OriginExOfficioNotice, "tipo": body.Kind, "texto": body.Text, "fonte": "004 §8.12"}
	return s.openCase(c, key, "notificacao-oficio/", doc, body.Supplier, form, nil, workflows.StatusExOfficioAwaitingAnswer,
		workflows.ComplaintInput{Origin: workflows.OriginExOfficioNotice,
			ExOfficio: &workflows.ExOfficioNotice{Kind: body.Kind, Text: body.Text, By: by}})
}

// CodeInvalidOpening: a process or notification opened without what it needs (422).
const CodeInvalidOpening = "abertura_invalida"

// checkOpening checks the supplier and the PDFs of an opening; it returns the supplier's
// CPF/CNPJ, the files decoded, and the problems found, in Portuguese.
func (s *Server) checkOpening(sup partyBody, attached []attachmentBody) (string, []store.Document, []string) {
	var problems []string
	doc, kind := taxid.Check(sup.Doc)
	if kind != taxid.CPF && kind != taxid.CNPJ {
		problems = append(problems, "fornecedor.cpf_cnpj: CPF ou CNPJ inválido (item 7.1, I)")
	}
	if name := strings.TrimSpace(sup.Name); name == "" || len(name) > 200 {
		problems = append(problems, "fornecedor.nome: informe o nome do fornecedor (item 7.1, I)")
	}
	if e := strings.TrimSpace(sup.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			problems = append(problems, "fornecedor.email: endereço de e-mail inválido")
		}
	}
	if len(attached) > maxOpeningFiles {
		problems = append(problems, fmt.Sprintf("anexos: no máximo %d arquivos", maxOpeningFiles))
		return doc, nil, problems
	}
	var files []store.Document
	for i, f := range attached {
		data, err := base64.StdEncoding.DecodeString(f.PDF)
		name := strings.TrimSpace(f.Name)
		if err != nil || !strings.HasPrefix(string(data), "%PDF-") || name == "" {
			problems = append(problems, fmt.Sprintf("anexos[%d]: envie um arquivo PDF em base64 com nome (item 4.2.3)", i))
			continue
		}
		files = append(files, store.Document{Kind: "anexo_abertura", Filename: name, ContentType: "application/pdf", Data: data})
	}
	return doc, files, problems
}

// openCase creates the case of an opening (once per key), keeps its files, registers
// the supplier's e-mail when the supplier has none on record, and starts its workflow;
// it answers the NA and status.
func (s *Server) openCase(c *gin.Context, key, prefix, doc string, sup partyBody, form map[string]any, files []store.Document,
	status string, in workflows.ComplaintInput) (string, string, *failure) {
	ctx := c.Request.Context()
	now := time.Now()
	name := strings.TrimSpace(sup.Name)
	na, err := s.store.CreateCaseForRequest(ctx, prefix+key, prazo.CivilDate(now).Year, store.NewCase{
		SupplierDocs: []string{doc}, SupplierNames: []string{name}, Form: form, Status: status,
	})
	if err == nil {
		err = s.keepOpening(ctx, na, doc, name, strings.TrimSpace(sup.Email), staffOf(c).ID, files)
	}
	if err != nil {
		_ = c.Error(err)
		return "", "", &failure{http.StatusInternalServerError, CodeInternal, "Erro interno. Tente novamente mais tarde."}
	}
	in.NA, in.ReceivedAt = na, now
	if _, err := s.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: workflowid.Complaint(na), TaskQueue: workflows.TaskQueue,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
	}, workflows.Complaint, in); err != nil && !isAlreadyStarted(err) {
		_ = c.Error(err)
		return "", "", &failure{http.StatusServiceUnavailable, CodeUnavailable, "O caso " + na + " foi registrado, mas não pôde ser iniciado agora. " +
			"Repita o pedido com o mesmo " + IdempotencyHeader + "."}
	}
	return na, status, nil
}

// keepOpening keeps the opening's files with the case, and the supplier's e-mail on
// record when it has none.
func (s *Server) keepOpening(ctx context.Context, na, doc, name, email string, by int64, files []store.Document) error {
	for i, f := range files {
		f.NA = na
		if _, err := s.store.SaveDocument(ctx, "abertura/"+na+"/"+strconv.Itoa(i), f); err != nil {
			return err
		}
	}
	if email == "" {
		return nil
	}
	sup, err := s.store.SupplierByDoc(ctx, doc)
	if err == nil && sup.CIPEmail != "" {
		return nil
	}
	_, err = s.store.SaveSupplier(ctx, store.Supplier{Doc: doc, Name: name, CIPEmail: email, UpdatedBy: by})
	return err
}

// isAlreadyStarted reports whether err says the workflow was started before: a repeated
// request whose first start went through.
func isAlreadyStarted(err error) bool {
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	return errors.As(err, &started)
}
