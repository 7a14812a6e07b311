-- Event payloads as JSON text without a length limit: a decision's JSON grows with its text fields, and a read model
-- must never be unable to store an event that the event store took.
ALTER TABLE participation_decision ALTER COLUMN payload SET DATA TYPE TEXT;
ALTER TABLE history_entry ALTER COLUMN payload SET DATA TYPE TEXT;
