package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// Options size a bench run.
type Options struct {
	// N complaints through the intake; Storm of them then get lapsed CIPs.
	N, Storm int
	// Parked open cases, and the API load over them: Clients for Duration per kind.
	Parked   int
	Clients  int
	Duration time.Duration
	// Histories is the folder of the recorded histories (workflows/testdata).
	Histories string
	// Exe is the procon binary the worker runs; Dir the folder for the stack.
	Exe, Dir string
}

// Run starts a stack, measures it and prints the results as Markdown tables to out.
// Progress goes to progress.
func Run(ctx context.Context, opt Options, out, progress io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(progress, "bench: "+format+"\n", args...) }
	say("starting the stack in %s", opt.Dir)
	s, err := Start(ctx, opt.Dir, opt.Exe)
	if err != nil {
		return err
	}
	defer s.Close()
	host, _ := os.Hostname()
	fmt.Fprintf(out, "## procon-dev bench, %s\n\n", time.Now().Format("2006-01-02 15:04"))
	fmt.Fprintf(out, "Machine: %s, %s/%s, %d CPUs, %s. Mail servers: %s. Temporal: in process, SQLite file. PostgreSQL: own cluster, fsync on.\n\n",
		host, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), s.MailServers)

	say("intake: %d complaints", opt.N)
	in, err := s.Intake(ctx, opt.N)
	if err != nil {
		return fmt.Errorf("intake: %w", err)
	}
	cost, err := s.IntakeCost(ctx, in.NAs)
	if err != nil {
		return fmt.Errorf("cost: %w", err)
	}
	say("minimal workflow: %d × %d activities", opt.N, cost.Activities)
	minimal, err := s.Minimal(ctx, opt.N, cost.Activities)
	if err != nil {
		return fmt.Errorf("minimal: %w", err)
	}
	minimalRate := float64(opt.N) / minimal.Seconds()
	fmt.Fprintf(out, "### Intake throughput\n\n| measure | value |\n|---|---|\n")
	fmt.Fprintf(out, "| complaints e-mailed → NA, workflow running, receipt out | %d in %s: **%.1f/s** |\n", in.N, in.Elapsed.Round(time.Millisecond), in.PerSecond())
	fmt.Fprintf(out, "| minimal workflow, %d no-op activities each (same server) | %d in %s: **%.1f/s** |\n", cost.Activities, opt.N, minimal.Round(time.Millisecond), minimalRate)
	fmt.Fprintf(out, "| ratio ours / minimal | **%.2f** |\n\n", in.PerSecond()/minimalRate)

	bytes, err := s.BytesPerCase(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "### Cost per case\n\n| path | history events | billable actions | activities |\n|---|---|---|---|\n")
	fmt.Fprintf(out, "| intake to first wait (InboundMail + Complaint, measured, mean) | %d | %d | %d |\n", cost.Events, cost.Actions, cost.Activities)
	if paths, err := RecordedPathCosts(opt.Histories); err == nil {
		for _, p := range paths {
			fmt.Fprintf(out, "| Complaint `%s` (recorded history) | %d | %d | %d |\n", p.Path, p.Events, p.Actions, p.Activities)
		}
	} else {
		say("recorded histories not read: %v", err)
	}
	fmt.Fprintf(out, "\nPostgres bytes per case (cases, case_events, outbox, inbound_messages with indexes): **%d**\n\n", bytes)

	if opt.Storm > 0 {
		m := min(opt.Storm, len(in.NAs))
		say("deadline storm: %d cases", m)
		st, err := s.Storm(ctx, in.NAs[:m])
		if err != nil {
			return fmt.Errorf("storm: %w", err)
		}
		fmt.Fprintf(out, "### Deadline storm\n\n%d CIPs recorded as delivered 40 days ago at once (32 clients): all in the queue `cip_vencida_insatisfatoria` in **%s** (%.1f cases/s); %d mails queued.\n\n",
			st.M, st.Elapsed.Round(time.Millisecond), float64(st.M)/st.Elapsed.Seconds(), st.Mails)
	}

	if opt.Parked > 0 {
		say("parking %d cases on their timers", opt.Parked)
		pk, err := s.Park(ctx, opt.Parked)
		if err != nil {
			return fmt.Errorf("park: %w", err)
		}
		fmt.Fprintf(out, "### Parked scale\n\n| measure | value |\n|---|---|\n")
		fmt.Fprintf(out, "| open cases parked on timers | %d, started in %s (%.0f/s) |\n", pk.P, pk.Started.Round(time.Second), float64(pk.P)/pk.Started.Seconds())
		fmt.Fprintf(out, "| worker RSS | %.0f MiB |\n", float64(pk.WorkerRSS)/(1<<20))
		fmt.Fprintf(out, "| PostgreSQL database size | %.0f MiB |\n\n", float64(pk.DatabaseBytes)/(1<<20))
		say("API latency: %d clients, %s per kind", opt.Clients, opt.Duration)
		fmt.Fprintf(out, "API under %d concurrent clients, %s per kind:\n\n| request | requests | failures | p50 | p99 | max |\n|---|---|---|---|---|---|\n", opt.Clients, opt.Duration)
		for _, l := range s.APILatency(ctx, opt.Parked, opt.Clients, opt.Duration) {
			fmt.Fprintf(out, "| %s | %d | %d | %s | %s | %s |\n", l.Name, l.Requests, l.Failures, ms(l.P50), ms(l.P99), ms(l.Max))
		}
		say("console pages: 1 client, %s per page", opt.Duration)
		pages, err := s.PageLatency(ctx, opt.Parked, 1, opt.Duration)
		if err != nil {
			return fmt.Errorf("pages: %w", err)
		}
		for _, l := range pages {
			fmt.Fprintf(out, "| %s, 1 client (server time; target p99 < 50 ms) | %d | %d | %s | %s | %s |\n", l.Name, l.Requests, l.Failures, ms(l.P50), ms(l.P99), ms(l.Max))
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "Command: `procon-dev bench %s`\n", strings.Join(os.Args[2:], " "))
	return nil
}

// ms formats a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
