package samples

import (
	"testing"

	"github.com/paemuri/brdoc"
)

func TestCPFHasValidCheckDigits(t *testing.T) {
	for _, n := range []int{0, 1, 123456789, 529982247, 100000042} {
		cpf := CPF(n)
		if len(cpf) != 11 || !brdoc.IsCPF(cpf) {
			t.Errorf("CPF(%d) = %q: not a valid CPF", n, cpf)
		}
	}
	if got := CPF(529982247); got != "52998224725" {
		t.Errorf("CPF(529982247) = %s, want 52998224725", got)
	}
}
