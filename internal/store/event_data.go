package store

import "encoding/json"

// EventData is what a timeline event says beyond its kind: every key any event of a
// case's timeline may carry, typed and named once, in Portuguese. An event fills the
// fields that apply to it; the others are left out of its JSON. Fonte, the legal source
// the event acts on, is a named constant where the event is written (workflows/sources.go
// for the workflows' events).
type EventData struct {
	// Fonte is the legal source the event acts on ("004 §4.3.1").
	Fonte string `json:"fonte,omitempty"`
	// Alerta names the role whose queue the event calls on.
	Alerta string `json:"alerta,omitempty"`
	// Motivo is the reason given or applied.
	Motivo string `json:"motivo,omitempty"`

	// Prazo names the deadline running; Vencimento is its due date (or the due date the
	// event is about), VencimentoAnterior the one it replaced, Regra its rule in words.
	Prazo              string `json:"prazo,omitempty"`
	Vencimento         string `json:"vencimento,omitempty"`
	VencimentoAnterior string `json:"vencimento_anterior,omitempty"`
	Regra              string `json:"regra,omitempty"`

	// Tipo is the kind of the act (a decision's, a petition's, a notification's).
	Tipo string `json:"tipo,omitempty"`
	// Campos are a staff decision's fields as it was taken (in Portuguese, as on the wire).
	Campos json.RawMessage `json:"campos,omitempty"`
	// Decisao is a decision in words.
	Decisao string `json:"decisao,omitempty"`
	// Resultado is an outcome (a hearing's, a judgment's).
	Resultado string `json:"resultado,omitempty"`
	// Sancoes are the sanctions a judgment imposes besides the fine.
	Sancoes []string `json:"sancoes,omitempty"`
	// Fundamentacao is a judgment's reasoning.
	Fundamentacao string `json:"fundamentacao,omitempty"`
	// Texto is staff's text to a party.
	Texto string `json:"texto,omitempty"`
	// Origem is how a process began.
	Origem string `json:"origem,omitempty"`

	// Numero is the number of the act: a CIP's, a hearing's.
	Numero string `json:"numero,omitempty"`
	// Fornecedor is the supplier the event is about.
	Fornecedor string `json:"fornecedor,omitempty"`
	// Meio is how an act was delivered.
	Meio string `json:"meio,omitempty"`
	// IDMensagem is the Message-ID of the mail that carried the act.
	IDMensagem string `json:"id_mensagem,omitempty"`
	// MensagemRecebida is the stored inbound message the event comes from; Caixa the
	// mailbox it arrived in.
	MensagemRecebida int64  `json:"mensagem_recebida,omitempty"`
	Caixa            string `json:"caixa,omitempty"`
	// RecebidoEm is the day (or moment) something arrived; RespondidaEm the day an act
	// was answered; NoPrazo whether that was in time.
	RecebidoEm   string `json:"recebido_em,omitempty"`
	RespondidaEm string `json:"respondida_em,omitempty"`
	NoPrazo      *bool  `json:"no_prazo,omitempty"`
	// RemetenteConfere: a petition came from its party's address on record;
	// AguardaConfirmacao: it waits for staff to confirm its sender (issue 14), for
	// MotivoConfirmacao; Autenticacao is the verdict on the sender's authentication;
	// SemEnderecoCadastrado: the party has no address on record.
	RemetenteConfere      *bool  `json:"remetente_confere,omitempty"`
	AguardaConfirmacao    *bool  `json:"aguarda_confirmacao,omitempty"`
	MotivoConfirmacao     string `json:"motivo_confirmacao,omitempty"`
	Autenticacao          string `json:"autenticacao,omitempty"`
	SemEnderecoCadastrado bool   `json:"sem_endereco_cadastrado,omitempty"`

	// Inicio and Fim bound a suspension of the deadlines; Ato is the act declaring it.
	Inicio string `json:"inicio,omitempty"`
	Fim    string `json:"fim,omitempty"`
	Ato    string `json:"ato,omitempty"`

	// DataHora is when a hearing or a TAC meeting is held; Metodo how; Local where.
	DataHora string `json:"data_hora,omitempty"`
	Metodo   string `json:"metodo,omitempty"`
	Local    string `json:"local,omitempty"`
	// Termos are an agreement's terms; DataCumprimento the day it is to be fulfilled.
	Termos          string `json:"termos,omitempty"`
	DataCumprimento string `json:"data_cumprimento,omitempty"`
	// DocumentoID is the document the event issued (a judgment, a Termo de Audiência).
	DocumentoID int64 `json:"documento_id,omitempty"`
	// Classificacao and Assunto classify a case for the Cadastro.
	Classificacao string `json:"classificacao,omitempty"`
	Assunto       string `json:"assunto,omitempty"`
	// SemDefesa counts the suppliers who lapsed their defense; DecisaoFundamentada says
	// the judgment needs a reasoned decision (004 §5.12).
	SemDefesa           int   `json:"sem_defesa,omitempty"`
	DecisaoFundamentada *bool `json:"decisao_fundamentada,omitempty"`
	// ProcessoColetivo is the collective process a case belongs to; CasoPrincipal its
	// lead case.
	ProcessoColetivo string `json:"processo_coletivo,omitempty"`
	CasoPrincipal    string `json:"caso_principal,omitempty"`

	// The fine: its amount in VRTE and reais, the appeal's deadline, payments.
	MultaVRTE          string `json:"multa_vrte,omitempty"`
	Valor              string `json:"valor,omitempty"`
	PrazoRecurso       string `json:"prazo_recurso,omitempty"`
	EfeitoSuspensivo   bool   `json:"efeito_suspensivo,omitempty"`
	RenunciaEm         string `json:"renuncia_em,omitempty"`
	Pago               string `json:"pago,omitempty"`
	PagoEm             string `json:"pago_em,omitempty"`
	Referencia         string `json:"referencia,omitempty"`
	TotalPago          string `json:"total_pago,omitempty"`
	Saldo              string `json:"saldo,omitempty"`
	SaldoVRTE          string `json:"saldo_vrte,omitempty"`
	Excedente          string `json:"excedente,omitempty"`
	Ordem              string `json:"ordem,omitempty"`
	SuspensaDe         string `json:"suspensa_de,omitempty"`
	SuspensaAte        string `json:"suspensa_ate,omitempty"`
	Parcela            int    `json:"parcela,omitempty"`
	Parcelas           int    `json:"parcelas,omitempty"`
	VRTE               string `json:"vrte,omitempty"`
	ToleranciaAte      string `json:"tolerancia_ate,omitempty"`
	PrimeiroVencimento string `json:"primeiro_vencimento,omitempty"`

	// The Cadastro's corrections (004 §6.10, §6.11): the year, the party asking, the day
	// it is to be decided by, whether it was granted and the classification it gave; and
	// Situacao, the debt's new status after a court order.
	Ano               int    `json:"ano,omitempty"`
	Parte             string `json:"parte,omitempty"`
	DecidirAte        string `json:"decidir_ate,omitempty"`
	Procedente        *bool  `json:"procedente,omitempty"`
	NovaClassificacao string `json:"nova_classificacao,omitempty"`
	Situacao          string `json:"situacao,omitempty"`
}
