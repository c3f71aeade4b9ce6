-- Continued practice (004 §8.2–8.7, issue 7): the subject code staff assign to a
-- reclamação, and the collective process that gathers reclamações of the same supplier
-- and nature in a calendar year. A case belongs to one collective process at most.
ALTER TABLE cases ADD COLUMN subject text;
CREATE TABLE collective_processes (
    id            bigserial   PRIMARY KEY,
    number        text        NOT NULL UNIQUE,
    supplier_doc  text        NOT NULL,
    supplier_name text        NOT NULL,
    subject       text        NOT NULL,
    year          int         NOT NULL,
    workflow_id   text        NOT NULL UNIQUE,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE cases ADD COLUMN collective_id bigint REFERENCES collective_processes (id);
CREATE INDEX cases_subject ON cases (subject) WHERE subject IS NOT NULL AND collective_id IS NULL;

---- create above / drop below ----

ALTER TABLE cases DROP COLUMN collective_id;
DROP TABLE collective_processes;
ALTER TABLE cases DROP COLUMN subject;
