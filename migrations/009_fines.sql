-- Fines, payments and Dívida Ativa (issue 8; 004 §8.18–§11, §15). The VRTE of each
-- year, kept by staff; the payments the financeiro records, once per reference; the
-- debts inscribed, which the state's debt system takes as CSV.
CREATE TABLE vrte_values (
    year       int           PRIMARY KEY,
    value      numeric(14,4) NOT NULL CHECK (value > 0),
    set_by     text          NOT NULL,
    updated_at timestamptz   NOT NULL DEFAULT now()
);
CREATE TABLE payments (
    id          bigserial     PRIMARY KEY,
    na          text          NOT NULL REFERENCES cases (na),
    amount      numeric(16,2) NOT NULL CHECK (amount > 0),
    paid_on     date          NOT NULL,
    reference   text          NOT NULL,
    recorded_by text          NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (na, reference)
);
CREATE TABLE debt_inscriptions (
    na            text          PRIMARY KEY REFERENCES cases (na),
    supplier_doc  text          NOT NULL,
    supplier_name text          NOT NULL,
    vrte          numeric(16,4) NOT NULL,
    amount        numeric(16,2) NOT NULL,
    balance       numeric(16,2) NOT NULL,
    due_on        date          NOT NULL,
    inscribed_on  date          NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now()
);

---- create above / drop below ----

DROP TABLE debt_inscriptions;
DROP TABLE payments;
DROP TABLE vrte_values;
