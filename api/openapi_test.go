package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/procon-es/procon/api"
)

// servedDoc loads the document GET /api/v1/openapi.json answers, with kin-openapi.
func servedDoc(t *testing.T, e *apiEnv) *openapi3.T {
	t.Helper()
	w := e.do(t, http.MethodGet, "/api/v1/openapi.json", "", "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET openapi.json: %d %s", w.Code, w.Body.String())
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(w.Body.Bytes())
	if err != nil {
		t.Fatalf("kin-openapi cannot load the document: %v", err)
	}
	return doc
}

// Issue 15: the API describes itself in OpenAPI 3.1, built from the route table: the
// document validates, and every route of the table is in it with its roles, its
// Portuguese summary, its path parameters and, for a body, its schema.
func TestOpenAPIDocumentDescribesEveryRoute(t *testing.T) {
	e := newAPIEnv(t, nil)
	doc := servedDoc(t, e)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the document does not validate: %v", err)
	}
	for _, r := range api.Routes() {
		if r.Page {
			continue
		}
		path := r.Path
		for _, part := range strings.Split(r.Path, "/") {
			if name, ok := strings.CutPrefix(part, ":"); ok {
				path = strings.Replace(path, part, "{"+name+"}", 1)
			}
		}
		item := doc.Paths.Find(path)
		if item == nil {
			t.Errorf("%s %s is not in the document", r.Method, path)
			continue
		}
		op := item.GetOperation(r.Method)
		if op == nil {
			t.Errorf("%s %s: no operation", r.Method, path)
			continue
		}
		if op.Summary == "" {
			t.Errorf("%s %s: no summary", r.Method, path)
		}
		roles, _ := op.Extensions["x-papeis"].([]any)
		if len(roles) != len(r.Roles) {
			t.Errorf("%s %s: x-papeis %v, want %v", r.Method, path, roles, r.Roles)
		}
		if (r.Body != nil) != (op.RequestBody != nil) {
			t.Errorf("%s %s: request body in the document %v, in the table %v", r.Method, path, op.RequestBody != nil, r.Body != nil)
		}
		if !r.Public && op.Responses.Status(http.StatusForbidden) == nil {
			t.Errorf("%s %s: no 403 answer", r.Method, path)
		}
	}
	erro := doc.Components.Schemas["Erro"].Value.Properties["code"].Value
	if len(erro.Enum) < 30 {
		t.Errorf("the error codes are not listed: %v", erro.Enum)
	}
	decision := doc.Paths.Find("/api/v1/cases/{na}/decisoes").Post.RequestBody.Value.Content["application/json"].Schema.Value
	if len(decision.OneOf) < 30 {
		t.Errorf("a decision's body has %d kinds, want one per kind of the table", len(decision.OneOf))
	}
}

// conformance validates the requests of the API test suite against the served document.
var conformance struct {
	once   sync.Once
	router routers.Router
	err    error
}

// requireConforms checks that req, which the API accepted (2xx), conforms to the
// OpenAPI document: the route exists, the path parameters and the body match their
// schemas. Every accepted request of this package's tests passes through it (apiEnv.do).
func requireConforms(t *testing.T, e *apiEnv, req *http.Request, body string) {
	t.Helper()
	if strings.HasSuffix(req.URL.Path, "/openapi.json") {
		return
	}
	conformance.once.Do(func() {
		doc := servedDoc(t, e)
		conformance.router, conformance.err = legacy.NewRouter(doc)
	})
	if conformance.err != nil {
		t.Fatalf("router over the document: %v", conformance.err)
	}
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader([]byte(body)))
	if r.URL.Host == "" {
		r.URL.Scheme, r.URL.Host = "http", "example.com"
	}
	route, params, err := conformance.router.FindRoute(r)
	if err != nil {
		t.Errorf("accepted %s %s is not in the OpenAPI document: %v", req.Method, req.URL.Path, err)
		return
	}
	if err := openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}); err != nil {
		t.Errorf("accepted %s %s does not conform to the OpenAPI document: %v\nbody: %s", req.Method, req.URL.Path, err, body)
	}
}
