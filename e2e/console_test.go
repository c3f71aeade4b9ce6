package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// hostileRelato is a complaint whose text tries to run scripts on the staff's pages.
const hostileRelato = `Comprei um fogão <script>alert("relato")</script> e não recebi. "><img src=x onerror=alert('img')> Peço a entrega.`

// staffWithPassword creates a staff member who signs in to the console with e-mail and
// password, and returns them.
func (s *system) staffWithPassword(t *testing.T, name, email, role, secret string) store.Staff {
	t.Helper()
	ctx := context.Background()
	st, _, err := s.store.AddStaff(ctx, name, email, role)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := password.Hash(secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.SetPassword(ctx, st.ID, hash); err != nil {
		t.Fatal(err)
	}
	suite.remember("a staff password", secret)
	return st
}

// waitDecision waits until role may take decision kind on the case.
func (s *system) waitDecision(t *testing.T, na, token, kind string) {
	t.Helper()
	testenv.Eventually(t, 90*time.Second, kind+" on "+na, func() error {
		code, body := s.get(t, "/api/v1/cases/"+na+"/decisoes", token)
		if code != http.StatusOK || !strings.Contains(string(body), `"tipo":"`+kind+`"`) {
			return fmt.Errorf("%d %s", code, body)
		}
		return nil
	})
}

// signIn fills the sign-in form.
func (b *browserTab) signIn(email, secret string) {
	b.t.Helper()
	b.do("fill the sign-in form",
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SetValue(chromedp.ID("email"), email),
		chromedp.SetValue(chromedp.ID("senha"), secret),
	)
	b.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
}

// Issue 16, in a real browser against the whole system: an atendente signs in (after a
// wrong password), opens the registro queue, opens the case a real intake e-mail created,
// sees the decisions her role may take (and no Diretoria Jurídica one), sends the CIP,
// sees the status and the timeline change, and signs out; the session then no longer
// opens a page. The complaint's text holds markup that would run a script if rendered
// unescaped. Every page passes axe-core and fits a 390 px screen.
func TestConsoleAtendenteSendsTheCIP(t *testing.T) {
	sys := startSystem(t)
	const email, secret = "ana.console@procon.test", "uma senha de verdade 2026"
	sys.staffWithPassword(t, "Ana Console", email, workflows.RoleAtendente, secret)
	token := sys.token(t, workflows.RoleAtendente)
	consumer := "rosa.console@example.com"
	c := sys.fileComplaintWith(t, samples.Complaint{From: consumer, Seq: 71, Relato: hostileRelato})
	sys.setSupplierAddress(t, c, "cip.console@loja.example")
	sys.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	sys.waitDecision(t, c.NA, token, "enviar_cip")

	b := newTab(t)
	b.do("open the console", chromedp.Navigate(sys.api+"/interno/"), chromedp.WaitVisible(chromedp.ID("email")))
	if loc := b.location(); !strings.Contains(loc, "/interno/entrar") {
		t.Fatalf("without a session the console opened %s, want the sign-in page", loc)
	}
	b.accessible("entrar")
	b.screens("entrar")

	b.signIn(email, "senha errada de propósito")
	b.wantText("entrar", "E-mail ou senha incorretos.")
	b.signIn(email, secret)
	b.wantText("inicio", "Ana Console", "Registro")
	if n := b.count(`document.querySelectorAll('nav a[href="/interno/processos/novo"]').length`); n != 0 {
		t.Error("an atendente's menu links to opening a process, which her role may not do")
	}
	b.accessible("inicio")
	b.screens("inicio")

	b.follow("open the registro queue", chromedp.Click(chromedp.CSS(`a[href="/interno/filas/registro"]`)))
	b.wantText("fila", c.NA, "Aguardando registro")
	b.accessible("fila")
	b.screens("fila")

	b.follow("open the case", chromedp.Click(chromedp.CSS(`a[href="/interno/casos/`+c.NA+`"]`)))
	b.wantText("caso", c.NA, "Registrar e enviar a CIP", `<script>alert("relato")</script>`, `"><img src=x onerror=alert('img')>`)
	if strings.Contains(b.text(), "Julgar em primeira instância") {
		t.Error("an atendente is offered the Diretoria Jurídica's judgment")
	}
	if n := b.count(`document.querySelectorAll('main img, main script').length`); n != 0 {
		t.Errorf("the complaint's markup became %d element(s) of the page", n)
	}
	b.noScriptRan()
	b.accessible("caso")
	b.screens("caso")

	b.do("open the form", chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name=tipo][value=enviar_cip]').closest('details').open = true`))
	b.follow("send the CIP", chromedp.Click(chromedp.JSPath(`document.querySelector('input[name=tipo][value=enviar_cip]').form.querySelector('button[type=submit]')`)))
	b.wantText("caso depois da decisão", "Registrado: registrar e enviar a CIP.")
	sys.waitStatus(t, c.NA, workflows.StatusCIPAwaitingAnswer)
	b.do("reload the case", chromedp.Navigate(sys.api+"/interno/casos/"+c.NA), chromedp.WaitVisible(chromedp.ID("decisoes")))
	b.wantText("caso com a CIP", "CIP aguardando resposta", "CIP expedida ao fornecedor", "Decisão")
	b.noScriptRan()

	b.follow("sign out", chromedp.Click(chromedp.CSS(`form[action="/interno/sair"] button`)))
	b.wantText("saída", "Você saiu do console.")
	b.do("the console after signing out", chromedp.Navigate(sys.api+"/interno/casos/"+c.NA), chromedp.WaitVisible(chromedp.ID("email")))
	if loc := b.location(); !strings.Contains(loc, "/interno/entrar") {
		t.Errorf("after signing out the case page opened (%s)", loc)
	}
}

// consoleClient is an HTTP client holding a console session, for the requests a browser
// would not send (a form without its token, a forged decision).
type consoleClient struct {
	t      *testing.T
	base   string
	cookie string
	csrf   string
}

// newConsoleClient opens a session for the staff member.
func (s *system) newConsoleClient(t *testing.T, st store.Staff) *consoleClient {
	t.Helper()
	id, ses, err := s.store.NewSession(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	suite.remember("a session cookie", id)
	return &consoleClient{t: t, base: s.api, cookie: id, csrf: ses.CSRF}
}

// post sends a console form and returns the status and the page.
func (cc *consoleClient) post(path string, form url.Values) (int, string) {
	cc.t.Helper()
	req, err := http.NewRequest(http.MethodPost, cc.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		cc.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "procon_sessao", Value: cc.cookie})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		cc.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// get fetches a console page or download and returns the status, content type and body.
func (cc *consoleClient) get(path string) (int, string, string) {
	cc.t.Helper()
	req, err := http.NewRequest(http.MethodGet, cc.base+path, nil)
	if err != nil {
		cc.t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: "procon_sessao", Value: cc.cookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cc.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// decisionEvents counts the decisions of kind on the case's timeline.
func (s *system) decisionEvents(t *testing.T, na, kind string) int {
	t.Helper()
	events, err := s.store.Events(context.Background(), na)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		var d store.EventData
		if e.Kind == workflows.EventDecision && json.Unmarshal(e.Payload, &d) == nil && d.Tipo == kind {
			n++
		}
	}
	return n
}

// Issue 16: every state-changing form is CSRF-protected and safe to submit twice. A
// decision sent without the session's token is refused and changes nothing; the same
// form sent twice (a double click, a resubmit) is applied once; an atendente who forges
// the Diretoria Jurídica's judgment is refused with the workflow's message, and the case
// is unchanged.
func TestConsoleFormsAreSafe(t *testing.T) {
	sys := startSystem(t)
	ana := sys.staffWithPassword(t, "Ana Formulários", "ana.forms@procon.test", workflows.RoleAtendente, "outra senha bem longa")
	token := sys.token(t, workflows.RoleAtendente)
	consumer := "lia.console@example.com"
	c := sys.fileComplaint(t, consumer, 72)
	sys.setSupplierAddress(t, c, "cip.forms@loja.example")
	sys.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	sys.waitDecision(t, c.NA, token, "enviar_cip")
	cc := sys.newConsoleClient(t, ana)
	path := "/interno/casos/" + c.NA + "/decisoes"

	code, page := cc.post(path, url.Values{"tipo": {"enviar_cip"}, "_chave": {"sem-token"}})
	if code != http.StatusForbidden || !strings.Contains(page, "nada foi registrado") {
		t.Fatalf("a decision without the CSRF token: %d\n%s", code, page)
	}
	if n := sys.decisionEvents(t, c.NA, "enviar_cip"); n != 0 {
		t.Fatalf("a refused form was recorded %d time(s)", n)
	}

	code, page = cc.post(path, url.Values{"_csrf": {cc.csrf}, "tipo": {"julgar"}, "_chave": {"forjada"}, "resultado": {"procedente"}})
	if code != http.StatusConflict && code != http.StatusForbidden {
		t.Errorf("a forged judgment by an atendente: %d, want 409 or 403", code)
	}
	if !strings.Contains(page, "Não registrado") {
		t.Errorf("the forged judgment's refusal is not shown on the page:\n%s", page)
	}

	form := url.Values{"_csrf": {cc.csrf}, "tipo": {"enviar_cip"}, "_chave": {"chave-do-formulario-1"}}
	for i := range 2 {
		if code, page := cc.post(path, form); code != http.StatusSeeOther {
			t.Fatalf("sending the form (%d): %d\n%s", i+1, code, page)
		}
	}
	sys.waitStatus(t, c.NA, workflows.StatusCIPAwaitingAnswer)
	if n := sys.decisionEvents(t, c.NA, "enviar_cip"); n != 1 {
		t.Errorf("the same form sent twice was recorded %d times, want once", n)
	}
	if n := sys.decisionEvents(t, c.NA, "julgar"); n != 0 {
		t.Errorf("the forged judgment was recorded")
	}

	// The e-mail that opened the case downloads as it arrived; a message of no case does not.
	code, ctype, raw := cc.get(fmt.Sprintf("/interno/casos/%s/mensagens/%d", c.NA, *c.InboundMessage))
	if code != http.StatusOK || ctype != "message/rfc822" || !strings.Contains(raw, "Subject:") {
		t.Errorf("the intake e-mail's download: %d %s", code, ctype)
	}
	if code, _, _ := cc.get(fmt.Sprintf("/interno/casos/%s/mensagens/%d", c.NA, *c.InboundMessage+100000)); code != http.StatusNotFound {
		t.Errorf("a message of no case: %d, want 404", code)
	}
}

// Issue 16, forms for the other staff acts: the gerente de atendimento finds "Abrir
// processo" in her menu (an atendente does not), is told what is missing when she sends
// the form empty, then opens a process by auto de infração with its PDF; the new case
// awaits the supplier's defense and keeps the PDF.
func TestConsoleGerenteOpensAProcess(t *testing.T) {
	sys := startSystem(t)
	const email, secret = "gil.console@procon.test", "a senha do gerente 2026"
	sys.staffWithPassword(t, "Gil Gerente", email, workflows.RoleGerenteAtendimento, secret)
	pdf := filepath.Join(t.TempDir(), "auto-123.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n% auto de infração 123\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newTab(t)
	b.do("open the console", chromedp.Navigate(sys.api+"/interno/"), chromedp.WaitVisible(chromedp.ID("email")))
	b.signIn(email, secret)
	b.follow("open the process form", chromedp.Click(chromedp.CSS(`nav a[href="/interno/processos/novo"]`)))
	b.accessible("abrir-processo")
	b.screens("abrir-processo")
	b.follow("send it empty", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.wantText("abrir-processo com erro", "Não registrado", "origem", "fato")
	b.accessible("abrir-processo-erro")

	b.do("fill the form",
		chromedp.Click(chromedp.CSS(`input[name=origem][value=auto_infracao]`)),
		chromedp.SetValue(chromedp.ID("numero_auto"), "AI-2026-123"),
		chromedp.SetValue(chromedp.ID("cpf_cnpj"), "11.222.333/0001-81"),
		chromedp.SetValue(chromedp.ID("nome"), "Loja Fiscalizada Ltda"),
		chromedp.SetValue(chromedp.ID("fato"), "Preços sem afixação na vitrine, constatado em fiscalização."),
		chromedp.SetValue(chromedp.ID("agente"), "Fiscal Ana Souza, matrícula 123"),
		chromedp.SetUploadFiles(chromedp.ID("anexos"), []string{pdf}),
	)
	b.follow("open the process", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.wantText("novo caso", "Registrado: processo instaurado", "Aguardando defesa", "auto-123.pdf")
	b.noScriptRan()
}

// Issue 16: the console's other pages pass axe-core and fit a phone too: the search
// (with results), the presidency's notification form, the sign-out page, a page that
// does not exist, a page the role may not open, and the one-time page to set a password.
func TestConsoleOtherPagesAreAccessible(t *testing.T) {
	sys := startSystem(t)
	const email, secret = "pres.console@procon.test", "a senha da presidência"
	sys.staffWithPassword(t, "Paula Presidente", email, workflows.RoleDiretorPresidente, secret)
	fin := sys.staffWithPassword(t, "Fábio Financeiro", "fin.console@procon.test", workflows.RoleFinanceiro, "a senha do financeiro")
	c := sys.fileComplaint(t, "ivo.console@example.com", 73)

	b := newTab(t)
	b.do("open the console", chromedp.Navigate(sys.api+"/interno/"), chromedp.WaitVisible(chromedp.ID("email")))
	b.signIn(email, secret)
	for _, pg := range []struct{ name, path, want string }{
		{"busca", "/interno/busca?q=" + c.NA, c.NA},
		{"notificacao-oficio", "/interno/notificacoes-oficio/nova", "Notificação de ofício"},
		{"sair", "/interno/sair", "Sair agora"},
		{"nao-encontrada", "/interno/nada-aqui", "Página não encontrada"},
	} {
		b.do("open "+pg.name, chromedp.Navigate(sys.api+pg.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.wantText(pg.name, pg.want)
		b.accessible(pg.name)
		b.screens(pg.name)
	}

	link, err := sys.store.NewPasswordLink(context.Background(), fin.ID)
	if err != nil {
		t.Fatal(err)
	}
	b.do("sign out", chromedp.Navigate(sys.api+"/interno/sair"), chromedp.WaitVisible(chromedp.CSS("main form button")))
	b.follow("sign out", chromedp.Click(chromedp.CSS("main form button")))
	b.do("open the password link", chromedp.Navigate(sys.api+"/interno/senha/"+link), chromedp.WaitVisible(chromedp.ID("confirmacao")))
	b.wantText("senha", "Fábio Financeiro")
	b.accessible("senha")
	b.screens("senha")
	b.do("choose a password",
		chromedp.SetValue(chromedp.ID("senha"), "a nova senha do Fábio"),
		chromedp.SetValue(chromedp.ID("confirmacao"), "a nova senha do Fábio"))
	b.follow("set it", chromedp.Click(chromedp.CSS("main form button")))
	b.wantText("entrar", "Senha definida.")
	b.signIn("fin.console@procon.test", "a nova senha do Fábio")
	b.wantText("inicio do financeiro", "Fábio Financeiro", "Multas em cobrança")
	b.do("a page finance may not open", chromedp.Navigate(sys.api+"/interno/processos/novo"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.wantText("403", "Acesso negado")
	b.accessible("acesso-negado")
	suite.remember("a staff password", "a nova senha do Fábio")
}
