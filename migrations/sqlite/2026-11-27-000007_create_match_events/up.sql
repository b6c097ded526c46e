-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- What happened in a match. Minutes follow the football convention: 45+2 is minute 45, offset 2.
CREATE TABLE lineups (
    id           integer PRIMARY KEY NOT NULL,
    match_id     integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    team_id      integer NOT NULL REFERENCES teams (id),
    person_id    integer NOT NULL REFERENCES people (id),
    shirt_number integer CHECK (shirt_number IS NULL OR shirt_number BETWEEN 1 AND 99),
    starter      boolean NOT NULL CHECK (starter IN (0, 1)),
    captain      boolean NOT NULL DEFAULT false CHECK (captain IN (0, 1)),
    ordinal      integer NOT NULL CHECK (ordinal > 0),
    UNIQUE (match_id, person_id),
    UNIQUE (match_id, team_id, ordinal)
);
CREATE INDEX lineups_person_idx ON lineups (person_id);

CREATE TABLE goals (
    id        integer PRIMARY KEY NOT NULL,
    match_id  integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    -- The team credited with the goal; for an own goal, the scorer's opponents.
    team_id   integer NOT NULL REFERENCES teams (id),
    scorer_id integer REFERENCES people (id),
    minute    integer NOT NULL CHECK (minute BETWEEN 1 AND 120),
    "offset"  integer NOT NULL DEFAULT 0 CHECK ("offset" BETWEEN 0 AND 30),
    penalty   boolean NOT NULL DEFAULT false CHECK (penalty IN (0, 1)),
    own_goal  boolean NOT NULL DEFAULT false CHECK (own_goal IN (0, 1)),
    CHECK (NOT (penalty AND own_goal)),
    -- Stoppage time exists only at the end of a half.
    CHECK ("offset" = 0 OR minute IN (45, 90, 105, 120))
);
CREATE INDEX goals_match_idx ON goals (match_id);
CREATE INDEX goals_scorer_idx ON goals (scorer_id);

CREATE TABLE cards (
    id        integer PRIMARY KEY NOT NULL,
    match_id  integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    team_id   integer NOT NULL REFERENCES teams (id),
    person_id integer NOT NULL REFERENCES people (id),
    -- Up to 130: cards are also shown after full time and during a shootout.
    minute    integer NOT NULL CHECK (minute BETWEEN 0 AND 130),
    "offset"  integer NOT NULL DEFAULT 0 CHECK ("offset" BETWEEN 0 AND 30),
    kind      text    NOT NULL CHECK (kind IN ('YELLOW', 'SECOND_YELLOW', 'RED'))
);
CREATE INDEX cards_match_idx ON cards (match_id);
CREATE INDEX cards_person_idx ON cards (person_id);

CREATE TABLE substitutions (
    id            integer PRIMARY KEY NOT NULL,
    match_id      integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    team_id       integer NOT NULL REFERENCES teams (id),
    player_on_id  integer NOT NULL REFERENCES people (id),
    player_off_id integer NOT NULL REFERENCES people (id),
    minute        integer NOT NULL CHECK (minute BETWEEN 1 AND 120),
    "offset"      integer NOT NULL DEFAULT 0 CHECK ("offset" BETWEEN 0 AND 30),
    CHECK (player_on_id <> player_off_id),
    UNIQUE (match_id, player_on_id)
);
CREATE INDEX substitutions_match_idx ON substitutions (match_id);
CREATE INDEX substitutions_on_idx ON substitutions (player_on_id);
CREATE INDEX substitutions_off_idx ON substitutions (player_off_id);

-- Kick by kick, in the order taken, with the running score after each kick.
CREATE TABLE shootout_kicks (
    id         integer PRIMARY KEY NOT NULL,
    match_id   integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    ordinal    integer NOT NULL CHECK (ordinal > 0),
    team_id    integer NOT NULL REFERENCES teams (id),
    taker_id   integer REFERENCES people (id),
    outcome    text    NOT NULL CHECK (outcome IN ('SCORED', 'SAVED', 'MISSED')),
    home_score integer NOT NULL CHECK (home_score >= 0),
    away_score integer NOT NULL CHECK (away_score >= 0),
    UNIQUE (match_id, ordinal)
);
CREATE INDEX shootout_kicks_taker_idx ON shootout_kicks (taker_id);
