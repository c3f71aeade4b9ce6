package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/procon-es/procon/internal/intake"
)

// intakeUsage documents `procon intake check`.
const intakeUsage = `Uso: procon intake check < mensagem.eml

Lê uma mensagem de e-mail (RFC 5322) da entrada padrão e aplica a mesma leitura e a
mesma validação do atendimento eletrônico (004 §3.3.1, Anexos V–X), sem servidor nem
banco de dados. Imprime em JSON:
  {"valid": bool, "form": {...}, "documents": [...], "problems": [{"code", "field", "message"}]}
Códigos: missing_field, invalid_field, missing_document, attachment_not_allowed,
attachment_too_large, unreadable_message. A saída é 0 para qualquer veredito; 2 para
uso incorreto.
`

// runIntake is `procon intake check`: it returns the process exit code.
func runIntake(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, intakeUsage)
		return 0
	}
	if len(args) != 1 || args[0] != "check" {
		fmt.Fprint(stderr, intakeUsage)
		return 2
	}
	raw, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "procon intake check: leitura da entrada: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(intake.Check(raw, intake.Options{})); err != nil {
		fmt.Fprintf(stderr, "procon intake check: %v\n", err)
		return 1
	}
	return 0
}
