package password

import (
	"errors"
	"strings"
	"testing"
)

func TestHashVerifiesItsPasswordOnly(t *testing.T) {
	h, err := Hash("correta cavalo bateria grampo")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash %q does not record argon2id and its parameters", h)
	}
	if err := Verify("correta cavalo bateria grampo", h); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if err := Verify("correta cavalo bateria grampO", h); !errors.Is(err, ErrMismatch) {
		t.Errorf("a wrong password: %v, want ErrMismatch", err)
	}
	again, _ := Hash("correta cavalo bateria grampo")
	if again == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyRefusesWhatIsNotAHash(t *testing.T) {
	for _, h := range []string{"", "senha", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA"} {
		if err := Verify("x", h); err == nil || errors.Is(err, ErrMismatch) {
			t.Errorf("Verify(%q) = %v, want an error that is not a mismatch", h, err)
		}
	}
}

func TestCheckAsksForTwelveCharacters(t *testing.T) {
	if Check("curta") == "" || Check(strings.Repeat(" ", 20)) == "" || Check(strings.Repeat("a", 300)) == "" {
		t.Error("a short, blank or huge password passed")
	}
	if msg := Check("doze letras!"); msg != "" {
		t.Errorf("a 12-character password: %s", msg)
	}
	if Check("ação-çãõéíúâ") != "" {
		t.Error("characters are counted as bytes, not letters")
	}
}
