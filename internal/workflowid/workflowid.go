// Package workflowid holds every Temporal workflow ID of the system, in one place. Each
// is derived from the business key of what the workflow runs, so that starting it twice
// starts one workflow, and anyone holding the key (an NA, a collective process's number,
// a stored message) finds it without a lookup.
package workflowid

import "fmt"

// Complaint is the ID of a case's lifecycle workflow, from its NA.
func Complaint(na string) string { return "complaint/" + na }

// Fine is the ID of the fine of a case judged with one (a child of its Complaint).
func Fine(na string) string { return "multa/" + na }

// InstallmentPlan is the ID of the installment plan of a case's fine (a child of its Fine).
func InstallmentPlan(na string) string { return "parcelamento/" + na }

// Collective is the ID of a collective process of continued practice, from its number.
func Collective(number string) string { return "coletivo/" + number }

// InboundMail is the ID of the workflow that handles one stored message of a mailbox:
// one per message, so a second delivery of the same message starts nothing.
func InboundMail(mailbox string, inboundID int64) string {
	return fmt.Sprintf("inbound/%s/%d", mailbox, inboundID)
}
