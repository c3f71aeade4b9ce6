package api

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// decisionForm is one decision drawn as a form on the case page, from the fields the
// workflow lists (GET .../decisoes): the console never hard-codes which decision is
// allowed when, nor its fields.
type decisionForm struct {
	workflows.DecisionOption
	// Key is the form's idempotency key: the Update ID of the decision it sends.
	Key    string
	Inputs []fieldInput
	// Error is the refusal shown on the form; Open keeps the form unfolded.
	Error string
	Open  bool
	// Gone: the decision is no longer on the menu (shown only with its refusal).
	Gone bool
}

// fieldInput is one field of a decision's form.
type fieldInput struct {
	workflows.DecisionField
	// ID is the input's HTML id, unique on the page.
	ID string
	// Input is the HTML input type; Textarea, Select, Choices (checkboxes) and YesNo
	// (radio buttons) are the other controls.
	Input                            string
	Textarea, Select, Choices, YesNo bool
	Options                          []fieldOption
	// Value is what was typed (after a refusal).
	Value string
}

// fieldOption is one value of a choice.
type fieldOption struct {
	Value, Label string
	Selected     bool
}

// longTextFields are the text fields drawn as a text area.
var longTextFields = map[string]bool{"motivo": true, "fundamentacao": true, "texto": true, "termos": true}

// newDecisionForm draws the form of a decision option.
func newDecisionForm(o workflows.DecisionOption) decisionForm {
	f := decisionForm{DecisionOption: o, Key: newRequestID()}
	for _, fd := range o.Fields {
		in := fieldInput{DecisionField: fd, ID: o.Kind + "-" + fd.Name}
		if in.Label == "" {
			in.Label = wordsOf(fd.Name)
		}
		for _, v := range fd.Values {
			in.Options = append(in.Options, fieldOption{Value: v, Label: wordsOf(v)})
		}
		switch {
		case fd.Type == "lista" && len(fd.Values) > 0:
			in.Choices = true
		case fd.Type == "lista", fd.Type == "texto" && longTextFields[fd.Name]:
			in.Textarea = true
		case len(fd.Values) > 0:
			in.Select = true
		case fd.Type == "booleano":
			in.YesNo = true
		case fd.Type == "data":
			in.Input = "date"
		case fd.Type == "data_hora":
			in.Input = "datetime-local"
		case fd.Type == "inteiro":
			in.Input = "number"
		default:
			in.Input = "text"
		}
		f.Inputs = append(f.Inputs, in)
	}
	return f
}

// refused puts a refusal on the form, with the values that were sent and the same key:
// a refused Update leaves no trace, and one that timed out but was applied is not
// applied again when the form is sent once more.
func (f *decisionForm) refused(msg, key string, form url.Values) {
	f.Error, f.Open, f.Key = msg, true, key
	for i := range f.Inputs {
		in := &f.Inputs[i]
		in.Value = form.Get(in.Name)
		for j := range in.Options {
			for _, v := range form[in.Name] {
				if v == in.Options[j].Value {
					in.Options[j].Selected = true
				}
			}
		}
	}
}

// formKey is the idempotency key a form carries, or a fresh one.
func formKey(c *gin.Context) string {
	if k := c.PostForm("_chave"); k != "" && len(k) <= 64 {
		return k
	}
	return newRequestID()
}

// wordsOf makes a wire name readable: "carta_registrada" → "carta registrada".
func wordsOf(name string) string {
	return strings.ReplaceAll(name, "_", " ")
}

// formFields turns a decision form's values into its body's JSON object, by the fields'
// types; a value that is not of its type is said in Portuguese. Empty fields are left
// out: the workflow says which are required.
func formFields(fields []workflows.DecisionField, form url.Values) ([]byte, string) {
	out := map[string]any{}
	for _, f := range fields {
		label := f.Label
		if label == "" {
			label = wordsOf(f.Name)
		}
		v := strings.TrimSpace(form.Get(f.Name))
		switch f.Type {
		case "lista":
			var items []string
			for _, raw := range form[f.Name] {
				for _, line := range strings.Split(raw, "\n") {
					if line = strings.TrimSpace(line); line != "" {
						items = append(items, line)
					}
				}
			}
			if len(items) > 0 {
				out[f.Name] = items
			}
			continue
		}
		if v == "" {
			continue
		}
		switch f.Type {
		case "inteiro":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, "“" + label + "”: informe um número inteiro."
			}
			out[f.Name] = n
		case "booleano":
			switch v {
			case "sim":
				out[f.Name] = true
			case "nao":
				out[f.Name] = false
			default:
				return nil, "“" + label + "”: escolha sim ou não."
			}
		case "data":
			d, err := readDate(v)
			if err != nil {
				return nil, "“" + label + "”: data inválida; use o seletor de data (dia/mês/ano)."
			}
			out[f.Name] = d.String()
		case "data_hora":
			t, err := time.ParseInLocation("2006-01-02T15:04", v, prazo.AgencyZone)
			if err != nil {
				return nil, "“" + label + "”: data e hora inválidas; use o seletor (dia/mês/ano e hora)."
			}
			out[f.Name] = t.Format(time.RFC3339)
		case "decimal":
			if strings.Contains(v, ",") { // 1.234,56 as Brazilians write it
				v = strings.ReplaceAll(strings.ReplaceAll(v, ".", ""), ",", ".")
			}
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return nil, "“" + label + "”: informe um número, como 1500 ou 1.500,50."
			}
			out[f.Name] = v
		default:
			out[f.Name] = v
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return nil, "Formulário inválido."
	}
	return raw, ""
}

// readDate reads a date as a date input sends it (AAAA-MM-DD) or as typed where the
// browser has no date picker (DD/MM/AAAA).
func readDate(v string) (prazo.Date, error) {
	if d, err := prazo.ParseDate(v); err == nil {
		return d, nil
	}
	t, err := time.Parse("02/01/2006", v)
	if err != nil {
		return prazo.Date{}, err
	}
	return prazo.DateOf(t), nil
}
