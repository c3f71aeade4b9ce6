package intake

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/procon-es/procon/internal/mailmsg"
)

// golden is the expected verdict on one corpus file: its validity, the
// problems as "code field" in report order, and optional extra checks.
type golden struct {
	valid    bool
	problems []string
	limits   mailmsg.Limits
	check    func(t *testing.T, r Report)
}

var allDocsMissing = []string{
	"missing_document documents.rg", "missing_document documents.cpf", "missing_document documents.selfie",
	"missing_document documents.comprovante", "missing_document documents.declaracao",
}

// goldens covers every file of testdata/*.eml (TestGoldenCorpusComplete
// checks that none is left out).
var goldens = map[string]golden{
	// Valid complaints (004 §3.3.1.2–3.3.1.4).
	"valid_self.eml": {valid: true, check: func(t *testing.T, r Report) {
		want := Consumer{Name: "Maria da Silva Souza", BirthDate: "1985-04-15", CPFCNPJ: "52998224725",
			RG: "1234567", Address: "Rua das Palmeiras, 100, apto 201", Bairro: "Jardim da Penha", City: "Vitória",
			State: "ES", CEP: "29060000", Phone1: "27998765432", Phone2: "2733221100", Email: "maria.souza@example.com.br"}
		if r.Form.Consumer != want {
			t.Errorf("consumer = %+v\nwant %+v", r.Form.Consumer, want)
		}
		if r.Form.Representative != nil {
			t.Errorf("representative = %+v, want nil", r.Form.Representative)
		}
		wantSup := Supplier{Name: "Telefonia Exemplo S.A.", CPFCNPJ: "11222333000181", Address: "Av. Paulista, 1000",
			City: "São Paulo", State: "SP", CEP: "01310100"}
		if len(r.Form.Suppliers) != 1 || r.Form.Suppliers[0] != wantSup {
			t.Errorf("suppliers = %+v", r.Form.Suppliers)
		}
		if !strings.HasPrefix(r.Form.Relato, "Em 02/10/2026 contratei") || !strings.Contains(r.Form.Relato, "18:00 e 22:00") {
			t.Errorf("relato = %q", r.Form.Relato)
		}
		wantKinds(t, r, "rg:rg.pdf", "cpf:cpf.pdf", "selfie:selfie.jpg", "comprovante:fatura.pdf", "declaracao:declaracao.pdf")
		if r.Documents[2].ContentType != "image/jpeg" || r.Documents[0].ContentType != "application/pdf" {
			t.Errorf("content types: %+v", r.Documents)
		}
		if r.Message.Subject != "Reclamação contra Telefonia Exemplo" || r.Message.MessageID != "valid-self@mail.example.com.br" {
			t.Errorf("subject %q, id %q", r.Message.Subject, r.Message.MessageID)
		}
	}},
	"valid_procurador.eml": {valid: true, check: func(t *testing.T, r Report) {
		want := &Representative{Kind: "advogado", Name: "João Pereira Lima", CPFCNPJ: "11144477735", RG: "2345678",
			Issuer: "SSP/ES", UF: "ES", OAB: "12345/ES", Address: "Av. Princesa Isabel, 500, sala 1010", Bairro: "Centro",
			City: "Vitória", State: "ES", CEP: "29010360", Phone1: "2732004500", Phone2: "27988001122",
			Email: "joao.lima@advocacia.example.com"}
		if !reflect.DeepEqual(r.Form.Representative, want) {
			t.Errorf("representative = %+v", r.Form.Representative)
		}
		wantKinds(t, r, "rg:rg.pdf", "cpf:cpf.pdf", "selfie:selfie.jpg", "comprovante:fatura.pdf",
			"declaracao:declaracao.pdf", "procuracao:procuracao.pdf")
	}},
	"valid_procurador_familiar.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Representative == nil || r.Form.Representative.Kind != "familiar" || r.Form.Representative.OAB != "" {
			t.Errorf("representative = %+v", r.Form.Representative)
		}
	}},
	"valid_several_suppliers.eml": {valid: true, check: func(t *testing.T, r Report) {
		var names []string
		for _, s := range r.Form.Suppliers {
			names = append(names, s.Name)
		}
		want := []string{"Telefonia Exemplo S.A.", "Loja Exemplo Comércio Ltda", "Financeira Exemplo S.A."}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("suppliers = %q", names)
		}
		if s := r.Form.Suppliers[1]; s.Phone1 != "2730304040" || s.Email != "sac@loja.example.com" {
			t.Errorf("supplier 2 contact = %q %q", s.Phone1, s.Email)
		}
	}},
	"valid_official_layout.eml": {valid: true, check: func(t *testing.T, r Report) {
		c := r.Form.Consumer
		if c.CPFCNPJ != "52998224725" || c.RG != "1234567" || c.State != "ES" || c.CEP != "29060000" ||
			c.City != "Vitória" || c.Phone2 != "2733221100" {
			t.Errorf("two-column layout read as %+v", c)
		}
		if r.Form.Representative != nil || len(r.Form.Suppliers) != 1 {
			t.Errorf("empty CAMPO II / second supplier block taken: %+v %+v", r.Form.Representative, r.Form.Suppliers)
		}
	}},
	"valid_template_filled.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Consumer.Priority != PriorityGestante || r.Form.Suppliers[0].Bairro != "Bela Vista" {
			t.Errorf("priority %q, supplier %+v", r.Form.Consumer.Priority, r.Form.Suppliers[0])
		}
		if r.Form.Relato != defaultRelato {
			t.Errorf("relato = %q", r.Form.Relato)
		}
	}},
	"valid_priority_idoso_80.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Consumer.Priority != PriorityIdoso80 || r.Form.Consumer.BirthDate != "1944-01-02" {
			t.Errorf("priority %q birth %q", r.Form.Consumer.Priority, r.Form.Consumer.BirthDate)
		}
	}},
	"valid_cnpj_alphanumeric.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Suppliers[0].CPFCNPJ != "12ABC34501DE35" {
			t.Errorf("cnpj = %q", r.Form.Suppliers[0].CPFCNPJ)
		}
	}},
	"valid_rg_cpf_same_file.eml": {valid: true, check: func(t *testing.T, r Report) {
		wantKinds(t, r, "rg:RG_e_CPF.pdf", "cpf:RG_e_CPF.pdf", "selfie:selfie.jpg", "comprovante:fatura.pdf",
			"declaracao:declaracao.pdf")
	}},
	"valid_reply_quoting_template.eml": {valid: true, check: func(t *testing.T, r Report) {
		if strings.Contains(r.Form.Relato, "escreveu") || strings.Contains(r.Form.Relato, "CAMPO") {
			t.Errorf("quoted text in relato: %q", r.Form.Relato)
		}
		if len(r.Form.Suppliers) != 1 {
			t.Errorf("quoted template added suppliers: %+v", r.Form.Suppliers)
		}
	}},
	"valid_signature_after_relato.eml": {valid: true, check: func(t *testing.T, r Report) {
		if strings.Contains(r.Form.Relato, "Atenciosamente") || strings.Contains(r.Form.Relato, "000.000") {
			t.Errorf("signature in relato: %q", r.Form.Relato)
		}
	}},
	"valid_lf_line_endings.eml": {valid: true},

	// Missing fields: each cancels the atendimento (004 §3.3.1.5).
	"missing_consumer_nome.eml":            {problems: []string{"missing_field consumer.name"}},
	"missing_consumer_datadenasc.eml":      {problems: []string{"missing_field consumer.birth_date"}},
	"missing_consumer_cpf_cnpj.eml":        {problems: []string{"missing_field consumer.cpf_cnpj"}},
	"missing_consumer_rg.eml":              {problems: []string{"missing_field consumer.rg"}},
	"missing_consumer_endereco.eml":        {problems: []string{"missing_field consumer.address"}},
	"missing_consumer_bairro.eml":          {problems: []string{"missing_field consumer.bairro"}},
	"missing_consumer_cidade.eml":          {problems: []string{"missing_field consumer.city"}},
	"missing_consumer_estado.eml":          {problems: []string{"missing_field consumer.state"}},
	"missing_consumer_cep.eml":             {problems: []string{"missing_field consumer.cep"}},
	"missing_consumer_cep_placeholder.eml": {problems: []string{"missing_field consumer.cep"}},
	"missing_consumer_tel1.eml":            {problems: []string{"missing_field consumer.phone1"}},
	"missing_consumer_tel2.eml":            {problems: []string{"missing_field consumer.phone2"}},
	"missing_supplier.eml":                 {problems: []string{"missing_field suppliers"}},
	"missing_second_supplier_cep.eml":      {problems: []string{"missing_field suppliers[1].cep"}},
	"missing_relato.eml":                   {problems: []string{"missing_field relato"}},
	"missing_representative_after_yes.eml": {problems: []string{
		"missing_field representative.name", "missing_field representative.cpf_cnpj",
		"missing_field representative.rg", "missing_field representative.issuer", "missing_field representative.uf",
		"missing_field representative.address", "missing_field representative.bairro",
		"missing_field representative.city", "missing_field representative.state", "missing_field representative.cep",
		"missing_field representative.phone1", "missing_field representative.phone2",
		"missing_document documents.procuracao"}},
	"missing_representative_fields.eml": {problems: []string{
		"missing_field representative.rg", "missing_field representative.issuer", "missing_field representative.uf",
		"missing_field representative.oab", "missing_field representative.address", "missing_field representative.bairro",
		"missing_field representative.city", "missing_field representative.state", "missing_field representative.cep",
		"missing_field representative.phone1", "missing_field representative.phone2",
		"missing_document documents.procuracao"}},

	// Invalid values count as missing (product §2).
	"invalid_cpf.eml":              {problems: []string{"invalid_field consumer.cpf_cnpj"}},
	"invalid_cpf_length.eml":       {problems: []string{"invalid_field consumer.cpf_cnpj"}},
	"invalid_cep.eml":              {problems: []string{"invalid_field consumer.cep"}},
	"invalid_uf.eml":               {problems: []string{"invalid_field consumer.state"}},
	"invalid_date.eml":             {problems: []string{"invalid_field consumer.birth_date"}},
	"invalid_date_future.eml":      {problems: []string{"invalid_field consumer.birth_date"}},
	"invalid_date_before_1900.eml": {problems: []string{"invalid_field consumer.birth_date"}},
	"invalid_email.eml":            {problems: []string{"invalid_field consumer.email"}},
	"invalid_phones.eml":           {problems: []string{"invalid_field consumer.phone1", "invalid_field consumer.phone2"}},
	"invalid_cnpj_supplier.eml":    {problems: []string{"invalid_field suppliers[0].cpf_cnpj"}},
	"invalid_representative.eml":   {problems: []string{"invalid_field representative.cpf_cnpj", "invalid_field representative.oab"}},

	// Documents (004 §3.3.1.2, Annex V item 3, Annex X).
	"missing_doc_rg.eml":         {problems: []string{"missing_document documents.rg"}},
	"missing_doc_cpf.eml":        {problems: []string{"missing_document documents.cpf"}},
	"missing_doc_selfie.eml":     {problems: []string{"missing_document documents.selfie"}},
	"missing_doc_fatura.eml":     {problems: []string{"missing_document documents.comprovante"}},
	"missing_doc_declaracao.eml": {problems: []string{"missing_document documents.declaracao"}},
	"missing_doc_procuracao.eml": {problems: []string{"missing_document documents.procuracao"}},
	"missing_all_documents.eml":  {problems: allDocsMissing},
	"unnamed_documents.eml": {problems: allDocsMissing, check: func(t *testing.T, r Report) {
		wantKinds(t, r, "other:IMG_20261120_101010.jpg", "other:Scan0001.pdf")
	}},
	"exe_named_pdf.eml":  {problems: []string{"attachment_not_allowed documents.rg"}},
	"text_named_pdf.eml": {problems: []string{"attachment_not_allowed documents.comprovante"}},
	"rg_as_jpeg.eml":     {problems: []string{"attachment_not_allowed documents.rg"}},
	"zip_attachment.eml": {problems: []string{"attachment_not_allowed documents.other"}},
	"selfie_png.eml": {valid: true, check: func(t *testing.T, r Report) {
		wantKinds(t, r, "selfie:Selfie com RG.png", "rg:rg.pdf", "cpf:cpf.pdf", "comprovante:fatura.pdf", "declaracao:declaracao.pdf")
	}},
	"oversized_attachment.eml": {
		problems: []string{"attachment_too_large documents.comprovante"},
		limits:   mailmsg.Limits{MaxAttachmentBytes: 64 << 10},
		check: func(t *testing.T, r Report) {
			m := r.Problems[0].Message
			if !strings.Contains(m, "«fatura.pdf»") || !strings.Contains(m, "100 KB") || !strings.Contains(m, "64 KB") {
				t.Errorf("message does not name file, size and limit: %q", m)
			}
		}},

	// Encodings and MIME structure (issue 4, "Reading the mailboxes").
	"charset_iso_8859_1.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Consumer.City != "Vitória" || r.Message.Subject != "Reclamação" {
			t.Errorf("city %q subject %q", r.Form.Consumer.City, r.Message.Subject)
		}
	}},
	"charset_windows_1252.eml": {valid: true, check: func(t *testing.T, r Report) {
		if !strings.Contains(r.Form.Relato, "“fatura”") || !strings.Contains(r.Form.Relato, "€ 10") ||
			r.Message.Subject != "Reclamação “urgente”" {
			t.Errorf("relato %q subject %q", r.Form.Relato, r.Message.Subject)
		}
	}},
	"charset_latin1_label_cp1252_bytes.eml": {valid: true, check: func(t *testing.T, r Report) {
		if !strings.Contains(r.Form.Relato, "“fatura”") || !strings.Contains(r.Form.Relato, "–") {
			t.Errorf("C1 range not read as Windows-1252: %q", r.Form.Relato)
		}
	}},
	"charset_undeclared_8bit.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Form.Consumer.City != "Vitória" {
			t.Errorf("city %q", r.Form.Consumer.City)
		}
	}},
	"quoted_printable.eml": {valid: true, check: func(t *testing.T, r Report) {
		if !strings.HasSuffix(r.Form.Consumer.Address, "próximo à padaria") {
			t.Errorf("soft line breaks not joined: %q", r.Form.Consumer.Address)
		}
	}},
	"base64_body.eml": {valid: true},
	"format_flowed.eml": {valid: true, check: func(t *testing.T, r Report) {
		if !strings.HasSuffix(r.Form.Consumer.Address, "próximo à padaria") || !strings.Contains(r.Form.Relato, "R$ 99,90 mensais.\nDesde") {
			t.Errorf("flowed lines not joined: %q / %q", r.Form.Consumer.Address, r.Form.Relato)
		}
	}},
	"rfc2047_2231_names.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Message.Subject != "Reclamação contra operadora" {
			t.Errorf("subject %q", r.Message.Subject)
		}
		wantKinds(t, r, "rg:rg.pdf", "cpf:cpf.pdf", "selfie:selfie.jpg", "declaracao:Declaração assinada.pdf",
			"procuracao:Procuração autenticada.pdf", "comprovante:Nota Fiscal nº 123 - joão.pdf")
	}},
	"html_only.eml": {valid: true, check: func(t *testing.T, r Report) {
		if !r.Message.TextFromHTML || r.Form.Consumer.RG != "1234567" || r.Form.Consumer.Phone1 != "27998765432" {
			t.Errorf("html form read as %+v", r.Form.Consumer)
		}
		if strings.Contains(r.Message.Text, "alert") || !strings.Contains(r.Form.Relato, "149,90 & cobrança") {
			t.Errorf("html text: %q", r.Message.Text)
		}
	}},
	"inline_image.eml": {valid: true, check: func(t *testing.T, r Report) {
		if len(r.Documents) != 5 {
			t.Errorf("inline logo counted as a document: %+v", r.Documents)
		}
		var inline int
		for _, a := range r.Message.Attachments {
			if a.Inline {
				inline++
			}
		}
		if inline != 1 {
			t.Errorf("inline parts = %d, want 1", inline)
		}
	}},
	"nested_multipart.eml": {valid: true, check: func(t *testing.T, r Report) {
		if r.Message.TextFromHTML || r.Message.HTML == "" {
			t.Errorf("text/plain alternative not preferred (fromHTML=%v)", r.Message.TextFromHTML)
		}
	}},
	"apple_inline_documents.eml": {valid: true},
	"forwarded_rfc822.eml": {valid: true, check: func(t *testing.T, r Report) {
		if len(r.Message.Forwarded) != 1 || r.Message.Forwarded[0].Subject != "Reclamação" {
			t.Errorf("forwarded = %+v", r.Message.Forwarded)
		}
	}},

	// Unreadable input.
	"garbage.eml":              {problems: []string{"unreadable_message message"}},
	"plain_text_not_email.eml": {problems: []string{"unreadable_message message"}},
	"headers_only.eml": {problems: append([]string{
		"missing_field consumer.name", "missing_field consumer.birth_date", "missing_field consumer.cpf_cnpj",
		"missing_field consumer.rg", "missing_field consumer.address", "missing_field consumer.bairro",
		"missing_field consumer.city", "missing_field consumer.state", "missing_field consumer.cep",
		"missing_field consumer.phone1", "missing_field consumer.phone2", "missing_field suppliers",
		"missing_field relato"}, allDocsMissing...)},
}

func wantKinds(t *testing.T, r Report, want ...string) {
	t.Helper()
	var got []string
	for _, d := range r.Documents {
		got = append(got, string(d.Kind)+":"+d.Filename)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents = %q\nwant        %q", got, want)
	}
}

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestGoldenCorpus checks the verdict of every corpus message
// (004 §3.3.1.5: every problem found in one pass).
func TestGoldenCorpus_004_3_3_1(t *testing.T) {
	for name, g := range goldens {
		t.Run(name, func(t *testing.T) {
			r := Check(readCorpus(t, name), Options{Now: corpusNow, Limits: g.limits})
			var got []string
			for _, p := range r.Problems {
				got = append(got, string(p.Code)+" "+p.Field)
				if p.Message == "" {
					t.Errorf("problem %s %s has no message", p.Code, p.Field)
				}
			}
			if r.Valid != g.valid || !reflect.DeepEqual(got, g.problems) {
				t.Errorf("valid=%v problems=%q\nwant valid=%v problems=%q", r.Valid, got, g.valid, g.problems)
				for _, p := range r.Problems {
					t.Logf("  %s", p.Message)
				}
			}
			if g.check != nil && (r.Valid || r.Message != nil) {
				g.check(t, r)
			}
		})
	}
}

// TestGoldenCorpusComplete fails when a corpus file has no golden entry.
func TestGoldenCorpusComplete(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if len(files) < 50 {
		t.Fatalf("only %d corpus files", len(files))
	}
	for _, f := range files {
		if _, ok := goldens[filepath.Base(f)]; !ok {
			t.Errorf("%s has no golden entry", filepath.Base(f))
		}
	}
}

// TestMessageTooLarge: a message over MaxMessageBytes is refused with one
// attachment_too_large problem on "message" naming size and limit.
func TestMessageTooLarge(t *testing.T) {
	raw := readCorpus(t, "valid_self.eml")
	r := Check(raw, Options{Now: corpusNow, Limits: mailmsg.Limits{MaxMessageBytes: 4 << 10}})
	if r.Valid || len(r.Problems) != 1 || r.Problems[0].Code != CodeAttachmentTooLarge || r.Problems[0].Field != "message" {
		t.Fatalf("problems = %+v", r.Problems)
	}
	if !strings.Contains(r.Problems[0].Message, "4 KB") {
		t.Errorf("limit not named: %q", r.Problems[0].Message)
	}
}

// TestReportJSONShape pins the `procon intake check` interface: exactly
// the four top-level keys, arrays never null, the documented form keys.
func TestReportJSONShape(t *testing.T) {
	for _, name := range []string{"valid_procurador.eml", "garbage.eml", "headers_only.eml"} {
		r := Check(readCorpus(t, name), Options{Now: corpusNow})
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(b, &top); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range top {
			keys = append(keys, k)
		}
		if len(keys) != 4 || top["valid"] == nil || top["form"] == nil || top["documents"] == nil || top["problems"] == nil {
			t.Errorf("%s: top-level keys %q", name, keys)
		}
		if string(top["documents"]) == "null" || string(top["problems"]) == "null" {
			t.Errorf("%s: null array in %s", name, b)
		}
		var form map[string]json.RawMessage
		json.Unmarshal(top["form"], &form)
		for _, k := range []string{"consumer", "representative", "suppliers", "relato"} {
			if _, ok := form[k]; !ok {
				t.Errorf("%s: form lacks %q", name, k)
			}
		}
		if string(form["suppliers"]) == "null" {
			t.Errorf("%s: suppliers is null", name)
		}
	}
	r := Check(readCorpus(t, "valid_procurador.eml"), Options{Now: corpusNow})
	b, _ := json.Marshal(r.Form)
	for _, k := range []string{`"name"`, `"birth_date"`, `"cpf_cnpj"`, `"rg"`, `"address"`, `"bairro"`, `"city"`,
		`"state"`, `"cep"`, `"phone1"`, `"phone2"`, `"email"`, `"priority"`, `"issuer"`, `"uf"`, `"oab"`, `"kind"`} {
		if !strings.Contains(string(b), k+":") {
			t.Errorf("form JSON lacks key %s: %s", k, b)
		}
	}
	d, _ := json.Marshal(r.Documents[0])
	if string(d) != `{"kind":"rg","filename":"rg.pdf","content_type":"application/pdf","size":593}` {
		t.Errorf("document JSON = %s", d)
	}
}

// TestProblemMessagesNeverEchoTaxIDs: messages go back by e-mail and must
// not repeat a CPF, CNPJ or RG (LGPD).
func TestProblemMessagesNeverEchoTaxIDs_LGPD(t *testing.T) {
	for _, name := range []string{"invalid_cpf.eml", "invalid_cnpj_supplier.eml", "invalid_representative.eml", "invalid_cpf_length.eml"} {
		r := Check(readCorpus(t, name), Options{Now: corpusNow})
		for _, p := range r.Problems {
			if d := digits(p.Message); len(d) >= 8 {
				t.Errorf("%s: message carries a long number: %q", name, p.Message)
			}
			for _, id := range []string{"529.982", "52998", "11.222", "111.444"} {
				if strings.Contains(p.Message, id) {
					t.Errorf("%s: message echoes an ID: %q", name, p.Message)
				}
			}
		}
	}
}
