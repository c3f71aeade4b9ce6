package api

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/workflows"
)

// openingPage is the form to open a process or send the presidency's notification, with
// what was typed and what was wrong.
type openingPage struct {
	page
	Key   string
	Error string
	// Values are the fields as typed, by name.
	Values map[string]string
	// Origins and Kinds are the choices of the forms.
	Origins []fieldOption
	Kinds   []fieldOption
}

// newOpeningPage starts an opening form.
func (s *Server) newOpeningPage(c *gin.Context, title, path string) openingPage {
	p := openingPage{page: s.newPage(c, title, path), Key: newRequestID(), Values: map[string]string{}}
	for _, o := range staffOrigins {
		p.Origins = append(p.Origins, fieldOption{Value: o, Label: workflows.OriginDescription(o)})
	}
	for _, k := range []string{"recomendatoria", "esclarecimentos"} {
		p.Kinds = append(p.Kinds, fieldOption{Value: k, Label: workflows.ExOfficioKindWords(k)})
	}
	return p
}

// processForm shows the form to open a processo administrativo (004 §7.1–7.2, III–V).
func (s *Server) processForm() gin.HandlerFunc {
	return func(c *gin.Context) {
		s.render(c, http.StatusOK, "abrir_processo", s.newOpeningPage(c, "Abrir processo", "/interno/processos/novo"))
	}
}

// consoleOpenProcess opens the process the form describes, with its PDFs, once per form
// (its key), and leads to the new case.
func (s *Server) consoleOpenProcess() gin.HandlerFunc {
	return func(c *gin.Context) {
		p := s.newOpeningPage(c, "Abrir processo", "/interno/processos/novo")
		p.Key = formKey(c)
		body := processBody{Origin: c.PostForm("origem"), Fact: c.PostForm("fato"), Agent: c.PostForm("agente"),
			Notice: c.PostForm("numero_auto"), Agency: c.PostForm("orgao"), Supplier: supplierFromForm(c)}
		keepValues(c, p.Values, "origem", "fato", "agente", "numero_auto", "orgao", "cpf_cnpj", "nome", "email")
		files, msg := pdfUploads(c)
		if msg != "" {
			s.openingDone(c, "abrir_processo", p, "", "", &failure{http.StatusUnprocessableEntity, CodeInvalidOpening, msg})
			return
		}
		body.Files = files
		na, _, f := s.openProcess(c, "console-"+p.Key, body)
		s.openingDone(c, "abrir_processo", p, na, "abertura", f)
	}
}

// exOfficioForm shows the form of the presidency's notification (004 §8.12).
func (s *Server) exOfficioForm() gin.HandlerFunc {
	return func(c *gin.Context) {
		s.render(c, http.StatusOK, "notificacao_oficio", s.newOpeningPage(c, "Notificação de ofício", "/interno/notificacoes-oficio/nova"))
	}
}

// consoleExOfficio sends the presidency's notification the form describes, once per
// form, and leads to its case.
func (s *Server) consoleExOfficio() gin.HandlerFunc {
	return func(c *gin.Context) {
		p := s.newOpeningPage(c, "Notificação de ofício", "/interno/notificacoes-oficio/nova")
		p.Key = formKey(c)
		keepValues(c, p.Values, "tipo", "texto", "cpf_cnpj", "nome", "email")
		na, _, f := s.openExOfficio(c, "console-"+p.Key,
			exOfficioBody{Kind: c.PostForm("tipo"), Text: c.PostForm("texto"), Supplier: supplierFromForm(c)})
		s.openingDone(c, "notificacao_oficio", p, na, "notificacao", f)
	}
}

// openingDone leads to the case an opening created, with feito's notice, or shows the
// form (page name) again with what was wrong and what was typed.
func (s *Server) openingDone(c *gin.Context, name string, p openingPage, na, feito string, f *failure) {
	if f == nil {
		c.Redirect(http.StatusSeeOther, "/interno/casos/"+na+"?feito="+feito)
		return
	}
	status := http.StatusUnprocessableEntity
	if f.status >= 500 {
		status = f.status
	}
	p.Error = f.message
	s.render(c, status, name, p)
}

// keepValues copies the named form fields, as typed, for the form shown again.
func keepValues(c *gin.Context, into map[string]string, names ...string) {
	for _, n := range names {
		into[n] = c.PostForm(n)
	}
}

// supplierFromForm is the supplier an opening form names.
func supplierFromForm(c *gin.Context) partyBody {
	return partyBody{Doc: c.PostForm("cpf_cnpj"), Name: c.PostForm("nome"), Email: strings.TrimSpace(c.PostForm("email"))}
}

// pdfUploads reads the PDFs uploaded with a form (field anexos) as the API takes them;
// what is wrong is said in Portuguese.
func pdfUploads(c *gin.Context) ([]attachmentBody, string) {
	form, err := c.MultipartForm()
	if err != nil {
		return nil, "" // a form without files
	}
	var out []attachmentBody
	var total int64
	for _, fh := range form.File["anexos"] {
		if fh.Size == 0 {
			continue
		}
		total += fh.Size
		if total > maxOpeningBody*3/4 {
			return nil, fmt.Sprintf("Os anexos somam mais de %d MB.", maxOpeningBody*3/4>>20)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, "Não foi possível ler o anexo " + fh.Filename + "."
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, "Não foi possível ler o anexo " + fh.Filename + "."
		}
		out = append(out, attachmentBody{Name: fh.Filename, PDF: base64.StdEncoding.EncodeToString(data)})
	}
	return out, ""
}
