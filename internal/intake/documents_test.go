package intake

import (
	"reflect"
	"testing"

	"github.com/procon-es/procon/internal/mailmsg"
)

func TestDocumentKeywords_004_3_3_1_2(t *testing.T) {
	tests := map[string][]DocumentKind{
		"rg.pdf":                          {DocRG},
		"RG-Frente.PDF":                   {DocRG},
		"rgfrente.pdf":                    {DocRG},
		"rg1.pdf":                         {DocRG},
		"Identidade.pdf":                  {DocRG},
		"cpf.pdf":                         {DocCPF},
		"CPF_Maria.pdf":                   {DocCPF},
		"rg_e_cpf.pdf":                    {DocRG, DocCPF},
		"RG-CPF.pdf":                      {DocRG, DocCPF},
		"rgcpf.pdf":                       {DocRG, DocCPF},
		"selfie.jpg":                      {DocSelfie},
		"Selfie com RG.png":               {DocSelfie},
		"minha_selfie_segurando_cpf.jpeg": {DocSelfie},
		"fatura.pdf":                      {DocComprovante},
		"Fatura_Novembro.pdf":             {DocComprovante},
		"contrato.pdf":                    {DocComprovante},
		"Nota Fiscal 123.pdf":             {DocComprovante},
		"nota_fiscal.pdf":                 {DocComprovante},
		"notafiscal.pdf":                  {DocComprovante},
		"NF-e 123.pdf":                    {DocComprovante},
		"comprovante_pagamento.pdf":       {DocComprovante},
		"comprovante_cpf.pdf":             {DocCPF},
		"Declaração.pdf":                  {DocDeclaracao},
		"DECLARACAO_ASSINADA.pdf":         {DocDeclaracao},
		"declaracao_cpf.pdf":              {DocDeclaracao},
		"Procuração.pdf":                  {DocProcuracao},
		"procuracao_rg_outorgante.pdf":    {DocProcuracao},
		"carga.pdf":                       nil,
		"organograma.pdf":                 nil,
		"IMG_1234.jpg":                    nil,
		"cinco.pdf":                       nil,
		"":                                nil,
	}
	for name, want := range tests {
		if got := classifyName(name); !reflect.DeepEqual(got, want) {
			t.Errorf("classifyName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestAllowedType(t *testing.T) {
	tests := []struct {
		kind DocumentKind
		typ  string
		want bool
	}{
		{DocRG, mailmsg.TypePDF, true},
		{DocRG, mailmsg.TypeJPEG, false},
		{DocSelfie, mailmsg.TypeJPEG, true},
		{DocSelfie, mailmsg.TypePNG, true},
		{DocSelfie, mailmsg.TypePDF, true},
		{DocSelfie, "image/gif", false},
		{DocComprovante, mailmsg.TypeExecutable, false},
		{DocOther, mailmsg.TypePNG, true},
		{DocOther, mailmsg.TypeZip, false},
	}
	for _, tt := range tests {
		if got := allowedType(tt.kind, tt.typ); got != tt.want {
			t.Errorf("allowedType(%s, %s) = %v", tt.kind, tt.typ, got)
		}
	}
}

// TestIgnoredParts: signatures, body fragments and inline logos are not
// documents and not problems.
func TestIgnoredParts(t *testing.T) {
	v := &validator{now: corpusNow}
	atts := []*mailmsg.Attachment{
		{Filename: "smime.p7s", DeclaredType: "application/pkcs7-signature", DetectedType: "application/octet-stream"},
		{Filename: "ATT00001.htm", DeclaredType: "text/html", DetectedType: "text/html"},
		{Filename: "image001.png", DeclaredType: "image/png", DetectedType: mailmsg.TypePNG, Inline: true},
		{Filename: "contato.vcf", DeclaredType: "text/vcard", DetectedType: "text/plain"},
	}
	docs := v.documents(atts, false, mailmsg.DefaultLimits())
	if len(docs) != 0 {
		t.Errorf("documents = %+v", docs)
	}
	for _, p := range v.problems {
		if p.Code != CodeMissingDocument {
			t.Errorf("unexpected problem %+v", p)
		}
	}
}
