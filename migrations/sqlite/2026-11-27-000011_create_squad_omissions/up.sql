-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Players a team left out of its squad for a tournament (not selected, as reported), with the
-- reason and where it comes from: a fact about a squad that its list of members cannot hold.
CREATE TABLE squad_omissions (
    id             integer PRIMARY KEY NOT NULL,
    person_id      integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id        integer NOT NULL REFERENCES teams (id),
    tournament_id  integer NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    -- The day the squad leaving the player out was announced, when known.
    announced_on   date,
    reason         text    NOT NULL CHECK (length(reason) > 0),
    source         text    NOT NULL CHECK (length(source) > 0),
    UNIQUE (person_id, team_id, tournament_id)
);
CREATE INDEX squad_omissions_squad_idx ON squad_omissions (team_id, tournament_id);
