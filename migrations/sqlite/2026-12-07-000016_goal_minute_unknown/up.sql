-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- A goal whose minute no source gives (254 goals of the international results, 1960-1997,
-- written `NA`): kept, with the minute NULL, instead of left out. Its stoppage time is then
-- unknown too (offset 0); half-time scores and the fastest goals leave such a goal out.
-- SQLite cannot drop a NOT NULL: `goals` and `goal_claims` are rebuilt (goalline's migration
-- runner turns foreign keys off around migrations and checks them afterwards).
CREATE TABLE goals_new (
    id              integer PRIMARY KEY NOT NULL,
    match_id        integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    -- The team credited with the goal; for an own goal, the scorer's opponents.
    team_id         integer NOT NULL REFERENCES teams (id),
    scorer_id       integer REFERENCES people (id),
    minute          integer CHECK (minute IS NULL OR minute BETWEEN 1 AND 120),
    "offset"        integer NOT NULL DEFAULT 0 CHECK ("offset" BETWEEN 0 AND 30),
    penalty         boolean NOT NULL DEFAULT false CHECK (penalty IN (0, 1)),
    own_goal        boolean NOT NULL DEFAULT false CHECK (own_goal IN (0, 1)),
    elapsed_seconds integer CHECK (elapsed_seconds BETWEEN 0 AND 7800),
    CHECK (NOT (penalty AND own_goal)),
    -- Stoppage time exists only at the end of a half.
    CHECK ("offset" = 0 OR minute IN (45, 90, 105, 120)),
    CHECK (minute IS NOT NULL OR "offset" = 0)
);
INSERT INTO goals_new (id, match_id, team_id, scorer_id, minute, "offset", penalty, own_goal, elapsed_seconds)
    SELECT id, match_id, team_id, scorer_id, minute, "offset", penalty, own_goal, elapsed_seconds FROM goals;
DROP TABLE goals;
ALTER TABLE goals_new RENAME TO goals;
CREATE INDEX goals_match_idx ON goals (match_id);
CREATE INDEX goals_scorer_idx ON goals (scorer_id);

CREATE TABLE goal_claims_new (
    id          integer PRIMARY KEY NOT NULL,
    match_id    integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    source_id   integer NOT NULL REFERENCES sources (id),
    witness     text    NOT NULL CHECK (witness IN ('CORRECTION', 'REPORT', 'WORLD_CUP_JSON', 'CONTINENTAL', 'RESULTS', 'FILE')),
    -- Its place in the source's list for the match (1, 2, ...).
    ordinal     integer NOT NULL CHECK (ordinal >= 1),
    team_id     integer NOT NULL REFERENCES teams (id),
    scorer_id   integer REFERENCES people (id),
    scorer_name text,
    minute      integer CHECK (minute IS NULL OR minute BETWEEN 1 AND 120),
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
INSERT INTO goal_claims_new (id, match_id, source_id, witness, ordinal, team_id, scorer_id, scorer_name, minute, stoppage, seconds, penalty, own_goal, line, goal_id)
    SELECT id, match_id, source_id, witness, ordinal, team_id, scorer_id, scorer_name, minute, stoppage, seconds, penalty, own_goal, line, goal_id FROM goal_claims;
DROP TABLE goal_claims;
ALTER TABLE goal_claims_new RENAME TO goal_claims;
CREATE INDEX goal_claims_goal_idx ON goal_claims (goal_id);
