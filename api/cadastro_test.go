package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// cadastroAnswer is the JSON body of GET /api/v1/cadastro.
type cadastroAnswer struct {
	Ano          int                      `json:"ano"`
	Fornecedores []store.CadastroSupplier `json:"fornecedores"`
}

// classifyCase stores a classification of the case na against a supplier on a day.
func classifyCase(t *testing.T, st *store.Store, na, doc, name, class, subject string, on time.Time) {
	t.Helper()
	if err := st.SaveCadastroEntries(context.Background(), []store.CadastroEntry{{NA: na, SupplierDoc: doc, SupplierName: name,
		Classification: class, Subject: subject, ClassifiedOn: on, ClassifiedBy: "Gerente"}}); err != nil {
		t.Fatal(err)
	}
}

// 004 §6.1, §6.3 II, §6.6, §6.9: the Cadastro of a year is public and has no consumer data;
// per supplier it counts the atendidas and não atendidas with their subjects; não
// fundamentada is not published; an entry older than five years is left out; CSV and PDF
// give the same publication.
func TestCadastroIsPublicPerSupplierWithinFiveYears_004_6_9(t *testing.T) {
	e := newAPIEnv(t, nil)
	now := time.Now()
	year := now.Year()
	thisYear := func(month time.Month) time.Time { return time.Date(year, month, 1, 0, 0, 0, 0, time.UTC) }
	loja, banco := "11222333000181", "33000167000101"
	classifyCase(t, e.st, newCase(t, e.st, "cad-1@example.com"), loja, "Loja Exemplo Ltda", store.FundamentadaNaoAtendida, "produto_nao_entregue", thisYear(time.January))
	classifyCase(t, e.st, newCase(t, e.st, "cad-2@example.com"), loja, "Loja Exemplo Ltda", store.FundamentadaAtendida, "cobranca_indevida", thisYear(time.January))
	classifyCase(t, e.st, newCase(t, e.st, "cad-3@example.com"), loja, "Loja Exemplo Ltda", store.FundamentadaNaoAtendida, "produto_nao_entregue", thisYear(time.January))
	classifyCase(t, e.st, newCase(t, e.st, "cad-4@example.com"), banco, "Banco Exemplo S.A.", store.NaoFundamentada, "juros", thisYear(time.January))
	old := time.Date(year-5, now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	classifyCase(t, e.st, newCase(t, e.st, "cad-5@example.com"), banco, "Banco Exemplo S.A.", store.FundamentadaNaoAtendida, "juros", old)

	w := e.do(t, http.MethodGet, "/api/v1/cadastro?ano="+strconv.Itoa(year), "", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	got := decode[cadastroAnswer](t, w)
	if len(got.Fornecedores) != 1 {
		t.Fatalf("suppliers %+v, want only the loja (não fundamentada is not published)", got.Fornecedores)
	}
	l := got.Fornecedores[0]
	if l.Doc != "11.222.333/0001-81" || l.Atendidas != 1 || l.NaoAtendidas != 2 || len(l.Subjects) != 2 {
		t.Errorf("loja line %+v", l)
	}
	if bytes.Contains(w.Body.Bytes(), []byte("cad-1@example.com")) || bytes.Contains(w.Body.Bytes(), []byte("52998224725")) {
		t.Errorf("the Cadastro shows consumer data: %s", w.Body.String())
	}
	oldYear := e.do(t, http.MethodGet, "/api/v1/cadastro?ano="+strconv.Itoa(old.Year()), "", "")
	if n := len(decode[cadastroAnswer](t, oldYear).Fornecedores); n != 0 {
		t.Errorf("an entry older than five years is published: %s", oldYear.Body.String())
	}

	csvw := e.do(t, http.MethodGet, "/api/v1/cadastro?formato=csv&ano="+strconv.Itoa(year), "", "")
	records, err := csv.NewReader(bytes.NewReader(csvw.Body.Bytes())).ReadAll()
	if err != nil || len(records) != 2 || records[1][1] != "Loja Exemplo Ltda" || records[1][3] != "2" {
		t.Errorf("csv %q: %v", csvw.Body.String(), err)
	}
	pdf := e.do(t, http.MethodGet, "/api/v1/cadastro?formato=pdf&ano="+strconv.Itoa(year), "", "")
	if pdf.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF-")) ||
		!bytes.Contains(pdf.Body.Bytes(), []byte("Loja Exemplo Ltda")) {
		t.Errorf("pdf: %s %q", pdf.Header().Get("Content-Type"), pdf.Body.Bytes()[:min(16, pdf.Body.Len())])
	}
	for _, q := range []string{"", "?ano=abc", "?ano=1999", "?ano=" + strconv.Itoa(year+1), "?ano=2026&formato=xls"} {
		w := e.do(t, http.MethodGet, "/api/v1/cadastro"+q, "", "")
		if w.Code != http.StatusBadRequest {
			t.Errorf("%q: status %d, want 400", q, w.Code)
		}
	}
	wantError(t, e.do(t, http.MethodGet, "/api/v1/cadastro", "", ""), http.StatusBadRequest, api.CodeInvalidYear)
}

// 004 §5.6: the documents kept with a case are listed and served as kept, to the roles
// that handle the case; a document of another case is not found.
func TestCaseDocumentsAreListedAndServed(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "doc-1@example.com")
	other := newCase(t, e.st, "doc-2@example.com")
	pdf := []byte("%PDF-1.3 termo")
	id, err := e.st.SaveDocument(context.Background(), "termo/"+na, store.Document{NA: na, Kind: "termo_audiencia",
		Filename: "termo.pdf", ContentType: "application/pdf", Data: pdf})
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.st.SaveDocument(context.Background(), "termo/"+na, store.Document{NA: na, Kind: "termo_audiencia",
		Filename: "termo.pdf", ContentType: "application/pdf", Data: []byte("other")})
	if err != nil || again != id {
		t.Fatalf("saved twice: %d then %d (%v)", id, again, err)
	}
	list := decode[struct {
		Documentos []store.Document `json:"documentos"`
	}](t, e.do(t, http.MethodGet, casePath(na)+"/documentos", api.RoleDiretorJuridico, ""))
	if len(list.Documentos) != 1 || list.Documentos[0].ID != id || list.Documentos[0].Size != len(pdf) {
		t.Fatalf("list %+v", list)
	}
	w := e.do(t, http.MethodGet, casePath(na)+"/documentos/"+strconv.FormatInt(id, 10), api.RoleAtendente, "")
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), pdf) || w.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("document: %d %q", w.Code, w.Body.String())
	}
	wantError(t, e.do(t, http.MethodGet, casePath(other)+"/documentos/"+strconv.FormatInt(id, 10), api.RoleAtendente, ""),
		http.StatusNotFound, api.CodeNotFound)
	wantError(t, e.do(t, http.MethodGet, casePath(na)+"/documentos/x", api.RoleAtendente, ""), http.StatusBadRequest, api.CodeInvalidRequest)
	wantError(t, e.do(t, http.MethodGet, casePath(na)+"/documentos", api.RoleFinanceiro, ""), http.StatusForbidden, api.CodeForbidden)
}

// 004 §6.10–6.11: a correction asked within 5 days of the publication is recorded with
// the authority's 10 business days; one asked later is refused with the rule; the
// decision, granted with a new classification, changes the Cadastro and is shown on the
// case and in the publication; it is decided once.
func TestCadastroCorrections_004_6_10(t *testing.T) {
	e := newAPIEnv(t, nil)
	year := time.Now().Year()
	na := newCase(t, e.st, "ret-1@example.com")
	classifyCase(t, e.st, na, "11222333000181", "Loja Exemplo Ltda", store.FundamentadaNaoAtendida, "produto_nao_entregue",
		time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC))
	ask := func(on string) *httptest.ResponseRecorder {
		return e.do(t, http.MethodPost, "/api/v1/cadastro/retificacoes", api.RoleAtendente,
			fmt.Sprintf(`{"ano":%d,"na":%q,"parte":"fornecedor","pedido":"O produto foi entregue; segue comprovante.","recebido_em":%q}`, year, na, on))
	}
	wantError(t, ask(time.Now().Format(time.DateOnly)), http.StatusConflict, api.CodeNotPublished)
	// published on a day staff choose: here, as stored, 10 days ago
	published := prazo.CivilDate(time.Now()).AddDays(-10)
	if _, err := e.st.Publish(context.Background(), store.Publication{Year: year, PublishedBy: "Gerente",
		PublishedOn: published.Midnight(time.UTC)}); err != nil {
		t.Fatal(err)
	}
	late := wantError(t, ask(time.Now().Format(time.DateOnly)), http.StatusUnprocessableEntity, api.CodeCorrectionLate)
	if !strings.Contains(late.Message, "5 dias corridos") && !strings.Contains(late.Message, "5 (cinco)") {
		t.Errorf("the refusal does not give the rule: %s", late.Message)
	}
	w := ask(published.AddDays(2).String())
	if w.Code != http.StatusCreated {
		t.Fatalf("a timely request: %d %s", w.Code, w.Body.String())
	}
	cor := decode[store.Correction](t, w)
	want, err := prazo.NewVitoriaES().Compute(prazo.CadastroCorrectionDecision.Request(published.AddDays(2)))
	if err != nil || prazo.DateOf(cor.DecideBy) != want.Due {
		t.Errorf("decide by %s, want %s (10 dias úteis; %v)", cor.DecideBy, want.Due, err)
	}
	decide := func(role string) *httptest.ResponseRecorder {
		return e.do(t, http.MethodPost, fmt.Sprintf("/api/v1/cadastro/retificacoes/%d/decisao", cor.ID), role,
			`{"procedente":true,"motivo":"Comprovante de entrega juntado.","nova_classificacao":"fundamentada_atendida"}`)
	}
	yesterday := time.Now().AddDate(0, 0, -1).UTC().Truncate(24 * time.Hour)
	if _, err := e.st.AddCorrection(context.Background(), store.Correction{Year: year, NA: na, Party: "consumidor", Request: "Incluir o assunto.",
		RequestedOn: yesterday.AddDate(0, 0, -20), DecideBy: yesterday, RecordedBy: "Atendente"}); err != nil {
		t.Fatal(err)
	}
	pending := decode[struct {
		Retificacoes []store.Correction `json:"retificacoes"`
	}](t, e.do(t, http.MethodGet, "/api/v1/cadastro/retificacoes?pendentes=1", api.RoleGerenteAtendimento, ""))
	if len(pending.Retificacoes) != 2 || !pending.Retificacoes[0].Overdue || pending.Retificacoes[1].Overdue {
		t.Errorf("pending corrections %+v: the one due yesterday first and overdue; the one asked 8 days ago (10 business days) not", pending.Retificacoes)
	}
	wantError(t, decide(api.RoleAtendente), http.StatusForbidden, api.CodeForbidden)
	if w := decide(api.RoleDiretorPresidente); w.Code != http.StatusOK {
		t.Fatalf("decision: %d %s", w.Code, w.Body.String())
	}
	wantError(t, decide(api.RoleDiretorPresidente), http.StatusConflict, api.CodeAlreadyDecided)

	pub := decode[struct {
		Fornecedores []store.CadastroSupplier    `json:"fornecedores"`
		Retificacoes []store.PublishedCorrection `json:"retificacoes"`
	}](t, e.do(t, http.MethodGet, "/api/v1/cadastro?ano="+strconv.Itoa(year), "", ""))
	if len(pub.Fornecedores) != 1 || pub.Fornecedores[0].Atendidas != 1 || pub.Fornecedores[0].NaoAtendidas != 0 {
		t.Errorf("the Cadastro after the correction: %+v", pub.Fornecedores)
	}
	if len(pub.Retificacoes) != 1 || !pub.Retificacoes[0].Granted || pub.Retificacoes[0].SupplierName != "Loja Exemplo Ltda" {
		t.Errorf("the publication's corrections: %+v", pub.Retificacoes)
	}
	events, err := e.st.Events(context.Background(), na)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.Kind)
	}
	if !slices.Contains(kinds, "retificacao_cadastro_pedida") || !slices.Contains(kinds, "retificacao_cadastro_decidida") {
		t.Errorf("the case's timeline: %v", kinds)
	}
}
