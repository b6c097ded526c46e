-- What each source says about a match's goals. The goals shown (`goals`) are reconciled from
-- these claims (src/import/reconcile.rs): most sources win, then a per-field precedence
-- (docs/sources.md). A claim keeps the goal it was counted for, so every disagreement stays
-- queryable. One source kind (witness) lists a match's goals once: a newer file of the same
-- kind replaces its claims.
CREATE TABLE goal_claims (
    id          integer PRIMARY KEY NOT NULL,
    match_id    integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    source_id   integer NOT NULL REFERENCES sources (id),
    witness     text    NOT NULL CHECK (witness IN ('CORRECTION', 'REPORT', 'WORLD_CUP_JSON', 'CONTINENTAL', 'RESULTS', 'FILE')),
    -- Its place in the source's list for the match (1, 2, ...).
    ordinal     integer NOT NULL CHECK (ordinal >= 1),
    team_id     integer NOT NULL REFERENCES teams (id),
    scorer_id   integer REFERENCES people (id),
    scorer_name text,
    minute      integer NOT NULL CHECK (minute BETWEEN 1 AND 120),
    -- NULL: the source does not write stoppage time.
    stoppage    integer CHECK (stoppage BETWEEN 0 AND 30),
    -- Seconds from kick-off, where the source gives them (reviewed corrections).
    seconds     integer CHECK (seconds BETWEEN 0 AND 7800),
    penalty     boolean NOT NULL CHECK (penalty IN (0, 1)),
    own_goal    boolean NOT NULL CHECK (own_goal IN (0, 1)),
    -- The line of the file, where the reader knows it.
    line        integer,
    goal_id     integer REFERENCES goals (id) ON DELETE SET NULL,
    UNIQUE (match_id, witness, ordinal)
);
CREATE INDEX goal_claims_goal_idx ON goal_claims (goal_id);

-- The time of a goal in seconds from kick-off, where a reviewed source gives it (Hakan Şükür,
-- 2002: 11 s). Orders the fastest goals before the minute does.
ALTER TABLE goals ADD COLUMN elapsed_seconds integer CHECK (elapsed_seconds BETWEEN 0 AND 7800);

-- Facts the open files get wrong or lack, set from goalline's reviewed corrections
-- (src/seed/corrections.json): what was set on the match, and the reference that says so.
CREATE TABLE match_corrections (
    id        integer PRIMARY KEY NOT NULL,
    match_id  integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    fact      text    NOT NULL CHECK (fact IN ('REFEREE', 'DISMISSAL', 'GOAL_TIME', 'ATTENDANCE')),
    value     text    NOT NULL CHECK (length(value) > 0),
    reference text    NOT NULL CHECK (length(reference) > 0),
    note      text,
    UNIQUE (match_id, fact, value)
);
