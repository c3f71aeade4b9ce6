-- Staff members and their API tokens (issue 2: staff authentication).
CREATE TABLE staff (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    email       text,
    role        text        NOT NULL CHECK (role IN ('atendente', 'gerente_atendimento', 'diretor_juridico', 'diretor_presidente', 'financeiro', 'admin')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
);

-- Only the SHA-256 of a token is kept; the token itself is shown once at creation.
CREATE TABLE staff_tokens (
    token_hash bytea       PRIMARY KEY,
    staff_id   bigint      NOT NULL REFERENCES staff (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- Every message read from an agency mailbox, stored raw before anything acts on it.
-- A message is the same message when it has the same Message-ID or the same content.
CREATE TABLE inbound_messages (
    id           bigserial PRIMARY KEY,
    mailbox      text        NOT NULL,
    message_id   text,
    sha256       bytea       NOT NULL,
    raw          bytea       NOT NULL,
    size_bytes   integer     NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    status       text        NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'dispatched', 'processed')),
    outcome      text,
    processed_at timestamptz,
    UNIQUE (mailbox, sha256)
);
CREATE UNIQUE INDEX inbound_messages_message_id ON inbound_messages (mailbox, message_id) WHERE message_id IS NOT NULL;

-- Where each mailbox poller stands on the IMAP server.
CREATE TABLE mailbox_state (
    mailbox      text PRIMARY KEY,
    uid_validity bigint      NOT NULL,
    last_uid     bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- NA numbers are sequential per year: NA-YYYY-NNNNNN.
CREATE TABLE na_sequences (
    year     integer PRIMARY KEY,
    last_seq integer NOT NULL
);

-- The queryable projection of every case; Temporal holds the state machine.
CREATE TABLE cases (
    na                text PRIMARY KEY,
    workflow_id       text        NOT NULL UNIQUE,
    inbound_message   bigint      UNIQUE REFERENCES inbound_messages (id),
    status            text        NOT NULL,
    consumer_doc      text        NOT NULL,
    consumer_name     text        NOT NULL,
    consumer_email    text,
    supplier_docs     text[]      NOT NULL DEFAULT '{}',
    supplier_names    text[]      NOT NULL DEFAULT '{}',
    form              jsonb       NOT NULL DEFAULT '{}',
    current_deadline  date,
    deadline_rule     text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_status ON cases (status, created_at);
CREATE INDEX cases_consumer_doc ON cases (consumer_doc);
CREATE INDEX cases_supplier_docs ON cases USING gin (supplier_docs);

-- The append-only timeline of a case. dedup_key makes a retried activity write its event once.
CREATE TABLE case_events (
    id        bigserial PRIMARY KEY,
    na        text        NOT NULL REFERENCES cases (na),
    kind      text        NOT NULL,
    actor     text        NOT NULL,
    payload   jsonb       NOT NULL DEFAULT '{}',
    deadline  date,
    at        timestamptz NOT NULL DEFAULT now(),
    dedup_key text        NOT NULL UNIQUE
);
CREATE INDEX case_events_na ON case_events (na, id);

CREATE FUNCTION case_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- One row per intended outgoing message, with a stable Message-ID: sent at most once
-- by an idempotent activity.
CREATE TABLE outbox (
    key         text PRIMARY KEY,
    message_id  text        NOT NULL UNIQUE,
    na          text,
    kind        text        NOT NULL,
    to_addr     text        NOT NULL,
    subject     text        NOT NULL,
    body        text        NOT NULL,
    attachments jsonb       NOT NULL DEFAULT '[]',
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX outbox_na ON outbox (na);

---- create above / drop below ----

DROP TABLE outbox;
DROP TRIGGER case_events_no_update ON case_events;
DROP FUNCTION case_events_append_only();
DROP TABLE case_events;
DROP TABLE cases;
DROP TABLE na_sequences;
DROP TABLE mailbox_state;
DROP TABLE inbound_messages;
DROP TABLE staff_tokens;
DROP TABLE staff;
