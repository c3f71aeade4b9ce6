-- Days without (normal) business declared by staff at run time (issue 3, product §6,
-- 004 §13.1.2): a ponto facultativo decreed for the year, a building problem, a strike…
-- A full-day closure or an early closing both make the day a day without business, so a
-- deadline whose last day falls on it moves to the next business day. Past dates are
-- allowed: a closure declared afterwards still moves a deadline still running.
-- Rows are never deleted: a removal sets deleted_at/deleted_by, so the history of the
-- calendar the deadlines were computed with is kept. At most one active closure per date.
CREATE TABLE calendar_closures (
    id          bigserial PRIMARY KEY,
    date        date        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('full_day', 'early')),
    closed_at   time,
    reason      text        NOT NULL CHECK (btrim(reason) <> ''),
    act         text,
    declared_by bigint      NOT NULL REFERENCES staff (id),
    declared_at timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    deleted_by  bigint      REFERENCES staff (id),
    CHECK ((kind = 'early') = (closed_at IS NOT NULL)),
    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);
CREATE UNIQUE INDEX calendar_closures_active_date ON calendar_closures (date) WHERE deleted_at IS NULL;

---- create above / drop below ----

DROP TABLE calendar_closures;
