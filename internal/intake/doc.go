// Package intake turns a raw intake e-mail into a validated complaint form
// (004 §3.3.1, Annexes V–X; product §2; issue 4), with no server and no
// database. It is what `procon intake check < message.eml` runs, and what
// the intake worker runs on every message of the atendimento eletrônico
// mailbox. It never logs, so no CPF or RG reaches a log.
//
// # Entry points
//
//   - [Check] parses and validates one message and returns a [Report].
//   - [CancellationReply] composes the Portuguese reply that cancels an
//     invalid atendimento (004 §3.3.1.5), listing every problem and ending
//     with [FormTemplate].
//   - [FormTemplate] is the form published in the README and in replies.
//
// Generic MIME parsing lives in internal/mailmsg ([mailmsg.ParseMessage]),
// shared with the petition router.
//
// # JSON interface
//
// A Report marshals to exactly
//
//	{"valid": bool, "form": {...}, "documents": [...], "problems": [...]}
//
// with valid ⇔ problems is empty, and documents and problems always arrays.
//
//	form: {
//	  "consumer": {"name", "birth_date", "cpf_cnpj", "rg", "address", "bairro",
//	               "city", "state", "cep", "phone1", "phone2", "email", "priority"},
//	  "representative": null | {"kind", "name", "cpf_cnpj", "rg", "issuer", "uf", "oab",
//	               "address", "bairro", "city", "state", "cep", "phone1", "phone2", "email"},
//	  "suppliers": [{"name", "cpf_cnpj", "address", "bairro", "city", "state", "cep",
//	               "phone1", "phone2", "email"}],
//	  "relato": "..."
//	}
//	documents: [{"kind", "filename", "content_type", "size"}]
//	problems:  [{"code", "field", "message"}]
//
// Every form value is a string, "" when absent. Valid values are
// normalised: CPF/CNPJ and RG without punctuation (CNPJ letters and RG
// letters upper-cased), CEP as 8 digits, state and UF as the two-letter
// code (a state's full name is accepted), birth date as YYYY-MM-DD, phones
// as DDD + number digits (10 or 11), e-mail lower-cased, OAB as
// "12345/ES", issuer upper-cased. An invalid value is kept as typed
// (trimmed) so staff can see it. "representative" is null unless the
// consumer is represented: CAMPO II has any value, or "(X) Sim" answers
// "Você está sendo representado por um procurador?". "kind" is
// "advogado", "familiar", "outro" or "".
//
// "priority" is a priority-attendance code (003): "" or
// one of idoso_80, idoso, pessoa_com_deficiencia, gestante, lactante,
// crianca_de_colo, obesidade, tea, outra. It comes from the optional
// PRIORIDADE line and, for a consumer identified by CPF, from the age on
// the day of the check (≥ 60 idoso, ≥ 80 idoso_80). It never yields a
// problem.
//
// # Problem codes and fields
//
// Codes ([Code]): missing_field, invalid_field, missing_document,
// attachment_not_allowed, attachment_too_large, unreadable_message.
//
// Fields are dotted names; supplier indexes are 0-based, in the order the
// FORNECEDOR blocks appear (the Portuguese message counts from 1:
// suppliers[0] is "fornecedor nº 1"):
//
//	consumer.name  consumer.birth_date  consumer.cpf_cnpj  consumer.rg
//	consumer.address  consumer.bairro  consumer.city  consumer.state
//	consumer.cep  consumer.phone1  consumer.phone2  consumer.email
//	representative.name  representative.cpf_cnpj  representative.rg
//	representative.issuer  representative.uf  representative.oab
//	representative.address  representative.bairro  representative.city
//	representative.state  representative.cep  representative.phone1
//	representative.phone2  representative.email
//	suppliers             (no supplier at all)
//	suppliers[i].name  suppliers[i].cpf_cnpj  suppliers[i].address
//	suppliers[i].bairro  suppliers[i].city  suppliers[i].state
//	suppliers[i].cep  suppliers[i].phone1  suppliers[i].phone2
//	suppliers[i].email
//	relato
//	documents.rg  documents.cpf  documents.selfie  documents.comprovante
//	documents.declaracao  documents.procuracao
//	documents.other       (a refused attachment whose name has no keyword)
//	message               (unreadable message, or message over the size limit)
//
// Mandatory (product §2): every consumer field but e-mail and priority; when
// represented, every representative field but e-mail, and the OAB number
// only when the procurador is a lawyer (kind "advogado"; a filled OAB
// implies it); at least one supplier, each with name, CPF/CNPJ, address,
// city, state and CEP (bairro, phones and e-mail optional but validated
// when filled); the relato. An invalid value is invalid_field, never also
// missing_field (product §2: it counts as missing).
//
// Checks: CPF and CNPJ check digits (github.com/paemuri/brdoc; the
// alphanumeric CNPJ issued from July 2026 is checked here too); the
// procurador's document must be a CPF; CEP 8 digits, formatted or not, not
// below 01000-000; UF one of the 27; dates DD/MM/AAAA (also with "-" or
// ".", or AAAA-MM-DD), real, not after today in Brasília, not before 1900;
// phones DDD (one in use) + 9-digit mobile starting with 9 or 8-digit
// landline starting with 2–5, optional +55 or trunk 0; e-mail an addr-spec
// with a dotted domain; RG 4–16 letters/digits with at least 3 digits; OAB
// 1–7 digits with an optional seccional; names, address, bairro and city
// with at least two letters.
//
// Messages are Brazilian Portuguese, name the field as the form labels it
// ("CEP do consumidor (CAMPO I)") and never repeat a CPF, CNPJ or RG.
// Problems come in a fixed order: consumer, representative, suppliers,
// relato, refused attachments (in message order), missing documents.
//
// # The form in the body
//
// The consumer types the form of Annexes V–VII in the body as "LABEL:
// value" lines. Labels match regardless of case, accents, spacing, a
// leading "*", and a parenthesised hint ("N° OAB (se for advogado):");
// common variants are accepted (labelAliases in labels.go: "DATA DE NASCIMENTO",
// "TELEFONE", "CNPJ", "ÓRGÃO EXPEDIDOR"…). One line may hold several
// labels, as the two-column published form does ("*CPF/CNPJ : 123 *RG :
// 456"). A value with no letter or digit ("( )", "___") is empty.
//
// Sections start at header lines: CAMPO I (consumer; also the default
// before any header), CAMPO II or "PROCURADOR (se houver)" (procurador),
// FORNECEDOR, "FORNECEDOR 2", "ANEXO VII" or "Dados do(s) fornecedor(es)"
// (one more supplier each; inside a supplier section a repeated field or a
// new NOME also starts the next supplier, as Annex VII repeats its block),
// RELATO (free text up to the next section header, the "-- " signature
// line or the end; "RELATO: text" starts it on the same line), DOCUMENTOS
// (ignored, so the template's document list is not read as data).
// Quoted lines ("> …") and the "Em …, X escreveu:" line before them are
// ignored, unless only the quoted text holds a form (an inline forward).
// HTML-only bodies are converted to text first (tables keep their rows on
// one line). When a forwarded message (message/rfc822) is attached, the
// body with the most labels holds the form; attachments of every level
// count as documents.
//
// PRIORIDADE is an optional extra line of CAMPO I (see "priority" above).
// "TIPO DE PROCURADOR:" (or the Annex V checkbox line "Este procurador é:
// ( ) Advogado (X) Familiar ( ) Outro") gives the procurador's kind.
//
// # Documents
//
// Attachments are recognised by keywords in the file name, folded (case
// and accents ignored) and split into words ([DocumentKeywords]):
//
//	rg           rg, identidade, cin
//	cpf          cpf
//	selfie       selfie, selfi
//	comprovante  comprovante, fatura, contrato, nota fiscal, nf, boleto, recibo, cupom
//	declaracao   declaracao (declaração)
//	procuracao   procuracao (procuração), mandatory only when represented
//
// One file provides one kind, by precedence selfie > procuração >
// declaração > RG/CPF > comprovante ("selfie_com_rg.jpg" is the selfie,
// "comprovante_cpf.pdf" the CPF); the exception is a name with both RG and
// CPF keywords ("rg_e_cpf.pdf"), which provides both, since one scan of
// the ID card, which carries the CPF, is the usual way to send them. See
// classifyName in documents.go.
//
// The type is checked by content ([mailmsg.DetectType]), never by the name:
// every document must be a PDF ("%PDF-" magic), except the selfie, which
// may also be JPEG or PNG. A recognised file of another type is
// attachment_not_allowed on documents.<kind>; a file with no keyword is
// kept as kind "other" when it is a PDF, JPEG or PNG and refused on
// documents.other otherwise (executables, ZIP/DOCX…). A refused file still
// counts as sent for its kind, so the consumer is told once what to fix
// (no missing_document on top). Ignored altogether: inline images without
// a keyword (logos, signatures), text parts without a keyword (e.g.
// Outlook's ATT00001.htm), S/MIME and PGP signatures, TNEF.
//
// # Limits
//
// [Options.Limits] (defaults of [mailmsg.DefaultLimits]): 25 MiB per
// message, 10 MiB per decoded attachment, 16 levels of nesting, 500 MIME
// parts. An attachment over the limit is attachment_too_large on its
// documents.<kind> field, naming the file, its size and the limit; a
// message over the limit is not parsed and gets one attachment_too_large
// on "message". Input that is not an e-mail at all gets one
// unreadable_message on "message".
package intake
