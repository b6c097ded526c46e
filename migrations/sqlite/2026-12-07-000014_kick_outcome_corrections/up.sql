-- A correction may also say how a failed shootout kick failed (KICK_OUTCOME): the reports
-- write "missed" for a saved kick too. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE match_corrections_new (
    id        integer PRIMARY KEY NOT NULL,
    match_id  integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    fact      text    NOT NULL CHECK (fact IN ('REFEREE', 'DISMISSAL', 'GOAL_TIME', 'ATTENDANCE', 'KICK_OUTCOME')),
    value     text    NOT NULL CHECK (length(value) > 0),
    reference text    NOT NULL CHECK (length(reference) > 0),
    note      text,
    UNIQUE (match_id, fact, value)
);
INSERT INTO match_corrections_new (id, match_id, fact, value, reference, note)
    SELECT id, match_id, fact, value, reference, note FROM match_corrections;
DROP TABLE match_corrections;
ALTER TABLE match_corrections_new RENAME TO match_corrections;
