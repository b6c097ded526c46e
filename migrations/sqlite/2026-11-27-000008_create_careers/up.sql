-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Knowledge beyond match reports, each row citing where it comes from: club spells, awards,
-- international careers (curated totals, debut, retirement), squad status changes, and how
-- national teams succeed one another.
CREATE TABLE club_spells (
    id         integer PRIMARY KEY NOT NULL,
    person_id  integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id    integer NOT NULL REFERENCES teams (id),
    start_date date    NOT NULL,
    end_date   date,
    source     text    NOT NULL CHECK (length(source) > 0),
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (person_id, team_id, start_date)
);
CREATE INDEX club_spells_team_idx ON club_spells (team_id);

CREATE TABLE awards (
    id         integer PRIMARY KEY NOT NULL,
    person_id  integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name       text    NOT NULL CHECK (length(name) > 0),
    season     text    NOT NULL,
    awarded_on date,
    source     text    NOT NULL CHECK (length(source) > 0),
    UNIQUE (person_id, name, season)
);

CREATE TABLE international_careers (
    id             integer PRIMARY KEY NOT NULL,
    person_id      integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id        integer NOT NULL REFERENCES teams (id),
    caps           integer CHECK (caps IS NULL OR caps >= 0),
    goals          integer CHECK (goals IS NULL OR goals >= 0),
    debut_on       date,
    debut_opponent_id integer REFERENCES teams (id),
    retired_on     date,
    -- The day the curated totals were true: final for a retired player.
    totals_as_of   date,
    source         text    NOT NULL CHECK (length(source) > 0),
    CHECK (goals IS NULL OR caps IS NULL OR goals <= caps * 10),
    CHECK (retired_on IS NULL OR debut_on IS NULL OR retired_on >= debut_on),
    UNIQUE (person_id, team_id)
);

CREATE TABLE squad_status_changes (
    id              integer PRIMARY KEY NOT NULL,
    squad_member_id integer NOT NULL REFERENCES squad_members (id) ON DELETE CASCADE,
    status          text    NOT NULL
                            CHECK (status IN ('SELECTED', 'RULED_OUT_INJURED', 'WITHDRAWN_INJURED', 'WITHDRAWN')),
    changed_on      date    NOT NULL,
    reason          text    NOT NULL,
    source          text    NOT NULL CHECK (length(source) > 0),
    UNIQUE (squad_member_id, changed_on, status)
);

CREATE TABLE team_lineage (
    predecessor_id integer NOT NULL REFERENCES teams (id),
    successor_id   integer NOT NULL REFERENCES teams (id),
    -- The year the successor first played under its own name.
    since_year     integer NOT NULL CHECK (since_year BETWEEN 1850 AND 2100),
    note           text    NOT NULL,
    PRIMARY KEY (predecessor_id, successor_id),
    CHECK (predecessor_id <> successor_id)
);
CREATE INDEX team_lineage_successor_idx ON team_lineage (successor_id);
