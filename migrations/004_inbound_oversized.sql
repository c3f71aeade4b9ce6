-- A message over the size limit (MAX_MESSAGE_BYTES) is not downloaded whole (issue 4):
-- its header is stored, with the size the IMAP server declared, so the sender can be
-- answered with a clear refusal and the message is still kept once.
ALTER TABLE inbound_messages ADD COLUMN declared_size bigint CHECK (declared_size > 0);

---- create above / drop below ----

ALTER TABLE inbound_messages DROP COLUMN declared_size;
