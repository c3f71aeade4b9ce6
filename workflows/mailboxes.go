package workflows

// The agency's mailboxes (product §1). The names are the ones stored with each inbound
// message and used in workflow IDs.
const (
	// MailboxIntake receives new complaints (atendimento eletrônico, 004 §3.3.1.4).
	MailboxIntake = "atendimento"
	// MailboxProtocol receives petitions on running cases (004 §14.1).
	MailboxProtocol = "protocolo"
	// MailboxDebt receives waivers and installment requests (004 §15.3, §15.8).
	MailboxDebt = "divida_ativa"
)

// Mailboxes lists every mailbox the worker watches.
var Mailboxes = []string{MailboxIntake, MailboxProtocol, MailboxDebt}
