-- Cheaper rollup marks (plain PostgreSQL). A writer no longer writes (and locks) a mark for every
-- (series, hour) of every transaction: it remembers the marks it wrote in the current generation
-- and writes only new ones. The rollup job bumps the generation before it takes marks; the bump
-- waits for the writers that read the old generation (they hold it FOR SHARE until they commit),
-- so every reading whose mark a writer skipped is committed before that mark is taken. Taken marks
-- move to rollup_claimed in the same short transaction and are recomputed afterwards (a crash in
-- between leaves them claimed, still dirty for queries, recomputed by the next run).
CREATE TABLE rollup_generation (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    generation bigint  NOT NULL
);
INSERT INTO rollup_generation (id, generation) VALUES (true, 0);

CREATE TABLE rollup_claimed (
    series_id integer     NOT NULL,
    hour      timestamptz NOT NULL,
    PRIMARY KEY (series_id, hour)
);
