-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- A team's registered squad for one tournament, and its coaching staff there.
CREATE TABLE squad_members (
    id            integer PRIMARY KEY NOT NULL,
    tournament_id integer NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    team_id       integer NOT NULL REFERENCES teams (id),
    person_id     integer NOT NULL REFERENCES people (id),
    shirt_number  integer CHECK (shirt_number IS NULL OR shirt_number BETWEEN 1 AND 99),
    position      text    CHECK (position IS NULL OR position IN ('GK', 'DF', 'MF', 'FW')),
    status        text    NOT NULL DEFAULT 'SELECTED'
                          CHECK (status IN ('SELECTED', 'RULED_OUT_INJURED', 'WITHDRAWN_INJURED', 'WITHDRAWN')),
    status_note   text,
    UNIQUE (tournament_id, team_id, person_id),
    UNIQUE (tournament_id, team_id, shirt_number)
);
CREATE INDEX squad_members_team_idx ON squad_members (team_id, tournament_id);
CREATE INDEX squad_members_person_idx ON squad_members (person_id);

CREATE TABLE team_coaches (
    id            integer PRIMARY KEY NOT NULL,
    tournament_id integer NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    team_id       integer NOT NULL REFERENCES teams (id),
    person_id     integer NOT NULL REFERENCES people (id),
    role          text    NOT NULL DEFAULT 'HEAD_COACH' CHECK (role IN ('HEAD_COACH', 'ASSISTANT_COACH')),
    UNIQUE (tournament_id, team_id, person_id)
);
CREATE INDEX team_coaches_person_idx ON team_coaches (person_id);
