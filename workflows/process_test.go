package workflows_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// mockProcess mocks SendDefenseNotice, IssueHearingRecord and RecordClassification to
// record their calls.
func mockProcess(env *testsuite.TestWorkflowEnvironment, calls *callLog) {
	acts := &activities.Activities{}
	env.OnActivity(acts.SendDefenseNotice, anyArgs(1)...).Return(func(_ context.Context, n activities.DefenseNotice) (string, error) {
		calls.add("SendDefenseNotice", n)
		if n.Party.Email == "" {
			return "", nil
		}
		return activities.MessageIDFor("notificacao-defesa/"+n.NA+"/"+n.Party.Doc, testMailDomain), nil
	}).Maybe()
	env.OnActivity(acts.IssueHearingRecord, anyArgs(1)...).Return(func(_ context.Context, h activities.HearingRecord) (int64, error) {
		calls.add("IssueHearingRecord", h)
		return 900 + int64(h.Number), nil
	}).Maybe()
	env.OnActivity(acts.RecordClassification, anyArgs(1)...).Return(func(_ context.Context, c activities.Classification) error {
		calls.add("RecordClassification", c)
		return nil
	}).Maybe()
}

// supplierPetitionAt signals a petition of the supplier, from its address on record.
func supplierPetitionAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, kind petition.Kind, from string) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{
			InboundID: 700 + int64(after/time.Hour), Mailbox: workflows.MailboxProtocol, Kind: kind,
			FromPartyOnRecord: true, Sender: from,
		})
	}, after)
}

// convertOn8April: the CIP of 14/03 lapses unanswered on 06/04 and staff convert it on
// Wednesday 08/04/2026 at 10h: the processo administrativo opens that day.
func convertOn8April(env *testsuite.TestWorkflowEnvironment) {
	sendCIPOn14March(env)
	decideAt(env, local(time.April, 8, 10), workflows.Decision{Kind: workflows.DecisionConvert, Reason: "sem resposta à CIP"})
}

// gerente is the Gerente de Atendimento's decision, who alone classifies (004 §6.8).
func gerente(d workflows.Decision) workflows.Decision {
	d.By, d.Role = "Gerente Teste (servidor 3)", workflows.RoleGerenteAtendimento
	return d
}

// hearingOn20April schedules a conciliação for Monday 20/04/2026 at 14h.
var hearingOn20April = workflows.Decision{Kind: workflows.DecisionHearing, Method: "conciliacao",
	At: time.Date(2026, 4, 20, 14, 0, 0, 0, time.FixedZone("BRT", -3*3600)), Place: "Sala 2, PROCON/ES, Vitória"}

// requireRefused asserts that a decision was refused by the validator with code.
func requireRefused(t *testing.T, got *decisionResult, code string) {
	t.Helper()
	var refused *temporal.ApplicationError
	require.True(t, errors.As(got.rejected, &refused), "the decision must be refused, got %v", got.rejected)
	require.Equal(t, code, refused.Type(), refused.Message())
}

// kindsOf returns the kinds of the events recorded, in order.
func kindsOf(calls *callLog) []string {
	var out []string
	for _, c := range calls.all() {
		if e, ok := c.arg.(activities.CaseEvent); ok {
			out = append(out, e.Kind)
		}
	}
	return out
}

// requireInOrder asserts that want appear in got in that order (other items between).
func requireInOrder(t *testing.T, got []string, want ...string) {
	t.Helper()
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	require.Equal(t, len(want), i, "events %v should contain, in order, %v", got, want)
}

// 004 §7.2 II, §8.15–8.16, §5.4–5.11, §6.8: the converted CIP opens the process and the
// supplier is notified with 20 days for a defense (28/04); the defense by e-mail sends the
// case to the Diretoria Jurídica's queue; a hearing is scheduled and both parties are
// notified and reminded the day before; the agreement suspends the process until its
// date; the consumer's breach by e-mail resumes it; the gerente classifies it
// fundamentada não atendida, which goes on to judgment.
func TestProcessFromCIPThroughHearingBreachAndClassification_004_5_and_8(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	earlyHearing := decideAt(env, local(time.April, 9, 10), hearingOn20April)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, "CIP@loja.example")
	scheduled := decideAt(env, local(time.April, 13, 10), hearingOn20April)
	tooEarly := decideAt(env, local(time.April, 20, 10), workflows.Decision{Kind: workflows.DecisionHearingOutcome, Outcome: "impasse"})
	agreed := decideAt(env, local(time.April, 20, 15), workflows.Decision{Kind: workflows.DecisionHearingOutcome,
		Outcome: workflows.OutcomeAgreement, Terms: "Entrega da geladeira até 20/05/2026.", ComplianceDate: prazo.MustParseDate("2026-05-20")})
	petitionAt(env, local(time.May, 5, 9), petition.KindBreach, true)
	byAtendente := decideAt(env, local(time.May, 6, 9), workflows.Decision{Kind: workflows.DecisionClassify,
		Classification: workflows.ClassifiedNotAttended, Subject: "produto_nao_entregue"})
	classified := decideAt(env, local(time.May, 6, 10), gerente(workflows.Decision{Kind: workflows.DecisionClassify,
		Classification: workflows.ClassifiedNotAttended, Subject: "produto_nao_entregue"}))
	got := runComplaint(t, env, maria, local(time.May, 7, 0))

	requireRefused(t, earlyHearing, workflows.ErrDecisionNotAllowed) // defense still running
	require.NoError(t, scheduled.rejected)
	requireRefused(t, tooEarly, workflows.ErrDecisionNotAllowed)
	require.NoError(t, agreed.rejected)
	requireRefused(t, byAtendente, workflows.ErrDecisionNotAllowed)
	require.NoError(t, classified.rejected)
	require.NoError(t, classified.failed)

	// the defense notification: e-mailed on 08/04 with 20 dias corridos, due 28/04
	var notice activities.DefenseNotice
	for _, c := range calls.all() {
		if n, ok := c.arg.(activities.DefenseNotice); ok {
			notice = n
		}
	}
	require.Equal(t, loja.Email, notice.Party.Email)
	require.Equal(t, "2026-04-08", notice.IssuedOn.String())
	require.Equal(t, "2026-04-28", notice.Due.Due.String())
	require.Contains(t, oneMail(t, calls, "processo_instaurado").Data["Prazo"], "28/04/2026")

	requireInOrder(t, kindsOf(calls), workflows.EventConverted, workflows.EventProcessOpened, workflows.EventDefenseNoticeSent,
		workflows.EventDeadlineStarted, workflows.EventDefenseReceived, workflows.EventJudgmentQueue,
		workflows.EventHearingScheduled, workflows.EventHearingReminder, workflows.EventHearingHeld,
		workflows.EventAgreementBreached, workflows.EventJudgmentQueue)
	defense := lastEvent(t, calls, workflows.EventDefenseReceived)
	require.Equal(t, "2026-04-10", defense.Payload["recebida_em"])
	require.Equal(t, loja.Name, defense.Payload["fornecedor"])

	// hearing: both parties notified, then reminded on Sunday 19/04 at 9h
	notified := mailsOf(calls, "audiencia_designada")
	require.Len(t, notified, 2)
	require.ElementsMatch(t, []string{maria.ConsumerEmail, loja.Email}, []string{notified[0].To, notified[1].To})
	require.Equal(t, "20/04/2026 às 14h00", notified[0].Data["DataHora"])
	require.Equal(t, "conciliação", notified[0].Data["Metodo"])
	reminders := mailsOf(calls, "lembrete_audiencia")
	require.Len(t, reminders, 2)
	reminded := lastEvent(t, calls, workflows.EventHearingReminder)
	require.True(t, reminded.At.Equal(time.Date(2026, 4, 19, 9, 0, 0, 0, time.FixedZone("BRT", -3*3600))), "reminded at %s", reminded.At)

	// agreement: the Termo issued, the case suspended until 20/05 with that date shown
	var record activities.HearingRecord
	for _, c := range calls.all() {
		if h, ok := c.arg.(activities.HearingRecord); ok {
			record = h
		}
	}
	require.Equal(t, workflows.OutcomeAgreement, record.Outcome)
	require.Equal(t, "2026-05-20", record.Deadline.String())
	held := lastEvent(t, calls, workflows.EventHearingHeld)
	require.Equal(t, workflows.StatusAgreement, held.Status)
	require.NotNil(t, held.Deadline)
	require.Equal(t, "2026-05-20", held.Deadline.In(time.FixedZone("BRT", -3*3600)).Format("2006-01-02"))
	require.EqualValues(t, 901, held.Payload["termo_documento_id"])

	// breach by the consumer's e-mail: back to the process, both parties told
	breach := lastEvent(t, calls, workflows.EventAgreementBreached)
	require.Equal(t, "consumidor", breach.Actor)
	require.Len(t, mailsOf(calls, "acordo_descumprido"), 2)

	// classification: in the Cadastro, and the case stays in the judgment queue
	var cadastro activities.Classification
	for _, c := range calls.all() {
		if cl, ok := c.arg.(activities.Classification); ok {
			cadastro = cl
		}
	}
	require.Equal(t, workflows.ClassifiedNotAttended, cadastro.Classification)
	require.Equal(t, "produto_nao_entregue", cadastro.Subject)
	require.Equal(t, []activities.CIPParty{{Doc: loja.Doc, Name: loja.Name}}, cadastro.Suppliers)
	require.Equal(t, "Gerente Teste (servidor 3)", lastEvent(t, calls, workflows.EventClassified).Actor)

	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
	require.Equal(t, workflows.ClassifiedNotAttended, got.state.Process.Classification)
	require.Equal(t, workflows.StatusAwaitingJudgment, lastEvent(t, calls, workflows.EventJudgmentQueue).Status)
}
