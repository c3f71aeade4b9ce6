package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/shopspring/decimal"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// ErrorCodes are the stable codes of the API's error answers ({"code", "message"}).
var ErrorCodes = []string{
	CodeUnauthenticated, CodeForbidden, CodeNotFound, CodeInvalidRequest, CodeBodyTooLarge, CodeInternal, CodeUnavailable,
	CodeInvalidDate, CodeDateOutOfRange, CodeInvalidQuantity, CodeInvalidUnit,
	CodeDecisionNotAllowed, CodeInvalidDecision, CodeIdentificationPending, CodeCaseClosed,
	CodeInvalidSuspension, CodeNoRunningDeadline,
	CodeNoFine, CodeInvalidPayment, CodeNoVRTE, CodeInvalidYear,
	CodeInvalidClosureKind, CodeInvalidClosingTime, CodeReasonRequired, CodeInvalidReason, CodeInvalidAct, CodeInvalidRange, CodeDuplicateClosure,
	CodeInvalidDoc, CodeInvalidName, CodeInvalidEmail,
	CodeNotPublished, CodeCorrectionLate, CodeAlreadyDecided,
	CodeAlreadyGrouped, CodeNotAPractice,
}

// errorAnswers are the error statuses a route may answer, with their meaning.
var errorAnswers = []struct {
	status      int
	description string
	public      bool // also for public routes
}{
	{http.StatusBadRequest, "Requisição malformada: corpo, campo ou parâmetro inválido.", true},
	{http.StatusUnauthorized, "Sem token, ou token inválido.", false},
	{http.StatusForbidden, "O papel do servidor não pode chamar esta rota.", false},
	{http.StatusNotFound, "Caso, documento ou recurso não encontrado.", true},
	{http.StatusConflict, "O estado do caso não permite o pedido (código estável em code).", false},
	{http.StatusRequestEntityTooLarge, "Corpo grande demais.", false},
	{http.StatusUnprocessableEntity, "O pedido não tem o que a regra exige.", false},
	{http.StatusServiceUnavailable, "Temporal ou PostgreSQL indisponível: tente de novo.", true},
}

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
)

// openAPI answers the OpenAPI 3.1 document of the API, built from the route table.
func (s *Server) openAPI() gin.HandlerFunc {
	return func(c *gin.Context) {
		openAPIOnce.Do(func() {
			b, err := json.MarshalIndent(OpenAPI(), "", "  ")
			if err != nil {
				panic(err) // the document is built from Go values; a failure is a programming error
			}
			openAPIDoc = b
		})
		c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDoc)
	}
}

// OpenAPI builds the OpenAPI 3.1 document of the API from Routes(): each route with its
// summary, its roles (x-papeis), its path parameters, its body's schema (from its Go
// type; a decision's, one schema per kind of the decision table) and its answers.
func OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, r := range Routes() {
		if r.Page { // the console's pages answer HTML, not the API's JSON
			continue
		}
		path, params := openAPIPath(r.Path)
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(r.Method)] = operation(r, params)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "API do back office do PROCON/ES",
			"version": "1",
			"description": "Atendimentos, CIPs, processos administrativos, multas e Dívida Ativa (Normas de procedimento – DIJUR, 004). " +
				"Toda rota não pública pede um token de servidor (Authorization: Bearer); x-papeis diz quais papéis a chamam. " +
				"Os erros respondem {\"code\", \"message\"}, com code estável e message em português.",
		},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"servidor": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{
				"Erro": map[string]any{
					"type": "object", "required": []string{"code", "message"},
					"properties": map[string]any{
						"code":    map[string]any{"type": "string", "enum": ErrorCodes, "description": "Código estável do erro."},
						"message": map[string]any{"type": "string", "description": "O que houve, em português."},
					},
				},
			},
		},
	}
}

// openAPIPath turns a gin path (/cases/:na) into OpenAPI's (/cases/{na}) and its
// parameters.
func openAPIPath(path string) (string, []string) {
	var params []string
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			params = append(params, name)
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/"), params
}

// operation is the OpenAPI operation of route r.
func operation(r Route, params []string) map[string]any {
	op := map[string]any{
		"operationId": strings.ToLower(r.Method) + strings.NewReplacer("/", "_", ":", "", "-", "_").Replace(r.Path),
		"summary":     r.Summary,
		"x-papeis":    r.Roles,
	}
	if r.Public {
		op["security"] = []any{}
		op["x-papeis"] = []string{}
		op["description"] = "Rota pública, sem token."
	} else {
		op["security"] = []any{map[string]any{"servidor": []string{}}}
		op["description"] = "Papéis: " + strings.Join(r.Roles, ", ") + "."
	}
	var parameters []any
	for _, p := range params {
		parameters = append(parameters, map[string]any{"name": p, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	if parameters != nil {
		op["parameters"] = parameters
	}
	if r.Body != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": bodySchema(r.Body)}}}
	}
	responses := map[string]any{"200": map[string]any{"description": "Sucesso.", "content": map[string]any{"application/json": map[string]any{}}}}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		responses["201"] = map[string]any{"description": "Criado.", "content": map[string]any{"application/json": map[string]any{}}}
	}
	for _, e := range errorAnswers {
		if r.Public && !e.public {
			continue
		}
		responses[strconv.Itoa(e.status)] = map[string]any{
			"description": e.description,
			"content":     map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Erro"}}},
		}
	}
	op["responses"] = responses
	return op
}

// bodySchema is the JSON Schema of a request body of body's type.
func bodySchema(body any) map[string]any {
	if _, ok := body.(decisionBodies); ok {
		var kinds []any
		for _, kind := range workflows.DecisionKinds() {
			t, _ := workflows.DecisionBodyType(kind)
			s := structSchema(t)
			s["properties"].(map[string]any)["tipo"] = map[string]any{"const": kind}
			s["required"] = append([]string{"tipo"}, s["required"].([]string)...)
			kinds = append(kinds, s)
		}
		return map[string]any{"oneOf": kinds, "description": "Uma decisão: tipo e os campos do seu tipo (GET /api/v1/cases/{na}/decisoes os lista)."}
	}
	return typeSchema(reflect.TypeOf(body))
}

// structSchema is the schema of a struct type: its JSON fields, nothing else (the API
// refuses unknown fields); the fields tagged obrigatorio are required.
func structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	required := []string{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		s := typeSchema(f.Type)
		if label := f.Tag.Get("rotulo"); label != "" {
			s["description"] = label
		}
		if v := f.Tag.Get("valores"); v != "" {
			s["enum"] = strings.Split(v, "|")
		}
		props[name] = s
		if f.Tag.Get("obrigatorio") == "sim" && !slices.Contains(required, name) {
			required = append(required, name)
		}
	}
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

// typeSchema is the JSON Schema of a Go type as encoding/json reads it.
func typeSchema(t reflect.Type) map[string]any {
	switch t {
	case reflect.TypeFor[prazo.Date]():
		return map[string]any{"type": "string", "format": "date"}
	case reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	case reflect.TypeFor[decimal.Decimal]():
		return map[string]any{"type": []string{"string", "number"}, "description": "Valor decimal exato, de preferência em texto (\"4.50\")."}
	case reflect.TypeFor[json.RawMessage]():
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := typeSchema(t.Elem())
		if typ, ok := s["type"].(string); ok {
			s["type"] = []string{typ, "null"}
		}
		return s
	case reflect.Struct:
		return structSchema(t)
	case reflect.Slice:
		return map[string]any{"type": []string{"array", "null"}, "items": typeSchema(t.Elem())}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{"type": "string"}
}
