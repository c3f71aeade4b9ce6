// Package config reads the process configuration from environment variables. Every
// variable has a documented default (see Vars), so `procon-dev dev` needs none.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/procon-es/procon/internal/senderauth"
)

// Var documents one environment variable: its name, default and meaning. README.md's
// configuration table is checked against this list by a test.
type Var struct {
	Name, Default, Doc string
}

// Vars lists every environment variable the binary reads.
var Vars = []Var{
	{"DATABASE_URL", "", "PostgreSQL connection URL. Required by `worker`, `api`, `migrate`; `dev` starts its own cluster when empty."},
	{"TEMPORAL_ADDRESS", "127.0.0.1:7233", "Temporal frontend host:port."},
	{"TEMPORAL_NAMESPACE", "procon", "Temporal namespace of the cases."},
	{"PROCON_TASK_QUEUE", "procon-cases", "Temporal task queue of the workflows and activities."},
	{"PROCON_API_ADDR", "127.0.0.1:8080", "Listen address of the HTTP API."},
	{"PROCON_PUBLIC_URL", "http://127.0.0.1:8080", "The address people reach the API and its pages at (no trailing slash): the links mailed to staff and the public start with it; https makes the console's session cookie Secure."},
	{"PROCON_SMTP_ADDR", "127.0.0.1:2525", "SMTP server (host:port) for outgoing mail."},
	{"PROCON_SMTP_USER", "", "SMTP user (empty: no authentication)."},
	{"PROCON_SMTP_PASSWORD", "", "SMTP password."},
	{"PROCON_IMAP_ADDR", "127.0.0.1:1143", "IMAP server (host:port) holding the agency mailboxes."},
	{"PROCON_IMAP_PASSWORD", "procon", "IMAP password of the agency mailboxes (each mailbox logs in with its address)."},
	{"PROCON_MAIL_INTAKE", "atendimento@procon.local", "Intake mailbox (atendimento eletrônico, product §1)."},
	{"PROCON_MAIL_PROTOCOL", "protocolo@procon.local", "Protocol mailbox (petições, 004 §14.1); also the Reply-To of outgoing mail."},
	{"PROCON_MAIL_DEBT", "divida.ativa@procon.local", "Debt mailbox (renúncia, parcelamento, 004 §15.3)."},
	{"PROCON_MAIL_FROM", "naoresponda@procon.local", "From address of outgoing mail."},
	{"PROCON_MAIL_FINANCE", "financeiro@procon.local", "The financial department (Gerência Orçamentária e Financeira), told of each debt inscribed in Dívida Ativa and each overpayment (004 §11.1, §11.5). Not a polled mailbox."},
	{"PROCON_MAIL_AUTH", "dmarc", "How a petition that acts on a case by itself proves its sender (README, \"Petitions\"): `dmarc` (production) asks, beyond the From: address on record, for DMARC-aligned authentication: the trusted receiving server's verdict or a DKIM signature of the From: domain; `from-only` trusts the From: address alone, for local mail that nobody signs (`procon-dev dev` uses it)."},
	{"PROCON_MAIL_AUTHSERV_ID", "", "The authserv-id of the agency's receiving mail server, whose `Authentication-Results` header (RFC 8601) is trusted; every other such header is ignored. Empty: none is trusted, and only DKIM signatures verified by the worker count."},
	{"PROCON_POLL_INTERVAL", "10s", "How often a mailbox is polled when the server offers no IDLE, and the IDLE refresh period."},
	{"PROCON_MAX_MESSAGE_BYTES", "26214400", "Largest e-mail that is read (25 MiB). A larger one is not downloaded: its header is kept with the size the IMAP server declared, and the sender gets a reply giving the size and the limit."},
	{"PROCON_MAX_ATTACHMENT_BYTES", "10485760", "Largest attachment accepted as a document (10 MiB); a larger one is refused with a reply naming it."},
	{"PROCON_WORKER_CACHE_SIZE", "2000", "Workflows the worker keeps in memory between their steps (the SDK's sticky cache). An open case out of it is replayed from its history when it wakes: memory for CPU (BENCHMARKS.md)."},
	{"PROCON_DATA_DIR", ".data", "`dev` only: where the local stack keeps Temporal's SQLite file, the PostgreSQL cluster and the mail."},
	{"PROCON_LOG_LEVEL", "info", "debug, info, warn or error."},
}

// Config is the resolved configuration.
type Config struct {
	DatabaseURL       string
	TemporalAddress   string
	TemporalNamespace string
	TaskQueue         string
	APIAddr           string
	// PublicURL is where people reach the API and its pages (PROCON_PUBLIC_URL).
	PublicURL    string
	SMTPAddr     string
	SMTPUser     string
	SMTPPassword string
	IMAPAddr     string
	IMAPPassword string
	MailIntake   string
	MailProtocol string
	MailDebt     string
	MailFinance  string
	MailFrom     string
	// MailAuth and MailAuthservID are the sender authentication of petitions (issue 14).
	MailAuth       senderauth.Policy
	MailAuthservID string
	PollInterval   time.Duration
	// MaxMessageBytes and MaxAttachmentBytes bound what intake reads (issue 4).
	MaxMessageBytes    int64
	MaxAttachmentBytes int64
	// WorkerCacheSize bounds the worker's sticky workflow cache.
	WorkerCacheSize int
	DataDir         string
	LogLevel        string
}

// FromEnv reads the configuration, applying the documented defaults.
func FromEnv() (Config, error) {
	get := func(name string) string {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			return v
		}
		for _, v := range Vars {
			if v.Name == name {
				return v.Default
			}
		}
		panic("config: undocumented variable " + name)
	}
	c := Config{
		DatabaseURL:       get("DATABASE_URL"),
		TemporalAddress:   get("TEMPORAL_ADDRESS"),
		TemporalNamespace: get("TEMPORAL_NAMESPACE"),
		TaskQueue:         get("PROCON_TASK_QUEUE"),
		APIAddr:           get("PROCON_API_ADDR"),
		PublicURL:         strings.TrimRight(get("PROCON_PUBLIC_URL"), "/"),
		SMTPAddr:          get("PROCON_SMTP_ADDR"),
		SMTPUser:          get("PROCON_SMTP_USER"),
		SMTPPassword:      get("PROCON_SMTP_PASSWORD"),
		IMAPAddr:          get("PROCON_IMAP_ADDR"),
		IMAPPassword:      get("PROCON_IMAP_PASSWORD"),
		MailIntake:        get("PROCON_MAIL_INTAKE"),
		MailProtocol:      get("PROCON_MAIL_PROTOCOL"),
		MailDebt:          get("PROCON_MAIL_DEBT"),
		MailFinance:       get("PROCON_MAIL_FINANCE"),
		MailFrom:          get("PROCON_MAIL_FROM"),
		MailAuthservID:    get("PROCON_MAIL_AUTHSERV_ID"),
		DataDir:           get("PROCON_DATA_DIR"),
		LogLevel:          get("PROCON_LOG_LEVEL"),
	}
	policy, err := senderauth.ParsePolicy(get("PROCON_MAIL_AUTH"))
	if err != nil {
		return c, fmt.Errorf("config: PROCON_MAIL_AUTH %q is neither dmarc nor from-only", get("PROCON_MAIL_AUTH"))
	}
	c.MailAuth = policy
	d, err := time.ParseDuration(get("PROCON_POLL_INTERVAL"))
	if err != nil || d <= 0 {
		return c, fmt.Errorf("config: PROCON_POLL_INTERVAL %q is not a positive duration", get("PROCON_POLL_INTERVAL"))
	}
	c.PollInterval = d
	for _, lim := range []struct {
		name string
		dst  *int64
	}{{"PROCON_MAX_MESSAGE_BYTES", &c.MaxMessageBytes}, {"PROCON_MAX_ATTACHMENT_BYTES", &c.MaxAttachmentBytes}} {
		n, err := strconv.ParseInt(get(lim.name), 10, 64)
		if err != nil || n <= 0 {
			return c, fmt.Errorf("config: %s %q is not a positive number of bytes", lim.name, get(lim.name))
		}
		*lim.dst = n
	}
	n, err := strconv.Atoi(get("PROCON_WORKER_CACHE_SIZE"))
	if err != nil || n <= 0 {
		return c, fmt.Errorf("config: PROCON_WORKER_CACHE_SIZE %q is not a positive number of workflows", get("PROCON_WORKER_CACHE_SIZE"))
	}
	c.WorkerCacheSize = n
	return c, nil
}

// Env renders the configuration back as environment variables, for child processes.
func (c Config) Env() []string {
	return []string{
		"DATABASE_URL=" + c.DatabaseURL,
		"TEMPORAL_ADDRESS=" + c.TemporalAddress,
		"TEMPORAL_NAMESPACE=" + c.TemporalNamespace,
		"PROCON_TASK_QUEUE=" + c.TaskQueue,
		"PROCON_API_ADDR=" + c.APIAddr,
		"PROCON_PUBLIC_URL=" + c.PublicURL,
		"PROCON_SMTP_ADDR=" + c.SMTPAddr,
		"PROCON_SMTP_USER=" + c.SMTPUser,
		"PROCON_SMTP_PASSWORD=" + c.SMTPPassword,
		"PROCON_IMAP_ADDR=" + c.IMAPAddr,
		"PROCON_IMAP_PASSWORD=" + c.IMAPPassword,
		"PROCON_MAIL_INTAKE=" + c.MailIntake,
		"PROCON_MAIL_PROTOCOL=" + c.MailProtocol,
		"PROCON_MAIL_DEBT=" + c.MailDebt,
		"PROCON_MAIL_FINANCE=" + c.MailFinance,
		"PROCON_MAIL_FROM=" + c.MailFrom,
		"PROCON_MAIL_AUTH=" + string(c.MailAuth),
		"PROCON_MAIL_AUTHSERV_ID=" + c.MailAuthservID,
		"PROCON_POLL_INTERVAL=" + c.PollInterval.String(),
		"PROCON_MAX_MESSAGE_BYTES=" + strconv.FormatInt(c.MaxMessageBytes, 10),
		"PROCON_MAX_ATTACHMENT_BYTES=" + strconv.FormatInt(c.MaxAttachmentBytes, 10),
		"PROCON_WORKER_CACHE_SIZE=" + strconv.Itoa(c.WorkerCacheSize),
		"PROCON_DATA_DIR=" + c.DataDir,
		"PROCON_LOG_LEVEL=" + c.LogLevel,
	}
}
