-- CSV imports (POST /api/imports): one row an import, with its progress, and the events it recorded. The
-- fingerprint (SHA-256 of kind, target and file) is kept only while an import is running or done, so the same
-- file sent twice records nothing the second time, while a rejected or failed file may be sent again.
CREATE TABLE import_run (
    import_id    VARCHAR(64)              NOT NULL PRIMARY KEY,
    fingerprint  VARCHAR(64)              UNIQUE,
    kind         VARCHAR(32)              NOT NULL,
    target       VARCHAR(64)              NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    rows_in_all  INTEGER                  NOT NULL,
    rows_done    INTEGER                  NOT NULL,
    recorded_by  VARCHAR(255)             NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    failure      VARCHAR(4000)
);

-- Written in the same transaction as the events themselves: present exactly when they are.
CREATE TABLE import_event (
    import_id VARCHAR(64) NOT NULL,
    line      INTEGER     NOT NULL,
    event_id  VARCHAR(64) NOT NULL,
    CONSTRAINT import_event_pk PRIMARY KEY (import_id, line)
);
