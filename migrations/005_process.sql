-- The processo administrativo (issue 7). Documents kept with a case (the defense
-- notification, the Termo de Audiência, 004 §5.6), written once per key so a retried
-- activity keeps one copy; and the Cadastro de Reclamações Fundamentadas (004 §6):
-- one entry per classified reclamação and supplier.
CREATE TABLE case_documents (
    id           bigserial   PRIMARY KEY,
    na           text        NOT NULL REFERENCES cases (na),
    key          text        NOT NULL UNIQUE,
    kind         text        NOT NULL,
    filename     text        NOT NULL,
    content_type text        NOT NULL,
    data         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_documents_na ON case_documents (na, id);

CREATE TABLE cadastro_entries (
    na             text NOT NULL REFERENCES cases (na),
    supplier_doc   text NOT NULL,
    supplier_name  text NOT NULL,
    classification text NOT NULL CHECK (classification IN ('fundamentada_atendida', 'fundamentada_nao_atendida', 'nao_fundamentada')),
    subject        text NOT NULL,
    classified_on  date NOT NULL,
    classified_by  text NOT NULL,
    PRIMARY KEY (na, supplier_doc)
);
CREATE INDEX cadastro_entries_year ON cadastro_entries (classified_on);

---- create above / drop below ----

DROP TABLE cadastro_entries;
DROP TABLE case_documents;
