package workflows

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/internal/prazo"
)

// UpdateDecide is the Update by which staff take a decision on a case (004 §3–§15). The
// kinds are declared in decisionTable (below) and fineDecisionTable (fine_decisions.go):
// each with its wire name, label, legal source, the roles that may take it, its typed
// body, the check of the case's state (the Update's validator, so a refused decision
// leaves no trace in the history) and what it does. The Complaint forwards the kinds
// of the fine to the fine's workflow, as it forwards the petitions on it.
const UpdateDecide = "decidir"

// QueryDecisions is the query that answers the decisions a role may take on the case
// now ([]DecisionOption): what GET /api/v1/cases/{na}/decisoes lists.
const QueryDecisions = "decisoes"

// Decision is the argument of UpdateDecide: a staff member's decision of one kind, with
// the kind's own body (Body, the JSON of its struct).
type Decision struct {
	Kind string `json:"tipo"`
	// By names the staff member who decided, for the timeline; Role is their role.
	// The API sets both from the staff's token.
	By   string `json:"por"`
	Role string `json:"papel,omitempty"`
	// Body is the kind's body, as JSON (DecodeDecisionBody reads it).
	Body json.RawMessage `json:"dados,omitempty"`
}

// Decide builds the Decision a staff member (by, of role) takes with body, a kind's
// body struct (SendCIP, Judge…). It panics on a type that is no decision's body: a
// programming error.
func Decide(body any, by, role string) Decision {
	t := reflect.TypeOf(body)
	k, ok := kindOfBody(t)
	if !ok {
		panic("workflows.Decide: " + t.String() + " is not a decision's body")
	}
	raw, err := json.Marshal(body)
	if err != nil {
		panic("workflows.Decide: " + err.Error())
	}
	return Decision{Kind: k, By: by, Role: role, Body: raw}
}

// DecisionResult is what UpdateDecide answers: the case's state after the decision, or
// the fine's for a decision taken on the fine.
type DecisionResult struct {
	Case *ComplaintState `json:"estado,omitempty"`
	Fine *FineState      `json:"multa,omitempty"`
}

// DecisionOption is one decision a staff member may take on the case now, as
// GET /api/v1/cases/{na}/decisoes lists it: enough to draw its form.
type DecisionOption struct {
	Kind   string          `json:"tipo"`
	Label  string          `json:"rotulo"`
	Source string          `json:"fonte"`
	Fields []DecisionField `json:"campos"`
}

// DecisionField is one field of a decision's body.
type DecisionField struct {
	Name string `json:"nome"`
	// Type is texto, inteiro, booleano, data (AAAA-MM-DD), data_hora (RFC 3339),
	// decimal or lista (of texto).
	Type     string `json:"tipo"`
	Label    string `json:"rotulo"`
	Required bool   `json:"obrigatorio"`
	// Values are the allowed values when the field is a choice.
	Values []string `json:"valores,omitempty"`
}

// Error types of UpdateDecide, stable for the API to map to its codes.
const (
	// ErrDecisionNotAllowed: the case's state or the staff member's role does not allow
	// the decision (409).
	ErrDecisionNotAllowed = "decisao_nao_permitida"
	// ErrInvalidDecision: the decision lacks what its kind needs (422).
	ErrInvalidDecision = "decisao_invalida"
	// ErrIdentificationPending: the consumer has not confirmed the request yet; no CIP
	// goes out in their name before (004 Annex IX VI) (409).
	ErrIdentificationPending = "identificacao_pendente"
	// ErrNoFine: a decision on the fine, and the case has no fine being collected (409).
	ErrNoFine = "sem_multa"
)

// EventDecision: staff took a decision (payload: tipo and its body's fields).
const EventDecision = "decisao"

// Roles a decision may require; the API sets Decision.Role from the staff's token.
const (
	RoleAtendente          = "atendente"
	RoleGerenteAtendimento = "gerente_atendimento"
	RoleDiretorJuridico    = "diretor_juridico"
	RoleDiretorPresidente  = "diretor_presidente"
	RoleFinanceiro         = "financeiro"
)

// caseStaff are the roles that handle a case's decisions unless a kind names fewer.
var caseStaff = []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente}

// decisionKind declares one kind of decision taken on a workflow of type W (*complaint
// or *fine).
type decisionKind[W any] struct {
	name, label, source string
	roles               []string
	body                reflect.Type
	// open reports whether the workflow's state allows the kind now, whatever its body
	// (nil), or why not: it decides what QueryDecisions lists.
	open func(w W, ctx workflow.Context) error
	// check checks the body against the state, once open and the required fields hold.
	check func(w W, ctx workflow.Context, body any) error
	// apply does what the decision does, once it is recorded.
	apply func(w W, ctx workflow.Context, d Decision, body any) error
	// choices, when set, gives the allowed values of fields that depend on the state
	// (the CIPs awaiting delivery, the pending petitions…).
	choices func(w W) map[string][]string
}

// declare builds the decisionKind of body type B; check may be nil.
func declare[W, B any](name, label, source string, roles []string,
	open func(W, workflow.Context) error,
	check func(W, workflow.Context, *B) error,
	apply func(W, workflow.Context, Decision, *B) error,
) decisionKind[W] {
	k := decisionKind[W]{name: name, label: label, source: source, roles: roles, body: reflect.TypeFor[B](), open: open,
		apply: func(w W, ctx workflow.Context, d Decision, body any) error { return apply(w, ctx, d, body.(*B)) },
	}
	k.check = func(w W, ctx workflow.Context, body any) error {
		if check == nil {
			return nil
		}
		return check(w, ctx, body.(*B))
	}
	return k
}

// withChoices adds state-dependent choices to a kind.
func (k decisionKind[W]) withChoices(choices func(W) map[string][]string) decisionKind[W] {
	k.choices = choices
	return k
}

// validate is the Update validator of kind k: the role, the state, the body's required
// fields and choices, then the body against the state.
func (k decisionKind[W]) validate(w W, ctx workflow.Context, d Decision) error {
	if strings.TrimSpace(d.By) == "" {
		return invalidDecision("Decisão sem o servidor responsável.")
	}
	if err := k.allows(d.Role); err != nil {
		return err
	}
	if err := k.open(w, ctx); err != nil {
		return err
	}
	body, err := k.readBody(d)
	if err != nil {
		return err
	}
	return k.check(w, ctx, body)
}

// readBody decodes d's body into the kind's struct and checks its required fields and
// fixed choices; a body that cannot be read is an invalid decision.
func (k decisionKind[W]) readBody(d Decision) (any, error) {
	body, err := DecodeDecisionBody(k.name, d.Body)
	if err != nil {
		return nil, invalidDecision(errorMessage(err))
	}
	return body, k.complete(body)
}

// allows refuses a role the kind does not name.
func (k decisionKind[W]) allows(role string) error {
	if !slices.Contains(k.roles, role) {
		return notAllowed("A decisão " + k.name + " (" + k.label + ") cabe a: " + listWords(k.roles) + ".")
	}
	return nil
}

// complete checks the body's required fields and its fields' fixed choices.
//
//workflowcheck:ignore (encoding/json and reflect: deterministic on the same input)
func (k decisionKind[W]) complete(body any) error {
	v := reflect.ValueOf(body).Elem()
	for i := range v.NumField() {
		f, sf := v.Field(i), k.body.Field(i)
		name := jsonName(sf)
		if sf.Tag.Get("obrigatorio") == "sim" && f.IsZero() {
			return invalidDecision("Informe " + sf.Tag.Get("rotulo") + " (" + name + ").")
		}
		values := fieldValues(sf) // the state's choices are checked by the kind's check
		if len(values) == 0 || f.IsZero() {
			continue
		}
		items := []string{textOf(f)}
		if f.Kind() == reflect.Slice {
			items = f.Interface().([]string)
		}
		for _, item := range items {
			if !slices.Contains(values, item) {
				return invalidDecision("Valor inválido em " + name + ": " + item + "; use " + listWords(values) + ".")
			}
		}
	}
	return nil
}

// option is what QueryDecisions says of kind k.
//
//workflowcheck:ignore (encoding/json and reflect: deterministic on the same input)
func (k decisionKind[W]) option(w W) DecisionOption {
	var dynamic map[string][]string
	if k.choices != nil {
		dynamic = k.choices(w)
	}
	o := DecisionOption{Kind: k.name, Label: k.label, Source: k.source, Fields: fieldsOf(k.body)}
	for i, f := range o.Fields {
		if d, ok := dynamic[f.Name]; ok {
			o.Fields[i].Values = d
		}
	}
	return o
}

// fieldsOf describes the fields of a decision's body type.
func fieldsOf(body reflect.Type) []DecisionField {
	out := []DecisionField{}
	for i := range body.NumField() {
		sf := body.Field(i)
		out = append(out, DecisionField{Name: jsonName(sf), Type: fieldType(sf.Type), Label: sf.Tag.Get("rotulo"),
			Required: sf.Tag.Get("obrigatorio") == "sim", Values: fieldValues(sf)})
	}
	return out
}

// options lists the kinds of table that role may take on w now.
func options[W any](table []decisionKind[W], w W, ctx workflow.Context, role string) []DecisionOption {
	var out []DecisionOption
	for _, k := range table {
		if slices.Contains(k.roles, role) && k.open(w, ctx) == nil {
			out = append(out, k.option(w))
		}
	}
	return out
}

// find finds a kind by wire name.
func find[W any](table []decisionKind[W], name string) (decisionKind[W], bool) {
	i := slices.IndexFunc(table, func(k decisionKind[W]) bool { return k.name == name })
	if i < 0 {
		return decisionKind[W]{}, false
	}
	return table[i], true
}

// bodyTypes maps each kind's wire name to its body type, for the API and Decide.
func bodyTypes() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, k := range decisionTable {
		m[k.name] = k.body
	}
	for _, k := range fineDecisionTable {
		m[k.name] = k.body
	}
	return m
}

// kindOfBody finds the kind whose body type is t (or *t).
func kindOfBody(t reflect.Type) (string, bool) {
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for name, bt := range bodyTypes() {
		if bt == t {
			return name, true
		}
	}
	return "", false
}

// DecisionKinds lists the wire names of every kind, in the order of the tables.
func DecisionKinds() []string {
	var out []string
	for _, k := range decisionTable {
		out = append(out, k.name)
	}
	for _, k := range fineDecisionTable {
		out = append(out, k.name)
	}
	return out
}

// ErrUnknownDecision is returned by DecodeDecisionBody for a kind no table declares.
var ErrUnknownDecision = errors.New("tipo de decisão desconhecido")

// DecodeDecisionBody reads the JSON body of a decision of kind into a new value of the
// kind's body struct (a pointer), refusing fields the struct does not declare, and
// trims its texts. Errors are encoding/json's (a *json.UnmarshalTypeError, an unknown
// field), a date's (prazo.ErrInvalidDate, *time.ParseError) or ErrUnknownDecision.
//
//workflowcheck:ignore (encoding/json and reflect: deterministic on the same input)
func DecodeDecisionBody(kind string, raw []byte) (any, error) {
	t, ok := bodyTypes()[kind]
	if !ok {
		return nil, ErrUnknownDecision
	}
	body := reflect.New(t)
	if len(bytes.TrimSpace(raw)) > 0 && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(body.Interface()); err != nil {
			return nil, err
		}
	}
	trimTexts(body.Elem())
	if n, ok := body.Interface().(interface{ normalize() }); ok {
		n.normalize()
	}
	return body.Interface(), nil
}

// DecisionBodyType is the body struct type of a kind (false for an unknown kind).
func DecisionBodyType(kind string) (reflect.Type, bool) {
	t, ok := bodyTypes()[kind]
	return t, ok
}

// DecisionLabel is a kind's Portuguese label ("" for an unknown kind).
func DecisionLabel(kind string) string {
	if k, ok := find(decisionTable, kind); ok {
		return k.label
	}
	if k, ok := find(fineDecisionTable, kind); ok {
		return k.label
	}
	return ""
}

// DecisionFields describes a kind's body fields, without the choices that depend on a
// case's state (nil for an unknown kind).
func DecisionFields(kind string) []DecisionField {
	t, ok := bodyTypes()[kind]
	if !ok {
		return nil
	}
	return fieldsOf(t)
}

// DecisionFieldNames lists the JSON names of a kind's body fields ("" for an unknown kind).
func DecisionFieldNames(kind string) []string {
	t, ok := bodyTypes()[kind]
	if !ok {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		out = append(out, jsonName(t.Field(i)))
	}
	return out
}

// AllDecisionFieldNames lists the JSON names of every kind's body fields, once each.
func AllDecisionFieldNames() []string {
	var out []string
	for _, kind := range DecisionKinds() {
		for _, name := range DecisionFieldNames(kind) {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// NeedsVRTE reports whether a decision's body fixes a fine in VRTE, which needs the
// VRTE of the year to be priced (a judgment with multa_vrte).
func NeedsVRTE(body any) bool {
	j, ok := body.(*Judge)
	return ok && j.FineVRTE.IsPositive()
}

// trimTexts trims every string, and every string of a []string (dropping the empty ones).
//
//workflowcheck:ignore (encoding/json and reflect: deterministic on the same input)
func trimTexts(v reflect.Value) {
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(strings.TrimSpace(f.String()))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			var kept []string
			for _, s := range f.Interface().([]string) {
				if s = strings.TrimSpace(s); s != "" {
					kept = append(kept, s)
				}
			}
			f.Set(reflect.ValueOf(kept))
		}
	}
}

// jsonName is a body field's JSON name.
func jsonName(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
	return name
}

// fieldValues are the allowed values a body field declares (tag valores, "a|b|c").
func fieldValues(sf reflect.StructField) []string {
	if v := sf.Tag.Get("valores"); v != "" {
		return strings.Split(v, "|")
	}
	return nil
}

// fieldType names a body field's type as the form needs it.
func fieldType(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[prazo.Date]():
		return "data"
	case reflect.TypeFor[time.Time]():
		return "data_hora"
	case reflect.TypeFor[decimal.Decimal]():
		return "decimal"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "booleano"
	case reflect.Int, reflect.Int64:
		return "inteiro"
	case reflect.Slice:
		return "lista"
	}
	return "texto"
}

// textOf is a choice field's value as text.
func textOf(v reflect.Value) string {
	if v.Kind() == reflect.Int64 || v.Kind() == reflect.Int {
		return decimal.NewFromInt(v.Int()).String()
	}
	return v.String()
}

// listWords says a list of values in Portuguese: "a, b ou c".
func listWords(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " ou " + values[len(values)-1]
}

// errorMessage is err's message: an ApplicationError's own, or its text.
func errorMessage(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Message()
	}
	return err.Error()
}

func notAllowed(msg string) error {
	return temporal.NewApplicationError(msg, ErrDecisionNotAllowed)
}

// requireStatus allows a decision while the case is in one of the statuses, and refuses
// it with msg otherwise.
func (c *complaint) requireStatus(msg string, statuses ...string) error {
	if slices.Contains(statuses, c.state.Status) {
		return nil
	}
	return notAllowed(msg)
}

// notAllowedAs refuses with another stable type than ErrDecisionNotAllowed.
func notAllowedAs(errType, msg string) error {
	return temporal.NewApplicationError(msg, errType)
}

func invalidDecision(msg string) error {
	return temporal.NewApplicationError(msg, ErrInvalidDecision)
}
