package api

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// The staff console (issue 16): server-rendered pages under /interno/, in Portuguese,
// from html/template (contextual escaping: nothing typed by anyone is ever rendered
// unescaped) and one stylesheet. No script runs on its pages.

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pages holds one template set per page: the layout (base.html) with the page's file.
var pages = parsePages()

// pageFuncs are the helpers the pages use.
var pageFuncs = template.FuncMap{
	"dataBR":     func(t time.Time) string { return t.In(prazo.AgencyZone).Format("02/01/2006") },
	"dataHoraBR": func(t time.Time) string { return t.In(prazo.AgencyZone).Format("02/01/2006 15:04") },
	"situacao":   statusInWords,
	"papel":      roleInWords,
	"join":       strings.Join,
	"dias":       daysInWords,
	"mais1":      func(i int) int { return i + 1 },
	"envio":      outboxInWords,
	"tipoEvento": eventTypeInWords,
}

// daysInWords says how far a deadline is: "vence hoje", "falta 1 dia", "faltam 3 dias",
// "venceu há 2 dias".
func daysInWords(n int) string {
	switch {
	case n == 0:
		return "vence hoje"
	case n == 1:
		return "falta 1 dia"
	case n > 1:
		return "faltam " + strconv.Itoa(n) + " dias"
	case n == -1:
		return "venceu há 1 dia"
	}
	return "venceu há " + strconv.Itoa(-n) + " dias"
}

func parsePages() map[string]*template.Template {
	base := template.Must(template.New("base.html").Funcs(pageFuncs).ParseFS(templateFiles, "templates/base.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "base" {
			continue
		}
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, n))
	}
	return out
}

// page is what every page's layout shows: its title, the signed-in staff member (none
// on the sign-in pages), the session's CSRF token for its forms, the menu item it is.
type page struct {
	Title   string
	Staff   store.Staff
	CSRF    string
	Current string
	// Nav is the menu: the pages of the table with a Nav name the role may open.
	Nav []navLink
	// Notice is a message shown on top (a decision taken, a sign-out done).
	Notice string
}

// navLink is one item of the console's menu.
type navLink struct {
	Path, Label string
	Current     bool
}

// consoleNav is each role's menu: the pages of routes with a Nav name that the role may
// open, in the table's order.
func consoleNav(routes []Route) map[string][]navLink {
	out := map[string][]navLink{}
	for _, rt := range routes {
		if rt.Nav == "" {
			continue
		}
		for _, role := range rt.Roles {
			out[role] = append(out[role], navLink{Path: rt.Path, Label: rt.Nav})
		}
	}
	return out
}

// newPage starts a page for the signed-in staff member of the request; current is the
// path of the menu item it belongs to.
func (s *Server) newPage(c *gin.Context, title, current string) page {
	p := page{Title: title, Current: current, Staff: staffOf(c)}
	for _, l := range s.nav[p.Staff.Role] {
		l.Current = l.Path == current
		p.Nav = append(p.Nav, l)
	}
	if ses, ok := c.Get(sessionKey); ok {
		p.CSRF = ses.(store.Session).CSRF
	}
	return p
}

// render writes a page, rendered in full before anything is sent, so a template error
// is a clean 500 and never half a page.
func (s *Server) render(c *gin.Context, status int, name string, data any) {
	t, ok := pages[name]
	if !ok {
		panic("api: no page " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		_ = c.Error(err)
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("Erro interno ao montar a página. Tente novamente."))
		c.Abort()
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// errorPage is a page that only says what went wrong, and where to go.
type errorPage struct {
	page
	Heading, Message string
}

// pageError renders an error page with its status and aborts the request.
func (s *Server) pageError(c *gin.Context, status int, heading, message string) {
	p := s.newPage(c, heading, "")
	s.render(c, status, "erro", errorPage{page: p, Heading: heading, Message: message})
	c.Abort()
}

// pageFailure renders the error page of a failure.
func (s *Server) pageFailure(c *gin.Context, f *failure) {
	heading := "Não foi possível concluir"
	switch f.status {
	case http.StatusNotFound:
		heading = "Não encontrado"
	case http.StatusForbidden:
		heading = "Acesso negado"
	case http.StatusInternalServerError, http.StatusServiceUnavailable:
		heading = "Serviço indisponível"
	}
	s.pageError(c, f.status, heading, f.message)
}

// staticAsset serves the console's stylesheet and images, which never change within a
// release.
func (s *Server) staticAsset() gin.HandlerFunc {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	files := http.FileServer(http.FS(sub))
	return func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=3600")
		c.Request.URL.Path = c.Param("arquivo")
		files.ServeHTTP(c.Writer, c.Request)
	}
}

// home leads the root to the console, until the public pages exist (issue 17).
func (s *Server) home() gin.HandlerFunc {
	return func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/interno/") }
}
