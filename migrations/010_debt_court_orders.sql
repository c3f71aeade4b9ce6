-- Court orders on a debt already inscribed in Dívida Ativa (004 §11.2–11.3): cancelled,
-- or reduced, with the order that did it; the export shows the situation.
ALTER TABLE debt_inscriptions ADD COLUMN status text NOT NULL DEFAULT 'inscrita' CHECK (status IN ('inscrita', 'cancelada', 'reduzida'));
ALTER TABLE debt_inscriptions ADD COLUMN court_order text;

---- create above / drop below ----

ALTER TABLE debt_inscriptions DROP COLUMN court_order;
ALTER TABLE debt_inscriptions DROP COLUMN status;
