-- history_entry's primary key (event_id, number) already finds a history's rows by event id, as retractions look
-- them up: the index on event_id alone only cost every recorded event, and every rebuild, a second write.
-- IF EXISTS: after a rebuild the index carries the rebuild's name; on PostgreSQL, V10 drops it under any name.
DROP INDEX IF EXISTS history_entry_event;
