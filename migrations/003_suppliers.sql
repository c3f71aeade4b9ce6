-- Suppliers and the address each registered to receive CIPs electronically (004 §4.2.2),
-- kept by staff. The CIP goes to cip_email when there is one (004 §4.2.1 I); a petition
-- that acts by itself (a waiver of appeal) counts only from that address (issue 4).
CREATE TABLE suppliers (
    doc        text PRIMARY KEY CHECK (doc ~ '^[0-9A-Z]{11}([0-9A-Z]{3})?$'),
    name       text        NOT NULL CHECK (btrim(name) <> ''),
    cip_email  text,
    updated_by bigint      NOT NULL REFERENCES staff (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);

---- create above / drop below ----

DROP TABLE suppliers;
