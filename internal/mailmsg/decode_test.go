package mailmsg

import (
	"reflect"
	"testing"
)

func TestParseParams(t *testing.T) {
	tests := []struct {
		in     string
		head   string
		params map[string]string
	}{
		{`attachment; filename="rg.pdf"`, "attachment", map[string]string{"filename": "rg.pdf"}},
		{`Attachment; FileName=meu rg.pdf`, "attachment", map[string]string{"filename": "meu rg.pdf"}},
		{`attachment; filename="a \"b\".pdf"`, "attachment", map[string]string{"filename": `a "b".pdf`}},
		{`attachment; filename="a;b.pdf"; size=10`, "attachment", map[string]string{"filename": "a;b.pdf", "size": "10"}},
		{`attachment; filename*=UTF-8''Procura%C3%A7%C3%A3o.pdf`, "attachment", map[string]string{"filename": "Procuração.pdf"}},
		{`attachment; filename*=iso-8859-1'pt-BR'declara%E7%E3o.pdf`, "attachment", map[string]string{"filename": "declaração.pdf"}},
		{"attachment; filename*0*=UTF-8''Nota%20; filename*1=Fiscal; filename*2*=%20n%C2%BA1.pdf", "attachment",
			map[string]string{"filename": "Nota Fiscal nº1.pdf"}},
		{`attachment; filename="=?UTF-8?B?ZGVjbGFyYcOnw6NvLnBkZg==?="`, "attachment", map[string]string{"filename": "declaração.pdf"}},
		{`attachment; filename=fatura.pdf; filename*=UTF-8''fatura%20nova.pdf`, "attachment", map[string]string{"filename": "fatura nova.pdf"}},
		{`multipart/mixed; boundary="----=_Part_1"`, "multipart/mixed", map[string]string{"boundary": "----=_Part_1"}},
		{`text/plain; charset=ISO-8859-1; format=flowed`, "text/plain", map[string]string{"charset": "ISO-8859-1", "format": "flowed"}},
		{``, "", map[string]string{}},
		{`attachment; filename="unterminated`, "attachment", map[string]string{"filename": "unterminated"}},
		{`attachment; filename*=UTF-8''bad%ZZ.pdf`, "attachment", map[string]string{"filename": "bad%ZZ.pdf"}},
	}
	for _, tt := range tests {
		head, params := parseParams(tt.in)
		if head != tt.head || !reflect.DeepEqual(params, tt.params) {
			t.Errorf("parseParams(%q) = %q %q, want %q %q", tt.in, head, params, tt.head, tt.params)
		}
	}
}

func TestDecodeQP(t *testing.T) {
	for in, want := range map[string]string{
		"ol=C3=A1 =\r\nmundo\r\n": "olá mundo\n",
		"a=3db=3D\r\n":            "a=b=\n",
		"preço =ZZ fim =\r\n":     "preço =ZZ fim ",
		"linha   \r\noutra":       "linha\noutra",
		"=":                       "",
		"a=\nb":                   "ab",
		"100=":                    "100",
	} {
		if got := string(decodeQP([]byte(in))); got != want {
			t.Errorf("decodeQP(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeBase64(t *testing.T) {
	for in, want := range map[string]string{
		"b2zDoQ==":             "olá",
		"b2zD\r\n oQ==\r\n":    "olá",
		"b2zDoQ":               "olá",
		"b2zDoQ==\r\n--lixo--": "olá",
		"b2zDoQ=\r\nlixo":      "olá",
		"!!!":                  "",
		"b":                    "",
	} {
		if got := string(decodeBase64([]byte(in))); got != want {
			t.Errorf("decodeBase64(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		raw, cs, want string
	}{
		{"olá\r\nmundo", "utf-8", "olá\nmundo"},
		{"\xef\xbb\xbfolá", "", "olá"},
		{"Vit\xf3ria", "iso-8859-1", "Vitória"},
		{"Vit\xf3ria", "latin1", "Vitória"},
		{"\x93fatura\x94 \x96 \x80", "iso-8859-1", "“fatura” – €"},
		{"\x93fatura\x94", "windows-1252", "“fatura”"},
		{"\x93fatura\x94", "cp1252", "“fatura”"},
		{"Vit\xf3ria", "", "Vitória"},
		{"Vit\xf3ria", "utf-8", "Vitória"},
		{"Vit\xf3ria", "x-desconhecido", "Vitória"},
		{"\"Vit\xf3ria\"", `"ISO-8859-1"`, "\"Vitória\""},
		{"S\xe3o", "ISO-8859-15", "São"},
	}
	for _, tt := range tests {
		if got := decodeText([]byte(tt.raw), tt.cs); got != tt.want {
			t.Errorf("decodeText(%q, %q) = %q, want %q", tt.raw, tt.cs, got, tt.want)
		}
	}
}

func TestDetectType(t *testing.T) {
	tests := map[string]string{
		"%PDF-1.7\n":                   TypePDF,
		"\xff\xd8\xff\xe0\x00\x10JFIF": TypeJPEG,
		"\x89PNG\r\n\x1a\n\x00\x00":    TypePNG,
		"MZ\x90\x00":                   TypeExecutable,
		"\x7fELF\x02":                  TypeExecutable,
		"PK\x03\x04":                   TypeZip,
		"":                             TypeEmpty,
		"texto simples":                "text/plain",
		"GIF89a":                       "image/gif",
		" %PDF-1.4":                    "text/plain",
		"<html><body>x</body></html>":  "text/html",
	}
	for in, want := range tests {
		if got := DetectType([]byte(in)); got != want {
			t.Errorf("DetectType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := map[string]string{
		"<p>NOME: Maria</p><p>CEP: 1</p>":         "NOME: Maria\nCEP: 1",
		"NOME: Maria<br>CEP:&nbsp;1<br/>RG: 2":    "NOME: Maria\nCEP: 1\nRG: 2",
		"<div>a</div><div><br></div><div>b</div>": "a\n\nb",
		"<table><tr><td>*CPF :</td><td>1</td><td>*RG :</td><td>2</td></tr><tr><td>x</td></tr></table>": "*CPF :\t1\t*RG :\t2\nx",
		"<head><title>t</title><style>p{}</style></head><script>x()</script>ok":                        "ok",
		"a   b\n\n c":                                         "a b c",
		"<pre>a   b\nc</pre>":                                 "a   b\nc",
		"<p>a</p>\n\n\n<p></p><p></p><p>b</p>":                "a\nb",
		"&lt;tag&gt; &amp; &ccedil;&atilde;o &#8220;x&#8221;": "<tag> & ção “x”",
		"<blockquote>NOME: antigo</blockquote>novo":           "> NOME: antigo\nnovo",
		"<b>neg</b>rito <i>it</i>":                            "negrito it",
		"<ul><li>um</li><li>dois</li></ul>":                   "um\ndois",
		"":                                                    "",
		"<p unclosed":                                         "",
	}
	for in, want := range tests {
		if got := HTMLToText(in); got != want {
			t.Errorf("HTMLToText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnflow(t *testing.T) {
	tests := []struct {
		in    string
		delsp bool
		want  string
	}{
		{"ENDEREÇO: Rua das Palmeiras, 100, apto 201, bloco B, \nCondomínio Jardim\nCEP: 1", false,
			"ENDEREÇO: Rua das Palmeiras, 100, apto 201, bloco B, Condomínio Jardim\nCEP: 1"},
		{"abc \ndef", true, "abcdef"},
		{" From here\n", false, "From here\n"},
		{"> citado \n> continua\nnovo", false, "> citado continua\nnovo"},
		{"-- \nassinatura", false, "-- \nassinatura"},
		{"a \n> b", false, "a \n> b"},
		{"fim ", false, "fim "},
	}
	for _, tt := range tests {
		if got := unflow(tt.in, tt.delsp); got != tt.want {
			t.Errorf("unflow(%q, %v) = %q, want %q", tt.in, tt.delsp, got, tt.want)
		}
	}
}
