package activities_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// loja is the supplier of the sample complaints, with an address on record.
var loja = activities.CIPParty{Doc: "11222333000181", Name: "Loja Exemplo Ltda", Email: "juridico@loja.example"}

// attachedPDF returns the PDF a sent message carries.
func attachedPDF(t *testing.T, raw []byte) []byte {
	t.Helper()
	m, err := mailmsg.ParseMessage(raw, mailmsg.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range m.Attachments {
		if a.DetectedType == mailmsg.TypePDF {
			return a.Content
		}
	}
	t.Fatal("no PDF attached")
	return nil
}

// 004 §8.15: the defense notification is kept with the case once and e-mailed once, with
// the same PDF, whatever the retries; it names the case, the supplier and the due date.
func TestDefenseNoticeIsKeptAndSentOnce_004_8_15(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	n := activities.DefenseNotice{NA: na, Party: loja, Origin: "reclamação do consumidor (item 7.2, I)",
		IssuedOn: prazo.MustParseDate("2026-04-08")}
	var err error
	n.Due.Result, err = prazo.NewVitoriaES().Compute(prazo.Defense.Request(n.IssuedOn))
	if err != nil {
		t.Fatal(err)
	}
	n.Due.Sentence = n.Due.Result.Sentence()
	for range 2 {
		if _, err := f.env.ExecuteActivity(f.acts.SendDefenseNotice, n); err != nil {
			t.Fatal(err)
		}
	}
	sent := f.sink.received()
	if len(sent) != 1 || sent[0].To[0] != loja.Email {
		t.Fatalf("sent %d messages (%+v), want one to the supplier", len(sent), sent)
	}
	pdf := attachedPDF(t, sent[0].Data)
	for _, want := range []string{na, "Loja Exemplo Ltda", "28/04/2026", "DEFESA"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("the notification does not say %q", want)
		}
	}
	docs, err := f.st.Documents(context.Background(), na)
	if err != nil || len(docs) != 1 || docs[0].Kind != "notificacao_defesa" {
		t.Fatalf("documents %+v (%v), want the notification once", docs, err)
	}
	kept, err := f.st.DocumentOf(context.Background(), na, docs[0].ID)
	if err != nil || !bytes.Equal(kept.Data, pdf) {
		t.Errorf("the kept notification differs from the one sent (%v)", err)
	}
}

// 004 §4.2.1 II–III, §8.15: for a supplier without an address the notification is kept
// for staff to deliver, and nothing is sent.
func TestDefenseNoticeWithoutAddressIsKeptOnly(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 4)
	n := activities.DefenseNotice{NA: na, Party: activities.CIPParty{Doc: loja.Doc, Name: loja.Name}, IssuedOn: prazo.MustParseDate("2026-04-08")}
	v, err := f.env.ExecuteActivity(f.acts.SendDefenseNotice, n)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if err := v.Get(&id); err != nil || id != "" {
		t.Errorf("Message-ID %q (%v), want none", id, err)
	}
	if len(f.sink.received()) != 0 {
		t.Error("a notification was sent to nobody")
	}
	if n := f.count(t, `SELECT count(*) FROM case_documents WHERE na = $1`, na); n != 1 {
		t.Errorf("%d documents kept, want the notification", n)
	}
}

// 004 §5.6: the Termo de Audiência is kept with the case and a copy goes to each party
// with an address; for an agreement it gives the terms and the compliance date.
func TestHearingRecordGoesToEachParty_004_5_6(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 2)
	h := activities.HearingRecord{NA: na, Number: 1, HeldOn: prazo.MustParseDate("2026-04-20"), Method: "conciliacao",
		Outcome: "acordo", Terms: "Entrega da geladeira.", Deadline: prazo.MustParseDate("2026-05-20"),
		By: "Atendente (servidor 7)", Suppliers: []activities.CIPParty{loja}}
	if _, err := f.env.ExecuteActivity(f.acts.IssueHearingRecord, h); err != nil {
		t.Fatal(err)
	}
	if _, err := f.env.ExecuteActivity(f.acts.IssueHearingRecord, h); err != nil {
		t.Fatal(err)
	}
	sent := f.sink.received()
	if len(sent) != 2 {
		t.Fatalf("sent %d copies, want one per party", len(sent))
	}
	var to []string
	for _, m := range sent {
		to = append(to, m.To[0])
		if pdf := attachedPDF(t, m.Data); !bytes.Contains(pdf, []byte("20/05/2026")) || !bytes.Contains(pdf, []byte("Entrega da geladeira.")) {
			t.Errorf("the Termo to %s lacks the terms or the date", m.To[0])
		}
	}
	if to[0] != "consumidor2@example.com" || to[1] != loja.Email {
		t.Errorf("copies to %v", to)
	}
	if n := f.count(t, `SELECT count(*) FROM case_documents WHERE na = $1 AND kind = 'termo_audiencia'`, na); n != 1 {
		t.Errorf("%d Termos kept, want 1", n)
	}
}

// 004 §6.8: a classification is written once per supplier, with its subject on the case.
func TestClassificationIsRecordedPerSupplier_004_6_8(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 3)
	c := activities.Classification{NA: na, Classification: store.FundamentadaNaoAtendida, Subject: "produto_nao_entregue",
		On: prazo.MustParseDate("2026-05-06"), By: "Gerente", Suppliers: []activities.CIPParty{loja, {Doc: "33000167000101", Name: "Banco"}}}
	for range 2 {
		if _, err := f.env.ExecuteActivity(f.acts.RecordClassification, c); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM cadastro_entries WHERE na = $1 AND classification = 'fundamentada_nao_atendida'`, na); n != 2 {
		t.Errorf("%d entries, want one per supplier", n)
	}
	if n := f.count(t, `SELECT count(*) FROM cases WHERE na = $1 AND subject = 'produto_nao_entregue'`, na); n != 1 {
		t.Error("the subject is not on the case")
	}
}
