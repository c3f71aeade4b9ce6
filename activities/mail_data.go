package activities

// MailData is what a mail template may say: every field any template in templates/
// reads, typed. A template that names a field not here fails to render (a test renders
// every template with its data), so a misspelt field is caught before a mail goes out.
// NA and Protocolo are filled by the sender from the case and the configuration.
type MailData struct {
	// NA is the case's Número de Atendimento.
	NA string `json:"na,omitempty"`
	// Protocolo is the agency's protocol address, where parties write.
	Protocolo string `json:"protocolo,omitempty"`

	// Destinatario is the name of the party the mail is addressed to (its greeting).
	Destinatario string `json:"destinatario,omitempty"`
	// Fornecedor is the supplier's name.
	Fornecedor string `json:"fornecedor,omitempty"`
	// Documento is a party's CPF/CNPJ, formatted.
	Documento string `json:"documento,omitempty"`

	// Numero is the number of the act the mail is about: the CIP's, the hearing's.
	Numero string `json:"numero,omitempty"`
	// NumeroInformado is the NA a petition gave that matched no case.
	NumeroInformado string `json:"numero_informado,omitempty"`
	// Assunto is the subject of the mail answered.
	Assunto string `json:"assunto,omitempty"`
	// Corpo is the body of the mail answered, quoted.
	Corpo string `json:"corpo,omitempty"`
	// Tipo is the kind of the act or petition, in words.
	Tipo string `json:"tipo,omitempty"`
	// Texto is staff's text to the party (a notification's questions).
	Texto string `json:"texto,omitempty"`
	// Motivo is the reason given.
	Motivo string `json:"motivo,omitempty"`
	// Problemas lists what was wrong with a document the party sent.
	Problemas []string `json:"problemas,omitempty"`
	// NaoAutenticada says a petition came from the address on record without passing
	// sender authentication (issue 14).
	NaoAutenticada bool `json:"nao_autenticada,omitempty"`
	// Situacao is where the case ended, in words.
	Situacao string `json:"situacao,omitempty"`
	// Resultado is an outcome in words (a hearing's, a judgment's).
	Resultado string `json:"resultado,omitempty"`
	// Decisao is a decision in words.
	Decisao string `json:"decisao,omitempty"`

	// RecebidoEm is the day something arrived at the agency (dd/mm/aaaa).
	RecebidoEm string `json:"recebido_em,omitempty"`
	// NoPrazo says it arrived within its deadline.
	NoPrazo bool `json:"no_prazo,omitempty"`
	// Meio is how a CIP was sent, in words.
	Meio string `json:"meio,omitempty"`
	// Retorno is the first day the consumer may return about a CIP's answer.
	Retorno string `json:"retorno,omitempty"`
	// Prazo is a running deadline as the rule's Portuguese sentence.
	Prazo string `json:"prazo,omitempty"`
	// Vencimento is a due date (dd/mm/aaaa).
	Vencimento string `json:"vencimento,omitempty"`
	// Tolerancia is an installment's grace period as its sentence.
	Tolerancia string `json:"tolerancia,omitempty"`
	// Cumprimento is an agreement's compliance date (dd/mm/aaaa).
	Cumprimento string `json:"cumprimento,omitempty"`

	// DataHora is a hearing's date and hour, in words.
	DataHora string `json:"data_hora,omitempty"`
	// Metodo is how a hearing is held, in words.
	Metodo string `json:"metodo,omitempty"`
	// Local is where a hearing is held (or its link).
	Local string `json:"local,omitempty"`

	// Valor is a fine's amount (R$).
	Valor string `json:"valor,omitempty"`
	// VRTE is a fine's amount in VRTE.
	VRTE string `json:"vrte,omitempty"`
	// Pagamento is the payment deadline as its sentence.
	Pagamento string `json:"pagamento,omitempty"`
	// Recurso is the appeal deadline as its sentence.
	Recurso string `json:"recurso,omitempty"`
	// Pago is what was paid (R$).
	Pago string `json:"pago,omitempty"`
	// Saldo is what remains to pay (R$).
	Saldo string `json:"saldo,omitempty"`
	// Excedente is what was paid beyond the amount due (R$).
	Excedente string `json:"excedente,omitempty"`
	// Parcela is an installment's number, of Total.
	Parcela int `json:"parcela,omitempty"`
	// Total is the number of installments.
	Total int `json:"total,omitempty"`
}
