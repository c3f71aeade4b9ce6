package bench

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// Cost is what one workflow history costs: its events, the billable actions among them,
// and its activities.
type Cost struct {
	Events, Actions, Activities int
}

// Add sums two costs.
func (c Cost) Add(o Cost) Cost {
	return Cost{c.Events + o.Events, c.Actions + o.Actions, c.Activities + o.Activities}
}

// CostOf counts a history. Actions follow Temporal Cloud's list of billable actions as
// events show them: the start, each activity attempt, timer, signal received or sent,
// Update accepted, child workflow started, search-attribute upsert and marker (versions,
// side effects). Queries and heartbeats are not in a history and not counted.
func CostOf(h *historypb.History) Cost {
	var c Cost
	for _, e := range h.Events {
		c.Events++
		switch e.GetEventType() {
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, enumspb.EVENT_TYPE_TIMER_STARTED,
			enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, enumspb.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
			enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, enumspb.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
			enumspb.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, enumspb.EVENT_TYPE_MARKER_RECORDED:
			c.Actions++
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_STARTED:
			c.Actions++ // one per attempt
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
			c.Activities++
		}
	}
	return c
}

// history fetches a workflow's whole history.
func (s *Stack) history(ctx context.Context, id string) (*historypb.History, error) {
	h := &historypb.History{}
	it := s.Temporal.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		h.Events = append(h.Events, e)
	}
	return h, nil
}

// IntakeCost is the mean cost of one accepted complaint up to its first wait: its
// InboundMail workflow and its Complaint workflow so far.
func (s *Stack) IntakeCost(ctx context.Context, nas []string) (Cost, error) {
	var total Cost
	for _, na := range nas {
		c, err := s.Store.GetCase(ctx, na)
		if err != nil {
			return Cost{}, err
		}
		ids := []string{c.WorkflowID}
		if c.InboundMessage != nil {
			ids = append(ids, workflowid.InboundMail(workflows.MailboxIntake, *c.InboundMessage))
		}
		for _, id := range ids {
			h, err := s.history(ctx, id)
			if err != nil {
				return Cost{}, err
			}
			total = total.Add(CostOf(h))
		}
	}
	n := len(nas)
	return Cost{total.Events / n, total.Actions / n, total.Activities / n}, nil
}

// PathCost is the cost of one recorded path of the Complaint workflow.
type PathCost struct {
	Path string
	Cost
}

// RecordedPathCosts counts the Complaint histories recorded for the replay tests in dir
// (workflows/testdata): one per path of the lifecycle, each run to its end or its wait.
func RecordedPathCosts(dir string) ([]PathCost, error) {
	files, err := filepath.Glob(filepath.Join(dir, "history_complaint_*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []PathCost
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		h, err := client.HistoryFromJSON(r, client.HistoryJSONOptions{})
		r.Close()
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "history_complaint_"), ".json")
		out = append(out, PathCost{Path: name, Cost: CostOf(h)})
	}
	return out, nil
}

// BytesPerCase is the Postgres footprint of the case tables (with indexes and TOAST)
// divided by the number of cases.
func (s *Stack) BytesPerCase(ctx context.Context) (int64, error) {
	var bytes, cases int64
	err := s.Store.Pool.QueryRow(ctx, `SELECT
		pg_total_relation_size('cases') + pg_total_relation_size('case_events') +
		pg_total_relation_size('outbox') + pg_total_relation_size('inbound_messages'),
		(SELECT count(*) FROM cases)`).Scan(&bytes, &cases)
	if err != nil || cases == 0 {
		return 0, err
	}
	return bytes / cases, nil
}
