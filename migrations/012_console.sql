-- The staff console (issue 16): staff sign in with e-mail and password; sessions live
-- here, server-side, behind an HttpOnly cookie that holds only a random identifier.

-- One account per e-mail address, whatever its case.
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email)) WHERE email IS NOT NULL;

-- password_hash: argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash);
-- NULL until set. failed_logins counts the failed attempts since the last success: from
-- the fifth on, each attempt waits longer (api, signing in).
ALTER TABLE staff
    ADD COLUMN password_hash     text,
    ADD COLUMN failed_logins     integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_failed_login timestamptz;

-- A signed-in session. Only the SHA-256 of the cookie's value is kept. It ends after 30
-- minutes idle or 12 hours in all, at sign-out, and when its staff member is disabled.
-- csrf_token is the token every state-changing form of the session carries.
CREATE TABLE staff_sessions (
    id_hash      bytea       PRIMARY KEY,
    staff_id     bigint      NOT NULL REFERENCES staff (id),
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id) WHERE revoked_at IS NULL;

-- A one-time link to set one's password (procon staff add without --password-stdin).
CREATE TABLE staff_password_links (
    token_hash bytea       PRIMARY KEY,
    staff_id   bigint      NOT NULL REFERENCES staff (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
