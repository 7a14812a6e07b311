-- The ledger instances sharing this database, each with its last heartbeat (the database's clock), so that each can
-- tell how many are alive and take its fair share of the event processors' segments.
CREATE TABLE ledger_instance (
    instance_id  VARCHAR(255)             NOT NULL PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
