-- Petitions awaiting confirmation of their sender (issue 14): a petition that would act
-- on a case by itself but came from an address other than its party's on record, or
-- without an authenticated sender. Staff confirm or discard each from the
-- confirmacao_remetente queue; the row keeps who did it.
CREATE TABLE petition_reviews (
    inbound_id  bigint      PRIMARY KEY REFERENCES inbound_messages (id),
    na          text        NOT NULL REFERENCES cases (na),
    kind        text        NOT NULL,
    reason      text        NOT NULL,
    received_at timestamptz NOT NULL,
    settled     text        CHECK (settled IN ('confirmar_peticao', 'descartar_peticao')),
    settled_by  text,
    settled_at  timestamptz
);
CREATE INDEX petition_reviews_pending ON petition_reviews (received_at) WHERE settled IS NULL;

---- create above / drop below ----

DROP TABLE petition_reviews;
