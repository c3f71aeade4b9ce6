// Package workflows holds the Temporal workflows of the agency, one per file:
// Complaint (the lifecycle of a case), InboundMail (one message of a mailbox), Fine (a
// fine, from its notification to its payment or Dívida Ativa), InstallmentPlan (a fine
// paid in installments) and CollectiveProcess (cases of continued practice judged
// together).
//
// Complaint shows the whole lifecycle in one loop (complaint.go): each phase is a method
// that returns the phase that comes next, and keeps its state in a small struct declared
// in its own file (registrationState in registration.go, preliminaryState in
// preliminary.go, processState in process.go…). docs/lifecycle.md draws it.
//
// The fine runs as a child workflow because it is a process of its own: it has its own
// parties' petitions (appeal, waiver, installments), its own staff decisions (second
// instance, court orders, payments) and a history that may run for years of
// installments; as a child its history stays apart from the case's and bounded. The
// processo administrativo stays in the Complaint: it shares the case's parties, its
// running deadline, its petitions and its timeline with the phases before it, and
// lasts months, not years, so a child would only add signals forwarded both ways with
// nothing gained in history size.
//
// Workflow code is deterministic: time comes from workflow.Now, randomness and I/O
// only through activities, maps are never iterated to issue commands. From the release
// baseline on, every change to the commands a running workflow issues is guarded by
// workflow.GetVersion, with replay tests over recorded histories (README, "Upgrading").
package workflows
