-- The version of population_timeline: raised in the same transaction as every change to it (by the population
-- projection, and by a rebuild's switch), so that each instance's copy in memory can tell whether it is current.
-- Not a read model table: a rebuild raises it rather than copying it.
CREATE TABLE read_model_version (
    read_model VARCHAR(64) NOT NULL PRIMARY KEY,
    version    BIGINT      NOT NULL
);
INSERT INTO read_model_version (read_model, version) VALUES ('population_timeline', 0);
