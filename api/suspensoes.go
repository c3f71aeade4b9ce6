package api

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the suspension endpoint.
const (
	CodeInvalidSuspension = workflows.ErrInvalidSuspension
	CodeNoRunningDeadline = workflows.ErrNoRunningDeadline
	CodeCaseClosed        = "atendimento_encerrado"
)

// IdempotencyHeader carries the request ID of a staff decision: a decision sent again
// with the same ID (a client retrying after a timeout) is applied once.
const IdempotencyHeader = "Idempotency-Key"

// maxSuspensionBody bounds the body of a suspension.
const maxSuspensionBody = 16 << 10

// suspensionBody is the body of POST /api/v1/cases/:na/suspensoes.
type suspensionBody struct {
	Start  string `json:"inicio"`
	End    string `json:"fim"`
	Reason string `json:"motivo"`
	Act    string `json:"ato"`
}

// postSuspension declares force majeure on a case (004 §13.4): its running deadline does
// not run from inicio to fim and resumes with the days that were left. It answers the
// recomputed deadline.
func (s *Server) postSuspension() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		var body suspensionBody
		if !decodeJSON(c, &body, maxSuspensionBody, "inicio, fim, motivo e ato") {
			return
		}
		susp, f := readSuspension(body)
		if f != nil {
			f.abort(c)
			return
		}
		st := staffOf(c)
		var d activities.Deadline
		err := s.update(c, cs.WorkflowID, workflows.UpdateDeclareSuspension, "suspensao/", workflows.SuspensionRequest{
			Suspension: susp, By: st.Signature(),
		}, &d)
		if err != nil {
			s.workflowError(c, err, CodeCaseClosed, "O atendimento está encerrado: não há prazo a suspender.")
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "prazo": d})
	}
}

// readSuspension checks a suspension's dates and reason.
func readSuspension(b suspensionBody) (prazo.Suspension, *failure) {
	start, err := prazo.ParseDate(b.Start)
	if err != nil {
		return prazo.Suspension{}, &failure{http.StatusBadRequest, CodeInvalidDate, "Data de início inválida: use AAAA-MM-DD."}
	}
	end, err := prazo.ParseDate(b.End)
	if err != nil {
		return prazo.Suspension{}, &failure{http.StatusBadRequest, CodeInvalidDate, "Data de fim inválida: use AAAA-MM-DD."}
	}
	susp := prazo.Suspension{Start: start, End: end, Reason: strings.TrimSpace(b.Reason), Act: strings.TrimSpace(b.Act)}
	if err := susp.Validate(); err != nil {
		return prazo.Suspension{}, &failure{http.StatusBadRequest, CodeInvalidSuspension, "Suspensão inválida: " + err.Error() + "."}
	}
	return susp, nil
}

// update sends a staff decision as the workflow's Update name and waits for its answer
// into out. The Update ID is prefix + the client's Idempotency-Key (a fresh one when
// absent), so a client retrying with the same key has it applied once.
func (s *Server) update(c *gin.Context, workflowID, name, prefix string, arg, out any) error {
	return s.updateOnce(c, workflowID, name, prefix+idempotencyKey(c), arg, out)
}

// updateOnce runs an Update under a given ID: sent again with the same ID (a retry, a
// form submitted twice), it is applied once and answers the first result.
func (s *Server) updateOnce(c *gin.Context, workflowID, name, updateID string, arg, out any) error {
	h, err := s.temporal.UpdateWorkflow(c.Request.Context(), client.UpdateWorkflowOptions{
		WorkflowID: workflowID, UpdateName: name, UpdateID: updateID,
		Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return err
	}
	return h.Get(c.Request.Context(), out)
}

// newRequestID returns a random ID of 128 bits (hex): an Update's or a form's key, a
// sign-in form's CSRF token.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
