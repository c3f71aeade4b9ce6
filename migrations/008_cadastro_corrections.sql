-- The yearly publication of the Cadastro de Reclamações Fundamentadas (004 §6.5–6.6) and
-- the requests to correct it (§6.10–6.11): asked within 5 days of the publication,
-- decided by the authority within 10 business days, shown with the case and the
-- publication.
CREATE TABLE cadastro_publications (
    year         int         PRIMARY KEY,
    published_on date        NOT NULL,
    published_by text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE cadastro_corrections (
    id             bigserial   PRIMARY KEY,
    year           int         NOT NULL REFERENCES cadastro_publications (year),
    na             text        NOT NULL REFERENCES cases (na),
    party          text        NOT NULL CHECK (party IN ('consumidor', 'fornecedor')),
    request        text        NOT NULL,
    requested_on   date        NOT NULL,
    decide_by      date        NOT NULL,
    recorded_by    text        NOT NULL,
    granted        boolean,
    reason         text,
    classification text,
    decided_on     date,
    decided_by     text
);
CREATE INDEX cadastro_corrections_pending ON cadastro_corrections (decide_by) WHERE granted IS NULL;

---- create above / drop below ----

DROP TABLE cadastro_corrections;
DROP TABLE cadastro_publications;
