-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- One row per edition (the 2022 World Cup), with its stages (group stage, round of 16, ...)
-- and the groups inside a stage.
CREATE TABLE tournaments (
    id          integer PRIMARY KEY NOT NULL,
    slug        text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name        text    NOT NULL,
    competition text    NOT NULL,
    year        integer NOT NULL CHECK (year BETWEEN 1850 AND 2100),
    host        text    NOT NULL,
    start_date  date,
    end_date    date,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE stages (
    id            integer PRIMARY KEY NOT NULL,
    tournament_id integer NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    name          text    NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('GROUP', 'ROUND_OF_32', 'ROUND_OF_16', 'QUARTER_FINAL',
                                                  'SEMI_FINAL', 'THIRD_PLACE', 'FINAL', 'FINAL_ROUND', 'REPLAY')),
    ordinal       integer NOT NULL CHECK (ordinal > 0),
    UNIQUE (tournament_id, name),
    UNIQUE (tournament_id, ordinal)
);

CREATE TABLE tournament_groups (
    id       integer PRIMARY KEY NOT NULL,
    stage_id integer NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    name     text    NOT NULL,
    UNIQUE (stage_id, name)
);

CREATE TABLE group_teams (
    group_id integer NOT NULL REFERENCES tournament_groups (id) ON DELETE CASCADE,
    team_id  integer NOT NULL REFERENCES teams (id),
    PRIMARY KEY (group_id, team_id)
);
CREATE INDEX group_teams_team_idx ON group_teams (team_id);
