package taxid

import "testing"

func TestCheck(t *testing.T) {
	tests := []struct {
		in   string
		want string
		kind Kind
	}{
		{"529.982.247-25", "52998224725", CPF},
		{"52998224725", "52998224725", CPF},
		{" 529 982 247 25 ", "52998224725", CPF},
		{"529.982.247-26", "52998224726", BadCPF},
		{"111.111.111-11", "11111111111", BadCPF},
		{"11.222.333/0001-81", "11222333000181", CNPJ},
		{"11222333000181", "11222333000181", CNPJ},
		{"11.222.333/0001-82", "11222333000182", BadCNPJ},
		// Alphanumeric CNPJ, the Receita Federal's own example.
		{"12.ABC.345/01DE-35", "12ABC34501DE35", CNPJ},
		{"12.abc.345/01de-35", "12ABC34501DE35", CNPJ},
		{"12.ABC.345/01DE-36", "12ABC34501DE36", BadCNPJ},
		{"529.982.247", "529982247", InvalidLength},
		{"", "", InvalidLength},
	}
	for _, tt := range tests {
		got, kind := Check(tt.in)
		if got != tt.want || kind != tt.kind {
			t.Errorf("Check(%q) = %q, %v; want %q, %v", tt.in, got, kind, tt.want, tt.kind)
		}
	}
}

func TestFormatPunctuatesForReading(t *testing.T) {
	for in, want := range map[string]string{
		"52998224725": "529.982.247-25", "11222333000181": "11.222.333/0001-81",
		"12ABC34501DE35": "12.ABC.345/01DE-35", "123": "123",
	} {
		if got := Format(in); got != want {
			t.Errorf("Format(%q) = %q, want %q", in, got, want)
		}
	}
}
