package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
)

// placeholders fill the path parameters of a route with well-formed values. A route
// with a parameter missing here fails TestStaffAuthentication_Issue2_EveryRouteEveryRole:
// add a placeholder for it.
var placeholders = map[string]string{
	":na":      "NA-2026-000001",
	":id":      "1",
	":doc":     "11222333000181",
	":fila":    "registro",
	":numero":  "CIP-2026-000001-1",
	":ano":     "2026",
	":token":   "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	"*arquivo": "/console.css",
}

var pathParam = regexp.MustCompile(`[:*][A-Za-z_]+`)

// concretePath replaces the parameters of a route's path with placeholders.
func concretePath(t *testing.T, path string) string {
	t.Helper()
	var missing []string
	out := pathParam.ReplaceAllStringFunc(path, func(p string) string {
		v, ok := placeholders[p]
		if !ok {
			missing = append(missing, p)
		}
		return v
	})
	if len(missing) > 0 {
		t.Fatalf("route %s: no placeholder for %v: add one to placeholders in access_test.go", path, missing)
	}
	return out
}

// Portuguese markers: diacritics and frequent Portuguese words; English ones make a
// message fail even when it also has a Portuguese word.
var (
	ptDiacritics = "ãõçáéíóúâêôà"
	ptWords      = map[string]bool{"de": true, "do": true, "da": true, "dos": true, "das": true, "o": true,
		"os": true, "e": true, "em": true, "um": true, "uma": true, "para": true, "com": true, "ou": true,
		"não": true, "seu": true, "sua": true, "ao": true, "erro": true, "tente": true, "novamente": true,
		"mais": true, "informe": true, "esta": true, "recurso": true}
	enWords = map[string]bool{"the": true, "is": true, "not": true, "invalid": true, "error": true,
		"found": true, "unauthorized": true, "forbidden": true, "required": true, "please": true, "failed": true}
)

// wantPortuguese checks that a message is a sentence in Portuguese.
func wantPortuguese(t *testing.T, msg string) {
	t.Helper()
	m := strings.ToLower(strings.TrimSpace(msg))
	if m == "" {
		t.Errorf("empty message, want a Portuguese sentence")
		return
	}
	pt := strings.ContainsAny(m, ptDiacritics)
	for _, w := range strings.FieldsFunc(m, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if enWords[w] {
			t.Errorf("message %q has the English word %q", msg, w)
			return
		}
		pt = pt || ptWords[w]
	}
	if !pt {
		t.Errorf("message %q does not read as Portuguese", msg)
	}
}

// wantAuthError checks a 401/403 answer: status, stable code and a Portuguese message.
func wantAuthError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	e := wantError(t, w, status, code)
	wantPortuguese(t, e.Message)
}

// requestAs sends a request with a raw Authorization header ("" for none). Requests
// with a body send an empty JSON object.
func requestAs(h http.Handler, method, path, authorization string) *httptest.ResponseRecorder {
	var req *http.Request
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		req = httptest.NewRequest(method, path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Issue 2: a route added without an access rule fails the suite. Every route is either
// public, or names a non-empty set of valid roles; never both.
func TestEveryRouteHasAccessRule_Issue2(t *testing.T) {
	routes := api.Routes()
	if len(routes) == 0 {
		t.Fatal("Routes() is empty")
	}
	seen := map[string]bool{}
	for _, rt := range routes {
		name := rt.Method + " " + rt.Path
		if seen[name] {
			t.Errorf("%s: declared twice", name)
		}
		seen[name] = true
		switch {
		case rt.Public && len(rt.Roles) > 0:
			t.Errorf("%s: public and restricted to %v at once; choose one", name, rt.Roles)
		case !rt.Public && len(rt.Roles) == 0:
			t.Errorf("%s: no access rule: set Public or list the Roles that may call it", name)
		}
		for _, r := range rt.Roles {
			if !api.ValidRole(r) {
				t.Errorf("%s: unknown role %q", name, r)
			}
		}
	}
	// ValidRole agrees with AllRoles and rejects anything else.
	for _, r := range api.AllRoles {
		if !api.ValidRole(r) {
			t.Errorf("ValidRole(%q) = false for a role of AllRoles", r)
		}
	}
	for _, r := range []string{"", "Admin", "ADMIN", "admin ", "root", "consumidor"} {
		if api.ValidRole(r) {
			t.Errorf("ValidRole(%q) = true", r)
		}
	}
}

// Issue 2 (staff authentication): generated from Routes(), every route is called with no
// token, malformed Authorization headers, an unknown token and the token of every role.
// Public routes never answer 401/403. The others answer 401 nao_autenticado without a
// valid token, 403 acesso_negado to a role outside Route.Roles, and neither to a role in
// it (the handler then answers for the placeholder parameters, never with a 5xx).
func TestStaffAuthentication_Issue2_EveryRouteEveryRole(t *testing.T) {
	e := newAPIEnv(t, nil)
	unauthenticated := []struct{ name, header string }{
		{"no token", ""},
		{"unknown token", "Bearer pct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
		{"altered token", "Bearer " + e.tokens[api.RoleAdmin] + "x"},
		{"empty bearer", "Bearer "},
		{"blank bearer", "Bearer    "},
		{"other scheme", "Basic " + e.tokens[api.RoleAdmin]},
		{"no scheme", e.tokens[api.RoleAdmin]},
	}
	for _, rt := range api.Routes() {
		if rt.Page {
			continue // TestConsolePages_EveryPageEveryRole, and the sign-in tests for its public pages
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			path := concretePath(t, rt.Path)
			for _, u := range unauthenticated {
				w := requestAs(e.h, rt.Method, path, u.header)
				if rt.Public {
					if w.Code == http.StatusUnauthorized || w.Code == http.StatusForbidden {
						t.Errorf("public route, %s: %d %s", u.name, w.Code, w.Body.String())
					}
					continue
				}
				t.Run(u.name, func(t *testing.T) {
					wantAuthError(t, w, http.StatusUnauthorized, api.CodeUnauthenticated)
				})
			}
			for _, role := range api.AllRoles {
				w := requestAs(e.h, rt.Method, path, "Bearer "+e.tokens[role])
				switch {
				case rt.Public || slices.Contains(rt.Roles, role):
					if w.Code == http.StatusUnauthorized || w.Code == http.StatusForbidden || w.Code >= 500 {
						t.Errorf("as %s (allowed): %d %s", role, w.Code, w.Body.String())
					}
				default:
					t.Run("as "+role, func(t *testing.T) {
						wantAuthError(t, w, http.StatusForbidden, api.CodeForbidden)
					})
				}
			}
		})
	}
}

// Issue 2: a revoked token and a disabled staff member's token are refused (401) on
// every restricted route, as an unknown token would be; the other tokens keep working.
func TestStaffAuthentication_Issue2_RevokedOrDisabledTokenRefused(t *testing.T) {
	e := newAPIEnv(t, nil)
	ctx := context.Background()
	probe := http.MethodGet + " " + closuresPath
	for _, role := range []string{api.RoleAdmin, api.RoleFinanceiro} {
		if w := e.do(t, http.MethodGet, closuresPath, role, ""); w.Code != http.StatusOK {
			t.Fatalf("%s as %s before revocation: %d %s", probe, role, w.Code, w.Body.String())
		}
	}

	// The store has no revoke/disable operation yet; StaffByToken honours the columns.
	if _, err := e.st.Pool.Exec(ctx, `UPDATE staff_tokens SET revoked_at = now() WHERE staff_id = $1`, e.staff[api.RoleAdmin].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.Pool.Exec(ctx, `UPDATE staff SET disabled_at = now() WHERE id = $1`, e.staff[api.RoleFinanceiro].ID); err != nil {
		t.Fatal(err)
	}
	for _, rt := range api.Routes() {
		if rt.Public || rt.Page {
			continue
		}
		path := concretePath(t, rt.Path)
		for _, tc := range []struct{ what, role string }{{"revoked token", api.RoleAdmin}, {"disabled staff", api.RoleFinanceiro}} {
			t.Run(rt.Method+" "+rt.Path+"/"+tc.what, func(t *testing.T) {
				w := requestAs(e.h, rt.Method, path, "Bearer "+e.tokens[tc.role])
				wantAuthError(t, w, http.StatusUnauthorized, api.CodeUnauthenticated)
			})
		}
	}
	if w := e.do(t, http.MethodGet, closuresPath, api.RoleGerenteAtendimento, ""); w.Code != http.StatusOK {
		t.Fatalf("%s with a valid token after others were revoked: %d %s", probe, w.Code, w.Body.String())
	}
}

// pageRequest sends a console request: with the session cookie of role ("" for none)
// and, for a POST, a form carrying csrf.
func pageRequest(h http.Handler, method, path, cookie, csrf, authorization string) *httptest.ResponseRecorder {
	var req *http.Request
	if method == http.MethodPost {
		req = httptest.NewRequest(method, path, strings.NewReader(url.Values{"_csrf": {csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "procon_sessao", Value: cookie})
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Issue 16: the console's pages are routes of the same table, with roles. Generated
// from Routes(), every page is called with no session, with an API token instead (pages
// take no tokens), and with the session of every role: without a session it leads to
// the sign-in page; a role outside Route.Roles gets a 403 page; an allowed role neither
// (nor a 5xx). A POST without the session's CSRF token is refused with a 403 page.
func TestConsolePages_EveryPageEveryRole(t *testing.T) {
	e := newAPIEnv(t, nil)
	for _, rt := range api.Routes() {
		if !rt.Page || rt.Public {
			continue
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			path := concretePath(t, rt.Path)
			for _, auth := range []string{"", "Bearer " + e.tokens[api.RoleAdmin]} {
				w := pageRequest(e.h, rt.Method, path, "", "", auth)
				if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/interno/entrar") {
					t.Errorf("no session (authorization %q): %d %s, want 303 to /interno/entrar", auth, w.Code, w.Header().Get("Location"))
				}
			}
			for _, role := range api.AllRoles {
				cookie, ses := e.newSession(t, role) // a fresh one: POST /interno/sair ends it
				w := pageRequest(e.h, rt.Method, path, cookie, ses.CSRF, "")
				allowed := slices.Contains(rt.Roles, role)
				switch {
				case allowed && (w.Code == http.StatusUnauthorized || w.Code == http.StatusForbidden || w.Code >= 500):
					t.Errorf("as %s (allowed): %d %s", role, w.Code, w.Body.String())
				case !allowed && w.Code != http.StatusForbidden:
					t.Errorf("as %s (not allowed): %d, want a 403 page", role, w.Code)
				case !allowed && !strings.Contains(w.Body.String(), "Acesso negado"):
					t.Errorf("as %s: the 403 is not the page that says so: %s", role, w.Body.String())
				}
				if allowed && rt.Method == http.MethodPost {
					cookie, _ := e.newSession(t, role)
					w := pageRequest(e.h, rt.Method, path, cookie, "", "")
					if w.Code != http.StatusForbidden {
						t.Errorf("as %s without the CSRF token: %d, want 403", role, w.Code)
					}
					w = pageRequest(e.h, rt.Method, path, cookie, e.sessions[api.RoleAdmin].CSRF, "")
					if role != api.RoleAdmin && w.Code != http.StatusForbidden {
						t.Errorf("as %s with another session's CSRF token: %d, want 403", role, w.Code)
					}
				}
			}
		})
	}
}

// newSession opens a console session for role's staff member.
func (e *apiEnv) newSession(t *testing.T, role string) (string, store.Session) {
	t.Helper()
	id, ses, err := e.st.NewSession(context.Background(), e.staff[role])
	if err != nil {
		t.Fatal(err)
	}
	return id, ses
}
