package api

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/store"
)

// The console's cookies: the session's (its value is the session's random identifier,
// kept hashed in PostgreSQL) and the sign-in form's CSRF token (double submit: the form
// and the cookie must carry the same random value).
const (
	sessionCookie = "procon_sessao"
	loginCookie   = "procon_entrada"
	sessionKey    = "sessao"
	csrfField     = "_csrf"
)

// maxPageBody bounds a console form with its files (the PDFs of an opening).
const maxPageBody = 8 << 20

// Signing in is slowed down per account after freeLogins failed attempts in a row: the
// next attempt waits 2^(failures-freeLogins) seconds, up to maxLoginDelay.
const (
	freeLogins    = 5
	maxLoginDelay = 15 * time.Minute
)

// loginDelay is how long an account with failed failed attempts in a row waits after
// the last one before it may try again.
func loginDelay(failed int) time.Duration {
	if failed < freeLogins {
		return 0
	}
	d := time.Duration(math.Pow(2, float64(min(failed-freeLogins, 20)))) * time.Second
	return min(d, maxLoginDelay)
}

// securityHeaders are sent with every answer: no framing, no inline script or style, no
// referrer beyond the site, no content sniffing.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

// requireSession authenticates a console page by its session cookie and checks the
// staff member's role. Without a live session a page leads to the sign-in page (and
// back); a role outside roles gets a 403 page. A POST must carry the session's CSRF
// token, or nothing happens.
func (s *Server) requireSession(roles []string) gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, r := range roles {
		allowed[r] = true
	}
	return func(c *gin.Context) {
		ses, ok := s.session(c)
		if !ok {
			back := "/interno/"
			if c.Request.Method == http.MethodGet {
				back = c.Request.URL.RequestURI()
			}
			c.Redirect(http.StatusSeeOther, "/interno/entrar?volta="+url.QueryEscape(back))
			c.Abort()
			return
		}
		c.Set(staffKey, ses.Staff)
		c.Set(sessionKey, ses)
		c.Header("Cache-Control", "no-store") // personal data: not kept for the back button after sign-out
		if !allowed[ses.Staff.Role] {
			s.pageError(c, http.StatusForbidden, "Acesso negado",
				"O seu perfil ("+roleInWords(ses.Staff.Role)+") não tem acesso a esta página.")
			return
		}
		if c.Request.Method == http.MethodPost && c.Request.ContentLength > maxPageBody {
			s.pageError(c, http.StatusRequestEntityTooLarge, "Envio grande demais",
				fmt.Sprintf("O formulário e os seus anexos passam de %d MB: nada foi registrado.", maxPageBody>>20))
			return
		}
		if c.Request.Method == http.MethodPost {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxPageBody)
		}
		if c.Request.Method == http.MethodPost && !sameToken(c.PostForm(csrfField), ses.CSRF) {
			s.pageError(c, http.StatusForbidden, "Formulário expirado",
				"O formulário não traz o código de segurança desta sessão: nada foi registrado. Volte, recarregue a página e envie de novo.")
			return
		}
		c.Next()
	}
}

// session finds the live session of the request's cookie.
func (s *Server) session(c *gin.Context) (store.Session, bool) {
	id, err := c.Cookie(sessionCookie)
	if err != nil || id == "" {
		return store.Session{}, false
	}
	ses, err := s.store.SessionByID(c.Request.Context(), id)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			_ = c.Error(err)
		}
		return store.Session{}, false
	}
	return ses, true
}

// sameToken compares two tokens in constant time; an empty one never matches.
func sameToken(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// setCookie sets one of the console's cookies: HttpOnly, SameSite=Lax, Secure when the
// console is served over https, for the console's paths only; maxAge < 0 deletes it.
func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/interno", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secureCookies, SameSite: http.SameSiteLaxMode})
}

// signInPage is the sign-in form.
type signInPage struct {
	page
	LoginCSRF, Email, Back, Error string
}

// signInForm shows the sign-in form, with a fresh sign-in CSRF token.
func (s *Server) signInForm() gin.HandlerFunc {
	return func(c *gin.Context) {
		p := page{Title: "Entrar"}
		switch {
		case c.Query("saiu") != "":
			p.Notice = "Você saiu do console."
		case c.Query("senha") != "":
			p.Notice = "Senha definida. Entre com o seu e-mail e a nova senha."
		}
		s.showSignIn(c, http.StatusOK, signInPage{page: p, Back: safeBack(c.Query("volta"))})
	}
}

// showSignIn renders the sign-in form with a fresh sign-in CSRF token in the form and
// its cookie.
func (s *Server) showSignIn(c *gin.Context, status int, p signInPage) {
	p.LoginCSRF = newRequestID()
	s.setCookie(c, loginCookie, p.LoginCSRF, 3600)
	c.Header("Cache-Control", "no-store")
	s.render(c, status, "entrar", p)
}

// signIn checks e-mail and password. A success opens a session and leads back where the
// person was going; a failure says so without telling which of the two was wrong, is
// logged (without the password), and counts towards the account's slow-down.
func (s *Server) signIn() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		email := strings.TrimSpace(c.PostForm("email"))
		p := signInPage{page: page{Title: "Entrar"}, Email: email, Back: safeBack(c.PostForm("volta"))}
		cookie, _ := c.Cookie(loginCookie)
		if !sameToken(c.PostForm(csrfField), cookie) {
			p.Error = "O formulário expirou. Informe o e-mail e a senha de novo."
			s.showSignIn(c, http.StatusBadRequest, p)
			return
		}
		secret := c.PostForm("senha")
		if email == "" || secret == "" {
			p.Error = "Informe o e-mail e a senha."
			s.showSignIn(c, http.StatusUnprocessableEntity, p)
			return
		}
		who, err := s.store.StaffByEmail(ctx, email)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			_ = c.Error(err)
			p.Error = "Não foi possível verificar agora. Tente novamente em instantes."
			s.showSignIn(c, http.StatusServiceUnavailable, p)
			return
		}
		found := err == nil && !who.Disabled && who.PasswordHash != ""
		if found {
			if wait := loginDelay(who.FailedLogins) - time.Since(who.LastFailed); wait > 0 {
				s.log.Warn("sign-in refused while slowed down", "staff_id", who.ID, "failed_logins", who.FailedLogins)
				p.Error = fmt.Sprintf("Muitas tentativas sem sucesso para este e-mail. Aguarde %s e tente de novo.", waitInWords(wait))
				s.showSignIn(c, http.StatusTooManyRequests, p)
				return
			}
		}
		hash := who.PasswordHash
		if !found {
			hash = dummyHash() // the same work, so the answer's time does not tell who exists
		}
		if err := password.Verify(secret, hash); err != nil || !found {
			if found {
				if err := s.store.RecordLogin(ctx, who.ID, false); err != nil {
					_ = c.Error(err)
				}
			}
			s.log.Warn("sign-in failed", "email", email, "staff_id", who.ID, "failed_logins", who.FailedLogins+1, "client", c.ClientIP())
			p.Error = "E-mail ou senha incorretos."
			s.showSignIn(c, http.StatusUnauthorized, p)
			return
		}
		if err := s.store.RecordLogin(ctx, who.ID, true); err != nil {
			_ = c.Error(err)
		}
		id, _, err := s.store.NewSession(ctx, who.Staff)
		if err != nil {
			_ = c.Error(err)
			p.Error = "Não foi possível abrir a sessão agora. Tente novamente em instantes."
			s.showSignIn(c, http.StatusServiceUnavailable, p)
			return
		}
		s.log.Info("signed in", "staff_id", who.ID)
		s.setCookie(c, loginCookie, "", -1)
		s.setCookie(c, sessionCookie, id, 0)
		c.Redirect(http.StatusSeeOther, p.Back)
	}
}

// signOutPage offers the sign-out button (a GET never signs out: a link could).
func (s *Server) signOutPage() gin.HandlerFunc {
	return func(c *gin.Context) {
		s.render(c, http.StatusOK, "sair", s.newPage(c, "Sair", ""))
	}
}

// signOut ends the session.
func (s *Server) signOut() gin.HandlerFunc {
	return func(c *gin.Context) {
		if id, err := c.Cookie(sessionCookie); err == nil {
			if err := s.store.EndSession(c.Request.Context(), id); err != nil {
				_ = c.Error(err)
			}
		}
		s.setCookie(c, sessionCookie, "", -1)
		c.Redirect(http.StatusSeeOther, "/interno/entrar?saiu=1")
	}
}

// passwordPage is the form a one-time link opens to set one's password.
type passwordPage struct {
	page
	Who   store.Staff
	Min   int
	Error string
}

// passwordForm shows the form of a valid one-time link.
func (s *Server) passwordForm() gin.HandlerFunc {
	return func(c *gin.Context) {
		who, ok := s.passwordLink(c)
		if !ok {
			return
		}
		c.Header("Cache-Control", "no-store")
		s.render(c, http.StatusOK, "senha", passwordPage{page: page{Title: "Definir a senha"}, Who: who, Min: password.MinLength})
	}
}

// setPassword sets the password through a one-time link, which is then spent.
func (s *Server) setPassword() gin.HandlerFunc {
	return func(c *gin.Context) {
		who, ok := s.passwordLink(c)
		if !ok {
			return
		}
		p := passwordPage{page: page{Title: "Definir a senha"}, Who: who, Min: password.MinLength}
		secret := c.PostForm("senha")
		switch {
		case password.Check(secret) != "":
			p.Error = password.Check(secret)
		case secret != c.PostForm("confirmacao"):
			p.Error = "As duas senhas não são iguais."
		}
		if p.Error != "" {
			s.render(c, http.StatusUnprocessableEntity, "senha", p)
			return
		}
		hash, err := password.Hash(secret)
		if err == nil {
			_, err = s.store.UsePasswordLink(c.Request.Context(), c.Param("token"), hash)
		}
		if err != nil {
			_ = c.Error(err)
			s.pageError(c, http.StatusServiceUnavailable, "Senha não definida", "Não foi possível definir a senha agora. Tente novamente em instantes.")
			return
		}
		s.log.Info("password set through a link", "staff_id", who.ID)
		c.Redirect(http.StatusSeeOther, "/interno/entrar?senha=1")
	}
}

// passwordLink finds the staff member of the request's one-time link, or renders the
// page that says the link no longer works.
func (s *Server) passwordLink(c *gin.Context) (store.Staff, bool) {
	who, err := s.store.PasswordLinkStaff(c.Request.Context(), c.Param("token"))
	if err == nil {
		return who, true
	}
	if !errors.Is(err, store.ErrNotFound) {
		_ = c.Error(err)
	}
	s.pageError(c, http.StatusNotFound, "Link inválido", "Este link para definir a senha não vale mais: já foi usado ou passou de três dias. Peça um novo à administração do sistema.")
	return store.Staff{}, false
}

// safeBack is where to go after signing in: a console path, never another site.
func safeBack(v string) string {
	if strings.HasPrefix(v, "/interno/") && !strings.HasPrefix(v, "/interno//") && !strings.ContainsAny(v, "\\\r\n") {
		return v
	}
	return "/interno/"
}

// waitInWords says a wait in Portuguese, rounded up to seconds or minutes.
func waitInWords(d time.Duration) string {
	if d <= time.Minute {
		return fmt.Sprintf("%d segundos", int(math.Ceil(d.Seconds())))
	}
	return fmt.Sprintf("%d minutos", int(math.Ceil(d.Minutes())))
}

// dummyHash is a hash no password matches, checked when the e-mail is unknown.
var dummyHash = sync.OnceValue(func() string {
	h, err := password.Hash(newRequestID())
	if err != nil {
		panic(err)
	}
	return h
})
