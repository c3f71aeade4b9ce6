package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/document"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// FineAmountRequest asks for the amount in reais of a fine in VRTE, at the VRTE value of
// a year.
type FineAmountRequest struct {
	VRTE decimal.Decimal `json:"vrte"`
	Year int             `json:"ano"`
}

// FineAmount is VRTE × the VRTE value of the year, in reais, rounded to the centavo.
// Without the year's value it fails and is retried: staff set it at /api/v1/vrte.
func (a *Activities) FineAmount(ctx context.Context, r FineAmountRequest) (decimal.Decimal, error) {
	v, err := a.Store.VRTEOf(ctx, r.Year)
	if errors.Is(err, store.ErrNoVRTE) {
		return decimal.Decimal{}, temporal.NewApplicationError(fmt.Sprintf("o valor da VRTE de %d não está cadastrado (PUT /api/v1/vrte/%d)", r.Year, r.Year), "vrte_ausente")
	}
	if err != nil {
		return decimal.Decimal{}, err
	}
	return r.VRTE.Mul(v.Value).Round(2), nil
}

// PaymentRecord is a payment of a case's fine recorded by the financeiro.
type PaymentRecord struct {
	NA        string          `json:"na"`
	Amount    decimal.Decimal `json:"valor"`
	PaidOn    prazo.Date      `json:"pago_em"`
	Reference string          `json:"referencia"`
	By        string          `json:"por"`
}

// RecordPayment keeps a payment once per case and reference.
func (a *Activities) RecordPayment(ctx context.Context, p PaymentRecord) error {
	return caseError(p.NA, a.Store.SavePayment(ctx, p.NA, p.Amount, p.PaidOn.Midnight(time.UTC), p.Reference, p.By))
}

// DebtInscription is the inscription of a fine's unpaid balance in Dívida Ativa
// (004 §11.1).
type DebtInscription struct {
	NA        string          `json:"na"`
	Suppliers []CIPParty      `json:"fornecedores"`
	VRTE      decimal.Decimal `json:"vrte"`
	Amount    decimal.Decimal `json:"valor"`
	Balance   decimal.Decimal `json:"saldo"`
	Due       prazo.Date      `json:"vencimento"`
	On        prazo.Date      `json:"inscrito_em"`
}

// InscribeDebt records the debt for the state's debt system (the export) and tells the
// debtor and the financial department, once.
func (a *Activities) InscribeDebt(ctx context.Context, d DebtInscription) error {
	debtor := d.Suppliers[0]
	if err := a.Store.InscribeDebt(ctx, store.Debt{NA: d.NA, SupplierDoc: debtor.Doc, SupplierName: debtor.Name, VRTE: d.VRTE,
		Amount: d.Amount, Balance: d.Balance, DueOn: d.Due.Midnight(time.UTC), InscribedOn: d.On.Midnight(time.UTC)}); err != nil {
		return caseError(d.NA, err)
	}
	data := MailData{Destinatario: debtor.Name, Fornecedor: debtor.Name, Documento: taxid.Format(debtor.Doc),
		Saldo: BRL(d.Balance), Vencimento: d.Due.FormatBR()}
	if debtor.Email != "" {
		if _, err := a.SendMail(ctx, Mail{Key: CaseMailKey(d.NA, "divida-ativa", debtor.Doc), NA: d.NA, Kind: "divida_ativa_inscrita",
			To: debtor.Email, Data: data}); err != nil {
			return err
		}
	}
	if a.FinanceAddress == "" {
		return nil
	}
	_, err := a.SendMail(ctx, Mail{Key: CaseMailKey(d.NA, "divida-ativa", "financeiro"), NA: d.NA, Kind: "divida_ativa_financeiro",
		To: a.FinanceAddress, Data: data})
	return err
}

// JudgmentRecord is the first-instance decision of the Diretoria Jurídica (004 §8.10,
// §8.18; 003): procedente (a fine and/or other sanctions), improcedente or extinto.
type JudgmentRecord struct {
	NA        string          `json:"na"`
	Outcome   string          `json:"resultado"`
	FineVRTE  decimal.Decimal `json:"multa_vrte"`
	Sanctions []string        `json:"sancoes,omitempty"`
	Reason    string          `json:"fundamentacao"`
	By        string          `json:"por"`
	On        prazo.Date      `json:"em"`
	// Suppliers are notified; Debtor, for a fine, is the one who pays it.
	Suppliers []CIPParty `json:"fornecedores"`
}

// IssueJudgment renders the decision, keeps it with the case and e-mails it to each
// supplier with an address, once. It returns the document's ID.
func (a *Activities) IssueJudgment(ctx context.Context, j JudgmentRecord) (int64, error) {
	pdf, err := judgmentDocument(j).PDF()
	if err != nil {
		return 0, temporal.NewNonRetryableApplicationError(err.Error(), "pdf_error", err)
	}
	key, filename := "decisao/"+j.NA, "decisao-"+j.NA+".pdf"
	id, err := a.Store.SaveDocument(ctx, key, store.Document{NA: j.NA, Kind: "decisao_primeira_instancia", Filename: filename,
		ContentType: "application/pdf", Data: pdf})
	if err != nil {
		return 0, caseError(j.NA, err)
	}
	for _, s := range j.Suppliers {
		if s.Email == "" {
			continue
		}
		if _, err := a.SendMail(ctx, Mail{Key: CaseMailKey(j.NA, "decisao", s.Doc), NA: j.NA, Kind: "decisao_primeira_instancia", To: s.Email,
			Data:        MailData{Destinatario: s.Name, Resultado: j.Outcome},
			Attachments: []store.Attachment{{Filename: filename, ContentType: "application/pdf", Data: pdf}},
		}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// judgmentDocument is the Decisão Administrativa (004 §8.10).
func judgmentDocument(j JudgmentRecord) document.Document {
	names := make([]string, len(j.Suppliers))
	for i, s := range j.Suppliers {
		names[i] = fmt.Sprintf("%s (CPF/CNPJ %s)", s.Name, taxid.Format(s.Doc))
	}
	var penalty []string
	if j.FineVRTE.IsPositive() {
		penalty = append(penalty, fmt.Sprintf("Multa de %s VRTE (art. 56, I, da Lei 8.078/1990; item 8.20), a recolher em 10 "+
			"(dez) dias do recebimento desta notificação, ou recorrer no prazo de 10 (dez) dias úteis ao Diretor Presidente, "+
			"com efeito suspensivo (itens 8.18, 10.1 e 10.2). A renúncia expressa ao recurso nesse prazo (Anexo XI) reduz a "+
			"multa em 25%% (item 15.2).", j.FineVRTE.String()))
	}
	for _, s := range j.Sanctions {
		penalty = append(penalty, "Sanção do art. 56, "+s+", da Lei 8.078/1990 (item 8.21).")
	}
	if len(penalty) == 0 {
		penalty = []string{"Nenhuma sanção aplicada."}
	}
	return document.Document{
		Title:    "DECISÃO ADMINISTRATIVA DE PRIMEIRA INSTÂNCIA",
		IssuedOn: j.On,
		Fields: []document.Field{
			{Label: "Processo (NA):", Value: j.NA},
			{Label: "Data:", Value: j.On.FormatBR()},
			{Label: "Fornecedor(es):", Value: strings.Join(names, "; ")},
			{Label: "Resultado:", Value: strings.ToUpper(j.Outcome)},
			{Label: "Diretoria Jurídica:", Value: j.By},
		},
		Sections: []document.Section{
			{Heading: "Fundamentação", Paragraphs: []string{j.Reason}},
			{Heading: "Sanções", Paragraphs: penalty},
		},
	}
}

// BRL formats an amount in reais as Brazilians write it: R$ 1.234,56.
func BRL(v decimal.Decimal) string {
	s := v.StringFixed(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, cents := s[:len(s)-3], s[len(s)-2:]
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return "R$ " + sign + b.String() + "," + cents
}

// PrimaryOffenderRequest asks whether a case's suppliers are primary offenders.
type PrimaryOffenderRequest struct {
	NA        string   `json:"na"`
	Suppliers []string `json:"fornecedores"`
}

// PrimaryOffender reports whether none of the suppliers was judged procedente in another
// process (004 §12.3 II; Decreto 2.181/1997, art. 25, II).
func (a *Activities) PrimaryOffender(ctx context.Context, r PrimaryOffenderRequest) (bool, error) {
	n, err := a.Store.PriorConvictions(ctx, r.NA, r.Suppliers)
	return n == 0, err
}
