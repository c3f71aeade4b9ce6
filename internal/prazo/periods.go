package prazo

// Period is a legal period of the procedure: its length, unit, source and
// the event it runs from. Use [Period.Request] to compute it.
type Period struct {
	// ID is a stable identifier for the API and the CLI (snake_case).
	ID string `json:"id"`
	// Name is the Portuguese name shown to users.
	Name string `json:"nome"`
	// Quantity is the period's length, in Unit.
	Quantity int `json:"quantidade"`
	// Unit is the period's unit; dias_corridos unless a rule says dias úteis.
	Unit Unit `json:"unidade"`
	// Source cites the rule, e.g. "004 §4.3.1".
	Source string `json:"fonte"`
	// Event is the event word the period runs from ("recebimento"…).
	Event string `json:"evento"`
}

// Request returns the request for this period starting at start (the
// event date, excluded from the count).
func (p Period) Request(start Date) Request {
	return Request{Start: start, Quantity: p.Quantity, Unit: p.Unit, Event: p.Event, Name: p.Name, Source: p.Source}
}

// The legal periods of the product. Do not modify them: copy a Period to
// vary it. Unless a rule says dias úteis, days are calendar days
// (004 §13.2).
var (
	// IntakeRegistration: the Gerência de Atendimento registers an
	// electronic atendimento within 20 dias corridos of its receipt
	// (004 §3.3.1.6).
	IntakeRegistration = Period{ID: "registro_atendimento", Name: "Registro do atendimento eletrônico",
		Quantity: 20, Unit: DiasCorridos, Source: "004 §3.3.1.6", Event: "recebimento"}

	// CIPAnswer: the supplier answers the CIP within 20 dias corridos of
	// its receipt (004 §4.3.1; Decreto federal 2.181/1997, art. 42).
	CIPAnswer = Period{ID: "resposta_cip", Name: "Resposta à CIP",
		Quantity: 20, Unit: DiasCorridos, Source: "004 §4.3.1", Event: "recebimento"}

	// ConsumerReturn: after a timely answer to the CIP the consumer has at
	// most 90 dias corridos to come back, or the case is closed for lack of
	// interest (004 §4.3.7). The norm does not say from when; this product
	// counts from the receipt of the supplier's answer.
	ConsumerReturn = Period{ID: "retorno_consumidor", Name: "Retorno do consumidor após a resposta à CIP",
		Quantity: 90, Unit: DiasCorridos, Source: "004 §4.3.7", Event: "recebimento da resposta"}

	// ExOfficioAnswer: suppliers notified ex officio by the presidency have
	// 20 dias corridos to answer or adopt the measures (004 §8.13).
	ExOfficioAnswer = Period{ID: "resposta_notificacao_oficio", Name: "Resposta à notificação de ofício",
		Quantity: 20, Unit: DiasCorridos, Source: "004 §8.13", Event: "notificação"}

	// Defense: 20 dias corridos to present the written defense (004 §8.15).
	Defense = Period{ID: "defesa", Name: "Apresentação de defesa",
		Quantity: 20, Unit: DiasCorridos, Source: "004 §8.15", Event: "notificação"}

	// FinePayment: 10 days from receipt of the first-instance decision to
	// pay the fine (004 §8.18). §8.18 says the appeal runs "no mesmo
	// prazo", but §10.1 and §13.2 make the appeal 10 dias úteis ([Appeal]);
	// payment stays in dias corridos, the default of §13.2.
	FinePayment = Period{ID: "pagamento_multa", Name: "Pagamento da multa",
		Quantity: 10, Unit: DiasCorridos, Source: "004 §8.18", Event: "recebimento"}

	// Appeal: 10 dias úteis from the notification of the first-instance
	// decision to appeal to the Diretor Presidente (004 §10.1, §13.2).
	Appeal = Period{ID: "recurso", Name: "Recurso à segunda instância",
		Quantity: 10, Unit: DiasUteis, Source: "004 §10.1, §13.2", Event: "notificação"}

	// PaymentAfterSecondInstance: 30 days from the notification of the
	// final second-instance decision to pay (004 §10.4).
	PaymentAfterSecondInstance = Period{ID: "pagamento_segunda_instancia", Name: "Pagamento após decisão de segunda instância",
		Quantity: 30, Unit: DiasCorridos, Source: "004 §10.4", Event: "notificação"}

	// PaymentAfterWaiver: 30 days from filing the waiver of appeal to pay
	// with the 25% reduction (004 §15.2.1; Decreto 2.181/1997, art. 55).
	PaymentAfterWaiver = Period{ID: "pagamento_renuncia", Name: "Pagamento com redução após renúncia ao recurso",
		Quantity: 30, Unit: DiasCorridos, Source: "004 §15.2.1", Event: "apresentação da renúncia"}

	// InstallmentGrace: after each installment's due date the supplier has
	// 15 dias corridos to pay, or the plan breaks (004 §15.9, §15.10).
	InstallmentGrace = Period{ID: "tolerancia_parcela", Name: "Regularização de parcela vencida",
		Quantity: 15, Unit: DiasCorridos, Source: "004 §15.9", Event: "vencimento da parcela"}

	// CadastroCorrectionRequest: 5 days from the publication of the
	// Cadastro de Reclamações Fundamentadas to ask for a correction
	// (004 §6.10).
	CadastroCorrectionRequest = Period{ID: "pedido_retificacao_cadastro", Name: "Pedido de retificação do Cadastro",
		Quantity: 5, Unit: DiasCorridos, Source: "004 §6.10", Event: "divulgação do cadastro"}

	// CadastroCorrectionDecision: the authority decides a correction
	// request within 10 dias úteis (004 §6.10).
	CadastroCorrectionDecision = Period{ID: "decisao_retificacao_cadastro", Name: "Decisão sobre retificação do Cadastro",
		Quantity: 10, Unit: DiasUteis, Source: "004 §6.10", Event: "protocolo do pedido"}

	// NoManifestationArchive: an atendimento with no manifestation within
	// 120 days of sending the form is archived (004 Anexo IX, V).
	NoManifestationArchive = Period{ID: "arquivamento_sem_manifestacao", Name: "Arquivamento por falta de manifestação",
		Quantity: 120, Unit: DiasCorridos, Source: "004 Anexo IX, V", Event: "envio do formulário"}
)

// Periods returns all legal periods of the product, in procedure order.
func Periods() []Period {
	return []Period{
		IntakeRegistration, NoManifestationArchive, CIPAnswer, ConsumerReturn, ExOfficioAnswer, Defense,
		FinePayment, Appeal, PaymentAfterWaiver, PaymentAfterSecondInstance, FineComplement, InstallmentGrace,
		CadastroCorrectionRequest, CadastroCorrectionDecision,
	}
}

// PeriodByID returns the legal period with the given ID.
func PeriodByID(id string) (Period, bool) {
	for _, p := range Periods() {
		if p.ID == id {
			return p, true
		}
	}
	return Period{}, false
}

// DIJURNotice is the period the Diretoria Jurídica sets, in dias corridos, when it
// notifies a supplier to inform or attend before judging (004 §8.9: "dentro de prazos
// estabelecidos"); the norm fixes no length.
func DIJURNotice(days int) Period {
	return Period{ID: "notificacao_dijur", Name: "Resposta à notificação da Diretoria Jurídica",
		Quantity: days, Unit: DiasCorridos, Source: "004 §8.9", Event: "notificação"}
}

// FineComplement is the period this product gives, in the letter of 004 §11.4, to pay
// the rest of a fine paid in part before the debt is inscribed. The norm says "sob pena
// de inscrição" and fixes no length; 10 dias corridos, as the first payment had (§8.18).
var FineComplement = Period{ID: "complementacao_multa", Name: "Complementação do pagamento da multa",
	Quantity: 10, Unit: DiasCorridos, Source: "004 §11.4, §8.18", Event: "notificação"}
