-- Cases opened by staff through the API (004 §7.2 III–V, §8.12), not from an e-mail:
-- the request's Idempotency-Key makes the opening happen once.
ALTER TABLE cases ADD COLUMN request_key text UNIQUE;

---- create above / drop below ----

ALTER TABLE cases DROP COLUMN request_key;
