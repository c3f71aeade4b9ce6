package prazo

import "errors"

// Errors returned by this package. Their messages are in Portuguese because
// the API and the CLI show them to staff as they are; callers should test
// them with errors.Is.
var (
	// ErrInvalidDate reports a date that does not exist or is not in the
	// "YYYY-MM-DD" form.
	ErrInvalidDate = errors.New("data inválida")
	// ErrOutOfRange reports a date or a deadline outside [MinYear, MaxYear].
	ErrOutOfRange = errors.New("data fora do intervalo suportado")
	// ErrInvalidUnit reports an unknown deadline unit.
	ErrInvalidUnit = errors.New("unidade de prazo desconhecida")
	// ErrInvalidQuantity reports a deadline length that is not positive or
	// is larger than the limit of its unit.
	ErrInvalidQuantity = errors.New("quantidade de prazo inválida")
	// ErrInvalidClosure reports a closure without date, kind or reason.
	ErrInvalidClosure = errors.New("fechamento inválido")
	// ErrInvalidSuspension reports a suspension without reason or with its
	// end before its start.
	ErrInvalidSuspension = errors.New("suspensão inválida")
	// ErrUnknownHolidaySet reports a snapshot that names a holiday set that
	// is not registered.
	ErrUnknownHolidaySet = errors.New("conjunto de feriados desconhecido")
	// ErrInvalidHolidaySet reports a holiday set without identifier or
	// registered twice.
	ErrInvalidHolidaySet = errors.New("conjunto de feriados inválido")
	// ErrInvalidInstallment reports an installment number outside
	// 1..MaxInstallments.
	ErrInvalidInstallment = errors.New("número de parcela inválido")
)
