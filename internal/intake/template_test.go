package intake

import (
	"os"
	"strings"
	"testing"
)

// TestBlankTemplate: the template copied without filling it in yields only
// missing_field and missing_document problems — no placeholder is taken
// for a value, and CAMPO II, being empty, is not required.
func TestBlankTemplate_AnnexV(t *testing.T) {
	raw := "From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(FormTemplate, "\n", "\r\n")
	r := Check([]byte(raw), Options{Now: corpusNow})
	if r.Valid || r.Form.Representative != nil || len(r.Form.Suppliers) != 0 || r.Form.Relato != "" {
		t.Fatalf("blank template read as %+v", r.Form)
	}
	for _, p := range r.Problems {
		if p.Code != CodeMissingField && p.Code != CodeMissingDocument {
			t.Errorf("unexpected problem %+v", p)
		}
	}
	if len(r.Problems) != 11+2+5 { // 11 consumer fields, suppliers, relato, 5 documents
		t.Errorf("%d problems: %+v", len(r.Problems), r.Problems)
	}
}

// TestTemplateNamesEveryKeyword: the published template tells every
// document keyword and every CAMPO I label.
func TestTemplateNamesEveryKeyword(t *testing.T) {
	for _, k := range DocumentKinds {
		if !strings.Contains(FormTemplate, "- "+DocumentKeywords[k][0]) {
			t.Errorf("template does not list keyword %q", DocumentKeywords[k][0])
		}
	}
	for _, l := range []string{"*NOME:", "*DATA DE NASC.:", "*CPF/CNPJ:", "*RG:", "*ENDEREÇO:", "*BAIRRO:", "*CIDADE:",
		"*ESTADO:", "*CEP:", "*TEL. 1:", "*TEL. 2:", "E-MAIL:", "PRIORIDADE:", "*ORG. EXP.:", "*UF:", "*N° OAB",
		"CAMPO I ", "CAMPO II", "FORNECEDOR 1", "\nRELATO\n", "3.3.1.5"} {
		if !strings.Contains(FormTemplate, l) {
			t.Errorf("template lacks %q", l)
		}
	}
}

// TestCancellationReply (004 §3.3.1.5): one reply listing every problem and
// ending with the template; nothing for a valid report.
func TestCancellationReply_004_3_3_1_5(t *testing.T) {
	r := Check(readCorpus(t, "missing_representative_fields.eml"), Options{Now: corpusNow})
	subject, body := CancellationReply(r)
	if subject != CancellationSubject {
		t.Errorf("subject = %q", subject)
	}
	for i, p := range r.Problems {
		if !strings.Contains(body, p.Message) {
			t.Errorf("problem %d missing from reply: %q", i, p.Message)
		}
	}
	for _, s := range []string{"Prezado(a) Maria da Silva Souza", "CANCELADO", "3.3.1.5", "23/11/2026",
		"Encontramos os seguintes 12 problemas", "NOVO e-mail"} {
		if !strings.Contains(body, s) {
			t.Errorf("reply lacks %q", s)
		}
	}
	if !strings.HasSuffix(body, FormTemplate) {
		t.Error("reply does not end with the template")
	}
	if strings.Contains(body, "529.982") || strings.Contains(body, "52998224725") {
		t.Error("reply echoes the CPF")
	}

	one := Check(readCorpus(t, "garbage.eml"), Options{Now: corpusNow})
	_, body = CancellationReply(one)
	if !strings.Contains(body, "Prezado(a) consumidor(a)") || !strings.Contains(body, "o seguinte problema") {
		t.Errorf("reply to unreadable message:\n%s", body[:300])
	}

	valid := Check(readCorpus(t, "valid_self.eml"), Options{Now: corpusNow})
	if s, b := CancellationReply(valid); s != "" || b != "" {
		t.Error("reply for a valid report")
	}
}

// Issue 4: the exact template is published in README.md (and closes every cancellation
// reply, TestCancellationReply_004_3_3_1_5).
func TestReadmePublishesTheExactTemplate(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```text\n"+FormTemplate+"```") {
		t.Error("README.md does not hold the form template exactly as FormTemplate")
	}
}
