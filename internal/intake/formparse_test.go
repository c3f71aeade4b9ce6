package intake

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/prazo"
)

func TestSplitLabels(t *testing.T) {
	tests := []struct {
		line string
		want []labelValue
	}{
		{"NOME: Maria", []labelValue{{keyName, "Maria"}}},
		{"*NOME :\tMaria da Silva", []labelValue{{keyName, "Maria da Silva"}}},
		{"nome:maria", []labelValue{{keyName, "maria"}}},
		{"Endereço: Rua A, 10", []labelValue{{keyAddress, "Rua A, 10"}}},
		{"ENDERECO: Rua A", []labelValue{{keyAddress, "Rua A"}}},
		{"*CPF/CNPJ : 123 *RG : 456", []labelValue{{keyCPFCNPJ, "123"}, {keyRG, "456"}}},
		{"*CPF/CNPJ :\t*RG :", []labelValue{{keyCPFCNPJ, ""}, {keyRG, ""}}},
		{"*RG: 1\t*Org. Exp: SSP\t*UF: ES", []labelValue{{keyRG, "1"}, {keyIssuer, "SSP"}, {keyUF, "ES"}}},
		{"*N° OAB (se for advogado): 12345", []labelValue{{keyOAB, "12345"}}},
		{"Nº OAB: 12345", []labelValue{{keyOAB, "12345"}}},
		{"*TEL. 1: ( )\t*TEL. 2: ( )", []labelValue{{keyPhone1, ""}, {keyPhone2, ""}}},
		{"*TEL.1: (27) 3322-1100 *TEL.2: 27 99999-0000", []labelValue{{keyPhone1, "(27) 3322-1100"}, {keyPhone2, "27 99999-0000"}}},
		{"Telefone: 27 3322-1100", []labelValue{{keyPhone, "27 3322-1100"}}},
		{"E-MAIL: a@b.com", []labelValue{{keyEmail, "a@b.com"}}},
		{"DATA DE NASCIMENTO: 01/02/1990", []labelValue{{keyBirth, "01/02/1990"}}},
		{"Data de nasc.: 01/02/1990", []labelValue{{keyBirth, "01/02/1990"}}},
		{"1. NOME: Maria", []labelValue{{keyName, "Maria"}}},
		{"- CEP: 29000-000", []labelValue{{keyCEP, "29000-000"}}},
		{"ENDEREÇO: Rua A, 10 - Bairro: Centro", []labelValue{{keyAddress, "Rua A, 10"}, {keyBairro, "Centro"}}},
		{"Horário: 10:30", nil},
		{"Meu nome: Maria", nil},
		{"Liguei às 10:30 para o SAC", nil},
		{"sem dois-pontos", nil},
		{"PRIORIDADE: idoso", []labelValue{{keyPriority, "idoso"}}},
		{"Este procurador é: ( ) Advogado (X) Familiar ( )", []labelValue{{keyKind, "( ) Advogado (X) Familiar ( )"}}},
		{"CEP: ___", []labelValue{{keyCEP, ""}}},
		{"ORGÃO EXPEDIDOR: SSP/ES", []labelValue{{keyIssuer, "SSP/ES"}}},
	}
	for _, tt := range tests {
		if got := splitLabels(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitLabels(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		line     string
		inRelato bool
		sec      section
		rest     string
		ok       bool
	}{
		{"CAMPO I", false, secConsumer, "", true},
		{"### CAMPO I - CONSUMIDOR", false, secConsumer, "", true},
		{"Campo II", false, secRepresentative, "", true},
		{"CAMPO II - PROCURADOR (somente se houver)", false, secRepresentative, "", true},
		{"PROCURADOR (se houver):", false, secRepresentative, "", true},
		{"FORNECEDOR", false, secSupplier, "", true},
		{"Fornecedor 2:", false, secSupplier, "", true},
		{"FORNECEDOR 1 - EMPRESA RECLAMADA", false, secSupplier, "", true},
		{"Dados do (s) FORNECEDOR (res) contra o qual deseja registrar a reclamação:", false, secSupplier, "", true},
		{"ANEXO VII", false, secSupplier, "", true},
		{"RELATO", false, secRelato, "", true},
		{"Relato:", false, secRelato, "", true},
		{"RELATO: O produto quebrou.", false, secRelato, "O produto quebrou.", true},
		{"Relato dos fatos - comprei em 10/10", false, secRelato, "comprei em 10/10", true},
		{"RELATO (descreva abaixo: datas, valores)", false, secRelato, "", true},
		{"Relato que comprei uma TV", false, 0, "", false},
		{"DOCUMENTOS OBRIGATÓRIOS", false, secIgnore, "", true},
		{"Documentos", false, secIgnore, "", true},
		{"Documentos anexados ao e-mail", false, 0, "", false},
		{"ANEXO IX", false, secIgnore, "", true},
		{"Anexo os documentos pedidos", false, 0, "", false},
		// Inside the relato only unambiguous headers count.
		{"Fornecedor não respondeu", true, 0, "", false},
		{"Procurador", true, 0, "", false},
		{"Dados do fornecedor estão abaixo", true, 0, "", false},
		{"FORNECEDOR 2 - LOJA", true, secSupplier, "", true},
		{"CAMPO I", true, secConsumer, "", true},
		{"NOME: Maria", false, 0, "", false},
	}
	for _, tt := range tests {
		sec, rest, ok := header(tt.line, tt.inRelato)
		if ok != tt.ok || (ok && (sec != tt.sec || rest != tt.rest)) {
			t.Errorf("header(%q, %v) = %v %q %v, want %v %q %v", tt.line, tt.inRelato, sec, rest, ok, tt.sec, tt.rest, tt.ok)
		}
	}
}

// TestRepresentedQuestion: a "Sim" to the Annex V question makes CAMPO II
// mandatory even when it is empty (004 §3.3.1.3).
func TestRepresentedQuestion_004_3_3_1_3(t *testing.T) {
	body := "Você está sendo representado por um procurador? (X) Sim ( ) Não\nEste procurador é: ( ) Advogado ( ) Familiar (x) Outro\n"
	f := parseForm(body)
	if f.represented != "sim" || !f.isRepresented() || f.rep[keyKind] != "outro" {
		t.Fatalf("represented=%q kind=%q", f.represented, f.rep[keyKind])
	}
	v := &validator{now: corpusNow}
	form := v.form(f)
	if form.Representative == nil {
		t.Fatal("representative nil")
	}
	var fields []string
	for _, p := range v.problems {
		if strings.HasPrefix(p.Field, "representative.") {
			fields = append(fields, p.Field)
		}
	}
	if len(fields) != 12 { // every mandatory field but the OAB (not a lawyer)
		t.Errorf("representative problems = %q", fields)
	}

	f = parseForm("Você está sendo representado por um procurador? ( ) Sim (X) Não\n")
	if f.represented != "nao" || f.isRepresented() {
		t.Errorf("Não read as %q", f.represented)
	}
}

func TestKindOf(t *testing.T) {
	for in, want := range map[string]string{
		"advogado": "advogado", "Advogada": "advogado", "( ) Advogado (X) Familiar ( )": "familiar",
		"(x) Advogado": "advogado", "( ) Advogado ( ) Familiar ( )": "", "filho": "outro", "": "",
	} {
		if got := kindOf(in); got != want {
			t.Errorf("kindOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSupplierBlocksWithoutHeaders: Annex VII repeats its block, so a second
// NOME starts the second supplier.
func TestSupplierBlocksWithoutHeaders(t *testing.T) {
	f := parseForm("FORNECEDOR\nNOME: A\nCNPJ: 1\nNOME: B\nCNPJ: 2\nCEP: 3\nCEP: 4\n")
	want := []rawPerson{{keyName: "A", keyCPFCNPJ: "1"}, {keyName: "B", keyCPFCNPJ: "2", keyCEP: "3"}, {keyCEP: "4"}}
	if !reflect.DeepEqual(f.suppliers, want) {
		t.Errorf("suppliers = %v", f.suppliers)
	}
}

func TestFirstValueWins(t *testing.T) {
	f := parseForm("NOME: Maria\nNOME: Outra\nTEL: 1\nTEL: 2\nTEL: 3\n")
	if f.consumer[keyName] != "Maria" || f.consumer[keyPhone1] != "1" || f.consumer[keyPhone2] != "2" {
		t.Errorf("consumer = %v", f.consumer)
	}
}

// TestQuotedFormIsRead: a complaint forwarded inline with "> " quoting is
// still read when nothing outside the quote is a form.
func TestQuotedFormIsRead(t *testing.T) {
	f := parseForm("Segue a reclamação da minha mãe.\n\n> NOME: Maria\n> CEP: 29000-000\n>> RELATO\n>> Texto.\n")
	if f.consumer[keyName] != "Maria" || f.relatoText() != "Texto." {
		t.Errorf("consumer=%v relato=%q", f.consumer, f.relatoText())
	}
}

// TestIgnoredSectionResumes: "Documentos" typed before the form does not
// swallow it, and the signature ends the reading.
func TestIgnoredSectionResumes(t *testing.T) {
	f := parseForm("Documentos\nsegue em anexo\nNOME: Maria\nCEP: 1\n-- \nTel: (27) 99999-0000\n")
	if f.consumer[keyName] != "Maria" || f.consumer[keyCEP] != "1" || f.consumer[keyPhone1] != "" {
		t.Errorf("consumer = %v", f.consumer)
	}
	f = parseForm("FORNECEDOR\nNOME: Loja\nDOCUMENTOS ANEXOS\nrg.pdf\nCEP: 29000-000\n")
	if len(f.suppliers) != 1 || f.suppliers[0][keyCEP] != "29000-000" {
		t.Errorf("suppliers = %v", f.suppliers)
	}
}

func TestRelatoText(t *testing.T) {
	f := parseForm("RELATO\n\n\nLinha 1\n\n\n\nLinha 2\n   \n")
	if got := f.relatoText(); got != "Linha 1\n\nLinha 2" {
		t.Errorf("relato = %q", got)
	}
	if got := parseForm("RELATO\n...\n---\n").relatoText(); got != "" {
		t.Errorf("punctuation-only relato = %q", got)
	}
}

func TestPriority_003_PrioridadesDeAtendimento(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, prazo.AgencyZone)
	tests := []struct {
		declared, birth string
		person          bool
		want            string
	}{
		{"", "1985-04-15", true, ""},
		{"não", "1985-04-15", true, ""},
		{"Nenhuma", "1985-04-15", true, ""},
		{"gestante", "1990-01-01", true, PriorityGestante},
		{"Pessoa com deficiência", "1990-01-01", true, PriorityDeficiencia},
		{"PcD", "", true, PriorityDeficiencia},
		{"TEA", "", true, PriorityTEA},
		{"criança de colo", "", true, PriorityCriancaColo},
		{"idoso", "", true, PriorityIdoso},
		{"idoso acima de 80", "", true, PriorityIdoso80},
		{"fibromialgia", "", true, PriorityOutra},
		{"", "1960-01-01", true, PriorityIdoso},
		{"", "1966-11-23", true, PriorityIdoso}, // 60 today
		{"", "1966-11-24", true, ""},            // 60 tomorrow
		{"gestante", "1940-01-01", true, PriorityIdoso80},
		{"", "1940-01-01", false, ""}, // a CNPJ's date is not an age
	}
	for _, tt := range tests {
		if got := priorityOf(tt.declared, tt.birth, tt.person, now); got != tt.want {
			t.Errorf("priorityOf(%q, %q, %v) = %q, want %q", tt.declared, tt.birth, tt.person, got, tt.want)
		}
	}
}
