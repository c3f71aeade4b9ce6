// Package workflows holds the Temporal workflows of the agency: one file per workflow.
// Workflow code is deterministic: time comes from workflow.Now, randomness and I/O
// only through activities, and every change to the commands a running workflow issues
// is guarded by workflow.GetVersion, with replay tests over recorded histories.
package workflows
