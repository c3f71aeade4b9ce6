// Package samples builds sample complaint e-mails as a consumer would send them: the
// published form in the body and the required documents attached. `procon-dev dev
// --seed-demo`, the end-to-end tests and the benchmarks send them.
package samples

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/wneessen/go-mail"
)

// Complaint describes one sample complaint.
type Complaint struct {
	From         string // consumer's e-mail address
	Name         string
	CPF          string // 11 digits; a valid one is derived from Seq when empty
	To           string // the intake mailbox
	SupplierName string
	SupplierCNPJ string // 14 digits
	Relato       string
	MessageID    string // empty: go-mail generates one
	Seq          int    // varies the generated data
}

// Message builds the e-mail.
func (c Complaint) Message() (*mail.Msg, error) {
	if c.CPF == "" {
		c.CPF = CPF(100000000 + c.Seq)
	}
	if c.Name == "" {
		c.Name = fmt.Sprintf("Maria Demonstração %d", c.Seq)
	}
	if c.SupplierName == "" {
		c.SupplierName = "Loja Exemplo Ltda"
	}
	if c.SupplierCNPJ == "" {
		c.SupplierCNPJ = "11222333000181"
	}
	if c.Relato == "" {
		c.Relato = "Comprei uma geladeira em 02/10/2026 (pedido 12345), paguei R$ 3.200,00 e o produto não foi entregue até hoje. Peço a entrega ou a devolução do valor."
	}
	m := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := m.FromFormat(c.Name, c.From); err != nil {
		return nil, err
	}
	if err := m.To(c.To); err != nil {
		return nil, err
	}
	if c.MessageID != "" {
		m.SetMessageIDWithValue(c.MessageID)
	} else {
		m.SetMessageID()
	}
	m.SetDate()
	m.Subject("Reclamação - atendimento eletrônico")
	m.SetBodyString(mail.TypeTextPlain, c.body())
	for _, name := range []string{"rg.pdf", "cpf.pdf", "fatura.pdf", "declaracao.pdf"} {
		if err := m.AttachReader(name, bytes.NewReader(PDF(strings.TrimSuffix(name, ".pdf"))), mail.WithFileContentType("application/pdf")); err != nil {
			return nil, err
		}
	}
	if err := m.AttachReader("selfie.png", bytes.NewReader(PNG()), mail.WithFileContentType("image/png")); err != nil {
		return nil, err
	}
	return m, nil
}

// Bytes renders the e-mail as RFC 5322 bytes.
func (c Complaint) Bytes() ([]byte, error) {
	m, err := c.Message()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (c Complaint) body() string {
	return fmt.Sprintf(`CAMPO I - CONSUMIDOR TITULAR DA RECLAMAÇÃO
*NOME: %s
*DATA DE NASC.: 15/03/1980
*CPF/CNPJ: %s
*RG: 1234567
*ENDEREÇO: Rua Sete de Setembro, 100
*BAIRRO: Centro
*CIDADE: Vitória
*ESTADO: ES
*CEP: 29015-000
*TEL. 1: (27) 99999-0001
*TEL. 2: (27) 3333-0002
E-MAIL: %s

FORNECEDOR 1
*NOME: %s
*CPF/CNPJ: %s
*ENDEREÇO: Avenida Beira Mar, 500
*CIDADE: Vitória
*ESTADO: ES
*CEP: 29010-000

RELATO
%s
`, c.Name, c.CPF, c.From, c.SupplierName, c.SupplierCNPJ, c.Relato)
}

// CPF returns a valid CPF (11 digits) built from the last nine digits of n. Nine equal
// digits (never valid) are avoided by taking the next number.
func CPF(n int) string {
	base := fmt.Sprintf("%09d", n%1000000000)
	if strings.Count(base, base[:1]) == 9 {
		base = fmt.Sprintf("%09d", (n+1)%1000000000)
	}
	d := []int{}
	for _, r := range base {
		d = append(d, int(r-'0'))
	}
	for _, weight := range []int{10, 11} {
		sum := 0
		for i, w := 0, weight; w >= 2; i, w = i+1, w-1 {
			sum += d[i] * w
		}
		r := sum * 10 % 11
		if r == 10 {
			r = 0
		}
		d = append(d, r)
	}
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// PDF returns a small valid PDF document with one line of text.
func PDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// PNG returns a small PNG image (the sample selfie).
func PNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{R: uint8(x * 30), G: uint8(y * 30), B: 128, A: 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
