package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/testenv"
)

// signInAttempt posts the sign-in form with a matching sign-in CSRF cookie and field.
func signInAttempt(h http.Handler, email, secret string) *httptest.ResponseRecorder {
	form := url.Values{"_csrf": {"token-de-entrada"}, "email": {email}, "senha": {secret}, "volta": {"/interno/busca"}}
	req := httptest.NewRequest(http.MethodPost, "/interno/entrar", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "procon_entrada", Value: "token-de-entrada"})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Issue 16: signing in with e-mail and password opens a server-side session in an
// HttpOnly, SameSite cookie (Secure over https) and leads back where the person was
// going; a wrong password says so without telling which field was wrong; after 5 failed
// attempts the account is slowed down, even for the right password; the log names the
// attempt but never the password. The sign-in form without its CSRF pair changes nothing.
func TestSignInSessionAndSlowDown(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	var logs bytes.Buffer
	h := api.New(api.Deps{Store: st, Registry: prometheus.NewRegistry(), PublicURL: "https://procon.example",
		Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	member, _, err := st.AddStaff(ctx, "Bia Gerente", "bia@procon.es.gov.br", api.RoleGerenteAtendimento)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "a senha certa da Bia"
	hash, _ := password.Hash(secret)
	if err := st.SetPassword(ctx, member.ID, hash); err != nil {
		t.Fatal(err)
	}

	w := signInAttempt(h, "BIA@procon.es.gov.br", secret)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/interno/busca" {
		t.Fatalf("right password: %d → %q", w.Code, w.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == "procon_sessao" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v: want HttpOnly, Secure (https) and SameSite=Lax", session)
	}
	req := httptest.NewRequest(http.MethodGet, "/interno/", nil)
	req.AddCookie(session)
	home := httptest.NewRecorder()
	h.ServeHTTP(home, req)
	if home.Code != http.StatusOK || !strings.Contains(home.Body.String(), "Bia Gerente") {
		t.Fatalf("home page with the session: %d, want it to name the signed-in person", home.Code)
	}
	for _, hdr := range []string{"Content-Security-Policy", "Referrer-Policy"} {
		if home.Header().Get(hdr) == "" {
			t.Errorf("no %s header", hdr)
		}
	}
	if csp := home.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}

	form := url.Values{"email": {"bia@procon.es.gov.br"}, "senha": {secret}}
	bare := httptest.NewRequest(http.MethodPost, "/interno/entrar", strings.NewReader(form.Encode()))
	bare.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	noCSRF := httptest.NewRecorder()
	h.ServeHTTP(noCSRF, bare)
	if noCSRF.Code != http.StatusBadRequest || len(noCSRF.Result().Cookies()) > 1 {
		t.Errorf("sign-in without the CSRF pair: %d, cookies %v", noCSRF.Code, noCSRF.Result().Cookies())
	}

	for i := range 5 {
		w := signInAttempt(h, "bia@procon.es.gov.br", "senha errada número 1")
		if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "E-mail ou senha incorretos.") {
			t.Fatalf("wrong password (%d): %d", i+1, w.Code)
		}
	}
	unknown := signInAttempt(h, "ninguem@procon.es.gov.br", "qualquer senha longa")
	if unknown.Code != http.StatusUnauthorized || !strings.Contains(unknown.Body.String(), "E-mail ou senha incorretos.") {
		t.Errorf("unknown e-mail: %d, want the same answer as a wrong password", unknown.Code)
	}
	slowed := signInAttempt(h, "bia@procon.es.gov.br", secret)
	if slowed.Code != http.StatusTooManyRequests || !strings.Contains(slowed.Body.String(), "Aguarde") {
		t.Fatalf("the right password right after 5 failures: %d, want 429 asking to wait", slowed.Code)
	}
	if strings.Contains(logs.String(), "senha errada") || strings.Contains(logs.String(), secret) {
		t.Error("a password reached the log")
	}
	if !strings.Contains(logs.String(), "sign-in failed") {
		t.Error("failed attempts are not logged")
	}
}
