package prazo

import (
	"errors"
	"testing"
)

// The legal periods, restated from the norm (004) independently of
// periods.go.
func TestPeriods_004(t *testing.T) {
	cases := []struct {
		p      Period
		id     string
		q      int
		unit   Unit
		source string
	}{
		{IntakeRegistration, "registro_atendimento", 20, DiasCorridos, "004 §3.3.1.6"},
		{CIPAnswer, "resposta_cip", 20, DiasCorridos, "004 §4.3.1"},
		{ConsumerReturn, "retorno_consumidor", 90, DiasCorridos, "004 §4.3.7"},
		{ExOfficioAnswer, "resposta_notificacao_oficio", 20, DiasCorridos, "004 §8.13"},
		{Defense, "defesa", 20, DiasCorridos, "004 §8.15"},
		{FinePayment, "pagamento_multa", 10, DiasCorridos, "004 §8.18"},
		{Appeal, "recurso", 10, DiasUteis, "004 §10.1, §13.2"},
		{PaymentAfterSecondInstance, "pagamento_segunda_instancia", 30, DiasCorridos, "004 §10.4"},
		{PaymentAfterWaiver, "pagamento_renuncia", 30, DiasCorridos, "004 §15.2.1"},
		{FineComplement, "complementacao_multa", 10, DiasCorridos, "004 §11.4, §8.18"},
		{InstallmentGrace, "tolerancia_parcela", 15, DiasCorridos, "004 §15.9"},
		{CadastroCorrectionRequest, "pedido_retificacao_cadastro", 5, DiasCorridos, "004 §6.10"},
		{CadastroCorrectionDecision, "decisao_retificacao_cadastro", 10, DiasUteis, "004 §6.10"},
		{NoManifestationArchive, "arquivamento_sem_manifestacao", 120, DiasCorridos, "004 Anexo IX, V"},
	}
	if len(Periods()) != len(cases) {
		t.Errorf("Periods() has %d periods, want %d", len(Periods()), len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.source+" "+tc.id, func(t *testing.T) {
			if tc.p.ID != tc.id || tc.p.Quantity != tc.q || tc.p.Unit != tc.unit || tc.p.Source != tc.source {
				t.Errorf("got %+v", tc.p)
			}
			if tc.p.Name == "" || tc.p.Event == "" {
				t.Errorf("name/event missing: %+v", tc.p)
			}
			got, ok := PeriodByID(tc.id)
			if !ok || got != tc.p {
				t.Errorf("PeriodByID(%q) = %+v, %v", tc.id, got, ok)
			}
			req := tc.p.Request(d("2026-03-02"))
			if req.Quantity != tc.q || req.Unit != tc.unit || req.Source != tc.source || req.Name != tc.p.Name {
				t.Errorf("Request = %+v", req)
			}
		})
	}
	if _, ok := PeriodByID("inexistente"); ok {
		t.Error("PeriodByID of an unknown ID")
	}
}

func TestParseUnit(t *testing.T) {
	for in, want := range map[string]Unit{"": DiasCorridos, "dias_corridos": DiasCorridos, "dias_uteis": DiasUteis, "meses": Meses, "anos": Anos} {
		if got, err := ParseUnit(in); err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"dias", "Dias_Corridos", "semanas", "dias úteis"} {
		if _, err := ParseUnit(in); !errors.Is(err, ErrInvalidUnit) {
			t.Errorf("ParseUnit(%q) err = %v", in, err)
		}
	}
}
