-- PostgreSQL only (H2 has no column collations): the read models' identifiers compare byte by byte. Keys and indexes
-- of event ids, municipality numbers and programme ids sort three times faster so, when a rebuild builds them over a
-- million rows, and equal identifiers stay equal. For identifiers in ASCII, as the ledger's are, the order is the
-- same as before. Every column that one of these is joined with changes with it.
ALTER TABLE municipality_view ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C",
    ALTER COLUMN health_region TYPE VARCHAR(16) COLLATE "C";
ALTER TABLE programme_view ALTER COLUMN programme_id TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE programme_scope ALTER COLUMN programme_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN health_region TYPE VARCHAR(16) COLLATE "C";
ALTER TABLE population_count ALTER COLUMN event_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C";
ALTER TABLE population_timeline ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C";
ALTER TABLE participation_decision ALTER COLUMN event_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN programme_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C";
ALTER TABLE participation_timeline ALTER COLUMN programme_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C";
ALTER TABLE company_view ALTER COLUMN company_id TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE share_movement ALTER COLUMN event_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN company_id TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE ownership_timeline ALTER COLUMN company_id TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE history_entry ALTER COLUMN event_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN number TYPE VARCHAR(4) COLLATE "C";

-- V9 dropped history_entry's index on event_id alone by its first name; a rebuilt table has it under the rebuild's.
DO $$
DECLARE
    index_name TEXT;
BEGIN
    FOR index_name IN
        SELECT i.relname FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relname = 'history_entry' AND t.relnamespace = current_schema()::regnamespace
            AND x.indnatts = 1 AND NOT x.indisprimary AND a.attname = 'event_id'
    LOOP
        EXECUTE format('DROP INDEX %I', index_name);
    END LOOP;
END $$;
