package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/senderauth"
)

// petitionUsage documents `procon petition check`.
const petitionUsage = `Uso: procon petition check [--politica dmarc|from-only] [--authserv-id ID] < mensagem.eml

Lê uma petição (RFC 5322) da entrada padrão e aplica a mesma leitura do protocolo
eletrônico (004 §14) e a mesma verificação do remetente do worker, sem servidor nem
banco de dados. Imprime em JSON:
  {"tipo", "na", "cip", "parcelas", "age_sozinha", "remetente": {"endereco", "autenticado", "metodo", "motivo"}}
"age_sozinha" diz se o tipo produz efeito sozinho (só do endereço cadastrado da parte e,
com a política dmarc, com remetente autenticado); o endereço cadastrado está no banco e
não é conferido aqui. A política e o authserv-id confiável vêm de PROCON_MAIL_AUTH e
PROCON_MAIL_AUTHSERV_ID, ou das opções. As chaves DKIM são buscadas no DNS.
A saída é 0 para qualquer veredito; 2 para uso incorreto.
`

// petitionCheck is the verdict `procon petition check` prints.
type petitionCheck struct {
	Kind         petition.Kind      `json:"tipo"`
	NA           string             `json:"na"`
	CIP          string             `json:"cip,omitempty"`
	Installments int                `json:"parcelas,omitempty"`
	ActsByItself bool               `json:"age_sozinha"`
	Sender       senderauth.Verdict `json:"remetente"`
}

// runPetition is `procon petition check`: it returns the process exit code.
func runPetition(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, petitionUsage)
		return 0
	}
	if len(args) < 1 || args[0] != "check" {
		fmt.Fprint(stderr, petitionUsage)
		return 2
	}
	fs := flag.NewFlagSet("petition check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	policyName := fs.String("politica", os.Getenv("PROCON_MAIL_AUTH"), "")
	authserv := fs.String("authserv-id", os.Getenv("PROCON_MAIL_AUTHSERV_ID"), "")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		fmt.Fprint(stderr, petitionUsage)
		return 2
	}
	policy, err := senderauth.ParsePolicy(*policyName)
	if err != nil {
		fmt.Fprintf(stderr, "procon petition check: política %q: use dmarc ou from-only\n", *policyName)
		return 2
	}
	raw, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "procon petition check: leitura da entrada: %v\n", err)
		return 2
	}
	read := petition.Read(raw, mailmsg.Limits{})
	out := petitionCheck{
		Kind: read.Kind, NA: read.NA, CIP: read.CIP, Installments: read.Installments,
		ActsByItself: petition.ActsByItself(read.Kind),
		Sender:       senderauth.Checker{Policy: policy, AuthservID: *authserv}.Check(raw),
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "procon petition check: %v\n", err)
		return 1
	}
	return 0
}
