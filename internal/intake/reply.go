package intake

import (
	"fmt"
	"strings"

	"github.com/procon-es/procon/internal/prazo"
)

// CancellationSubject is the subject of the cancellation reply.
const CancellationSubject = "PROCON/ES: atendimento eletrônico cancelado"

// CancellationReply composes the reply that cancels an invalid electronic
// atendimento (004 §3.3.1.5: cancelled when any mandatory field or document
// is missing; product §2: the sender is told exactly what was missing). The
// body, in Portuguese, names the message received, lists every problem of
// the report, asks for a new e-mail and ends with FormTemplate.
//
// It is meant for invalid reports; for a valid one it returns "", "".
// Threading headers (In-Reply-To, References) are the sender's business.
func CancellationReply(r Report) (subject, body string) {
	if r.Valid {
		return "", ""
	}
	var b strings.Builder
	name := strings.TrimSpace(r.Form.Consumer.Name)
	if name == "" || countLetters(name) < 2 || len([]rune(name)) > 80 {
		b.WriteString("Prezado(a) consumidor(a),\n\n")
	} else {
		fmt.Fprintf(&b, "Prezado(a) %s,\n\n", name)
	}

	b.WriteString("Recebemos a sua mensagem")
	if m := r.Message; m != nil {
		if !m.Date.IsZero() {
			fmt.Fprintf(&b, " de %s", m.Date.In(prazo.AgencyZone).Format("02/01/2006"))
		}
		if s := strings.TrimSpace(m.Subject); s != "" {
			if len([]rune(s)) > 100 {
				s = string([]rune(s)[:99]) + "…"
			}
			fmt.Fprintf(&b, " com o assunto \"%s\"", s)
		}
	}
	b.WriteString(", mas o atendimento eletrônico foi CANCELADO porque o formulário ou os " +
		"documentos obrigatórios estão incompletos ou inválidos, conforme o item 3.3.1.5 da " +
		"Norma de Procedimento do PROCON/ES.\n\n")

	if len(r.Problems) == 1 {
		b.WriteString("Encontramos o seguinte problema:\n\n")
	} else {
		fmt.Fprintf(&b, "Encontramos os seguintes %d problemas:\n\n", len(r.Problems))
	}
	for i, p := range r.Problems {
		fmt.Fprintf(&b, "%d. %s\n", i+1, p.Message)
	}

	b.WriteString("\nPara registrar a sua reclamação, envie um NOVO e-mail para este mesmo " +
		"endereço, com o formulário abaixo preenchido no corpo da mensagem e todos os " +
		"documentos obrigatórios anexados. Esta mensagem não será aproveitada: é preciso " +
		"enviar novamente todas as informações e todos os documentos.\n\n")
	b.WriteString("Atenciosamente,\nGerência de Atendimento - PROCON/ES\n(mensagem automática)\n\n")
	b.WriteString(strings.Repeat("-", 72) + "\n\n")
	b.WriteString(FormTemplate)
	return CancellationSubject, b.String()
}
