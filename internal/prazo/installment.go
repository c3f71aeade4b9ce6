package prazo

import "fmt"

// MaxInstallments is the largest number of monthly installments of a fine
// (004 §15.7).
const MaxInstallments = 30

// InstallmentDate returns the due date of installment n (1-based) of a
// plan whose first installment is due on first: first plus n−1 months,
// date to date, the last day of the month when it has no such day
// (004 §13.3). Every date is counted from first, never from the previous
// installment, so a plan starting on 31/01 falls due on 28/02 (29/02 in a
// leap year), 31/03, 30/04, 31/05…
func InstallmentDate(first Date, n int) (Date, error) {
	if n < 1 || n > MaxInstallments {
		return Date{}, fmt.Errorf("%w: %d (de 1 a %d, 004 §15.7)", ErrInvalidInstallment, n, MaxInstallments)
	}
	if !first.Valid() {
		return Date{}, fmt.Errorf("%w: primeira parcela %q", ErrInvalidDate, first.String())
	}
	return first.AddMonths(n - 1), nil
}

// InstallmentGraceDeadline returns the last day to pay installment n
// before the plan breaks (004 §15.9, §15.10): 15 dias corridos counted
// from the installment's due date ([InstallmentDate]), extended to the next
// business day per 004 §13.1.2. The installment's own due date is the one
// printed on the boleto and is not extended here.
func (c *Calendar) InstallmentGraceDeadline(first Date, n int) (Result, error) {
	due, err := InstallmentDate(first, n)
	if err != nil {
		return Result{}, err
	}
	req := InstallmentGrace.Request(due)
	req.Event = fmt.Sprintf("vencimento da parcela %d", n)
	return c.Compute(req)
}
