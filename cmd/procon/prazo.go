package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/procon-es/procon/internal/prazo"
)

// prazoUsage documents `procon prazo`.
const prazoUsage = `Uso: procon prazo --inicio AAAA-MM-DD --quantidade N [--unidade dias_corridos|dias_uteis|meses|anos] [--sem-expediente AAAA-MM-DD]...

Calcula um prazo (004 §13) com o calendário embutido do PROCON/ES, sem servidor nem banco
de dados, e imprime o resultado em JSON: vencimento, regra, fonte e dias pulados.

  --inicio          data do evento (notificação, recebimento…); não é contada (004 §13.1)
  --quantidade      duração do prazo, número inteiro a partir de 1
  --unidade         dias_corridos (padrão, 004 §13.2), dias_uteis, meses ou anos (004 §13.3)
  --sem-expediente  dia sem expediente só para este cálculo (repetível; 004 §13.1.2)

Os fechamentos declarados pelos servidores no sistema não são lidos: informe-os com
--sem-expediente, ou use GET /api/v1/prazos.
`

// cliClosureReason is the reason shown for a --sem-expediente day.
const cliClosureReason = "Sem expediente (informado em --sem-expediente)"

// errPrazoHelp reports that help was asked for.
var errPrazoHelp = errors.New("ajuda")

// runPrazo is `procon prazo`: it computes one deadline with the built-in calendar and
// writes the Result JSON to stdout. It needs no configuration, database or Temporal. It
// returns the process exit code: 0, or 2 for bad input (message in stderr).
func runPrazo(args []string, stdout, stderr io.Writer) int {
	res, err := computePrazo(args)
	if errors.Is(err, errPrazoHelp) {
		fmt.Fprint(stdout, prazoUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "procon prazo: %v\n\n%s", err, prazoUsage)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		fmt.Fprintf(stderr, "procon prazo: %v\n", err)
		return 1
	}
	return 0
}

// computePrazo parses the arguments of `procon prazo` and computes the deadline.
func computePrazo(args []string) (prazo.Result, error) {
	req, closures, err := parsePrazoArgs(args)
	if err != nil {
		return prazo.Result{}, err
	}
	cal, err := prazo.NewVitoriaES().WithClosures(closures...)
	if err != nil {
		return prazo.Result{}, err
	}
	return cal.Compute(req)
}

// parsePrazoArgs reads --inicio, --quantidade, --unidade and the repeatable
// --sem-expediente (also -name, and name=value forms). Errors are in Portuguese.
func parsePrazoArgs(args []string) (prazo.Request, []prazo.Closure, error) {
	var (
		req                prazo.Request
		closures           []prazo.Closure
		haveStart, haveQty bool
		haveUnit           bool
		startText, qtyText string
		unitText           string
		closureTexts       []string
	)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-h" || arg == "--help" || arg == "-help" {
			return req, nil, errPrazoHelp
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" || arg == "--" {
			return req, nil, fmt.Errorf("argumento inesperado %q", arg)
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "inicio", "quantidade", "unidade", "sem-expediente":
		default:
			return req, nil, fmt.Errorf("opção desconhecida %q", arg)
		}
		if !hasValue {
			if i+1 >= len(args) {
				return req, nil, fmt.Errorf("a opção --%s precisa de um valor", name)
			}
			i++
			value = args[i]
		}
		switch name {
		case "inicio":
			if haveStart {
				return req, nil, errors.New("--inicio informado mais de uma vez")
			}
			haveStart, startText = true, value
		case "quantidade":
			if haveQty {
				return req, nil, errors.New("--quantidade informado mais de uma vez")
			}
			haveQty, qtyText = true, value
		case "unidade":
			if haveUnit {
				return req, nil, errors.New("--unidade informado mais de uma vez")
			}
			haveUnit, unitText = true, value
		case "sem-expediente":
			closureTexts = append(closureTexts, value)
		}
	}
	if !haveStart {
		return req, nil, errors.New("informe a data de início: --inicio AAAA-MM-DD")
	}
	start, err := prazo.ParseDate(startText)
	if err != nil {
		return req, nil, fmt.Errorf("--inicio: %w", err)
	}
	if !haveQty {
		return req, nil, errors.New("informe a quantidade: --quantidade N")
	}
	n, err := strconv.Atoi(qtyText)
	if err != nil {
		return req, nil, fmt.Errorf("--quantidade: %w: %q (use um número inteiro, mínimo 1)", prazo.ErrInvalidQuantity, qtyText)
	}
	unit, err := prazo.ParseUnit(unitText)
	if err != nil || (haveUnit && unitText == "") {
		if err == nil {
			err = fmt.Errorf("%w: %q (use dias_corridos, dias_uteis, meses ou anos)", prazo.ErrInvalidUnit, unitText)
		}
		return req, nil, fmt.Errorf("--unidade: %w", err)
	}
	for _, v := range closureTexts {
		d, err := prazo.ParseDate(v)
		if err != nil {
			return req, nil, fmt.Errorf("--sem-expediente: %w", err)
		}
		closures = append(closures, prazo.Closure{Date: d, Kind: prazo.ClosureFullDay, Reason: cliClosureReason})
	}
	req = prazo.Request{Start: start, Quantity: n, Unit: unit}
	return req, closures, nil
}
