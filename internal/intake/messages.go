package intake

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/procon-es/procon/internal/mailmsg"
)

// fieldLabels are the form's own labels, used to name a field in messages.
var fieldLabels = map[fieldKey]string{
	keyName: "NOME", keyBirth: "DATA DE NASC.", keyCPFCNPJ: "CPF/CNPJ", keyRG: "RG",
	keyAddress: "ENDEREÇO", keyBairro: "BAIRRO", keyCity: "CIDADE", keyState: "ESTADO",
	keyCEP: "CEP", keyPhone1: "TEL. 1", keyPhone2: "TEL. 2", keyEmail: "E-MAIL",
	keyIssuer: "ORG. EXP.", keyUF: "UF", keyOAB: "N° OAB",
}

// block is one part of the form being validated: the consumer, the
// procurador or a supplier.
type block struct {
	// path is the field-name prefix: "consumer", "representative",
	// "suppliers[0]".
	path string
	// who names the block in messages: "do consumidor (CAMPO I)".
	who string
}

func consumerBlock() block { return block{"consumer", "do consumidor (CAMPO I)"} }
func representativeBlock() block {
	return block{"representative", "do procurador (CAMPO II)"}
}
func supplierBlock(i int) block {
	return block{fmt.Sprintf("suppliers[%d]", i), fmt.Sprintf("do fornecedor nº %d", i+1)}
}

// field returns the dotted field name of key in b.
func (b block) field(key fieldKey) string { return b.path + "." + string(key) }

// label returns the form label of key in b.
func (b block) label(key fieldKey) string {
	if b.path == "representative" && key == keyCPFCNPJ {
		return "CPF"
	}
	return fieldLabels[key]
}

func missingFieldMessage(b block, key fieldKey) string {
	return fmt.Sprintf("Campo obrigatório não preenchido: %s %s.", b.label(key), b.who)
}

func invalidFieldMessage(b block, key fieldKey, reason string) string {
	return fmt.Sprintf("Valor inválido no campo %s %s: %s", b.label(key), b.who, reason)
}

// documentNames describe each kind to the consumer.
var documentNames = map[DocumentKind]string{
	DocRG:          "cópia do RG",
	DocCPF:         "cópia do CPF",
	DocSelfie:      "selfie segurando o documento de identidade",
	DocComprovante: "comprovante da relação de consumo",
	DocDeclaracao:  "declaração do consumidor assinada (Anexo IX)",
	DocProcuracao:  "procuração com firma reconhecida em cartório (Anexo X)",
	DocOther:       "anexo",
}

// documentHints tell how to send each missing kind.
var documentHints = map[DocumentKind]string{
	DocRG:          `em PDF, com a palavra "rg" no nome do arquivo (ex.: rg.pdf)`,
	DocCPF:         `em PDF, com a palavra "cpf" no nome do arquivo (ex.: cpf.pdf; RG e CPF no mesmo arquivo: rg_cpf.pdf)`,
	DocSelfie:      `em JPEG, PNG ou PDF, com a palavra "selfie" no nome do arquivo (ex.: selfie.jpg)`,
	DocComprovante: `(fatura, contrato, nota fiscal ou outro documento que comprove a compra ou o serviço) em PDF, com uma das palavras "comprovante", "fatura", "contrato" ou "nota fiscal" no nome do arquivo (ex.: fatura.pdf)`,
	DocDeclaracao:  `em PDF, com a palavra "declaracao" no nome do arquivo (ex.: declaracao.pdf)`,
	DocProcuracao:  `obrigatória porque o consumidor é representado por procurador; anexe em PDF, com a palavra "procuracao" no nome do arquivo (ex.: procuracao.pdf)`,
}

func missingDocumentMessage(k DocumentKind) string {
	hint := documentHints[k]
	if k != DocProcuracao {
		hint = "anexe o arquivo " + hint
	}
	return fmt.Sprintf("Documento obrigatório não anexado: %s; %s.", documentNames[k], hint)
}

func notAllowedMessage(a *mailmsg.Attachment, k DocumentKind) string {
	what := contentDescription(a.DetectedType)
	switch k {
	case DocOther:
		return fmt.Sprintf("O arquivo %s não é aceito: o conteúdo é %s. Envie somente documentos em PDF (a selfie pode ser JPEG ou PNG).",
			quoteName(a.Filename), what)
	case DocSelfie:
		return fmt.Sprintf("O arquivo %s (%s) não é uma imagem JPEG ou PNG nem um PDF: o conteúdo é %s.",
			quoteName(a.Filename), documentNames[k], what)
	default:
		return fmt.Sprintf("O arquivo %s (%s) não é um PDF: o conteúdo é %s. Envie este documento em PDF.",
			quoteName(a.Filename), documentNames[k], what)
	}
}

func tooLargeMessage(a *mailmsg.Attachment, limit int64) string {
	return fmt.Sprintf("O arquivo %s tem %s, acima do limite de %s por anexo. Reduza o arquivo (por exemplo, digitalizando em resolução menor) e envie novamente.",
		quoteName(a.Filename), formatSize(a.Size), formatSize(limit))
}

func messageTooLargeMessage(size, limit int64) string {
	return fmt.Sprintf("A mensagem tem %s, acima do limite de %s por e-mail. Reduza os arquivos anexados (por exemplo, digitalizando em resolução menor) e envie novamente.",
		formatSize(size), formatSize(limit))
}

const unreadableMessage = "Não foi possível ler a mensagem recebida: ela não está no formato de um e-mail. Envie novamente o formulário no corpo do e-mail, com os documentos anexados."

func contentDescription(t string) string {
	switch t {
	case mailmsg.TypeExecutable:
		return "um programa executável"
	case mailmsg.TypeZip:
		return "um arquivo compactado (ZIP, DOCX, ODT ou semelhante)"
	case mailmsg.TypeEmpty:
		return "vazio (0 bytes)"
	case mailmsg.TypeJPEG:
		return "uma imagem JPEG"
	case mailmsg.TypePNG:
		return "uma imagem PNG"
	case "image/gif":
		return "uma imagem GIF"
	case "text/plain":
		return "texto"
	case "text/html":
		return "uma página HTML"
	case mailmsg.TypePDF:
		return "um PDF"
	}
	return "de um tipo não aceito (" + t + ")"
}

// quoteName shows a file name in a message: quoted, without control
// characters, at most 80 characters.
func quoteName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '«' || r == '»' {
			return -1
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 80 {
		name = string([]rune(name)[:79]) + "…"
	}
	if name == "" {
		return "sem nome"
	}
	return "«" + name + "»"
}

// formatSize renders a byte count the Brazilian way: "850 KB", "12,4 MB".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20:
		s := fmt.Sprintf("%.1f", float64(n)/(1<<20))
		s = strings.TrimSuffix(s, ".0")
		return strings.Replace(s, ".", ",", 1) + " MB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+(1<<9))>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
