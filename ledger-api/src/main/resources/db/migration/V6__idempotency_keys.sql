-- Idempotency-Key: one row per caller and key, shared by every instance. The primary key is the lock: of two
-- requests that claim the same key at once, the database lets one INSERT through and refuses the other.
-- A row is IN_PROGRESS while its first request runs (claim_token names that request; claimed_at lets a claim
-- left by a crash expire), RECORDED once the decision's events are committed (in the same transaction, with the
-- 201 answer), ANSWERED once any other final answer is stored. Rows are purged after the retention (created_at).
CREATE TABLE idempotency_key (
    caller                VARCHAR(255)             NOT NULL,
    idempotency_key       VARCHAR(255)             NOT NULL,
    fingerprint           VARCHAR(64)              NOT NULL,
    state                 VARCHAR(16)              NOT NULL,
    claim_token           VARCHAR(36)              NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    response_status       INTEGER,
    response_content_type VARCHAR(255),
    response_location     VARCHAR(2048),
    response_body         BYTEA,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
