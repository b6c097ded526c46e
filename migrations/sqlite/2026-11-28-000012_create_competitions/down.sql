-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Back to editions that name their competition and matches that all belong to one (matches
-- outside an edition, or with a result alone, are dropped). Rebuilt like the way up.
DROP TABLE team_names;
DELETE FROM matches WHERE tournament_id IS NULL OR stage_id IS NULL OR number IS NULL OR final_only;

CREATE TABLE matches_old (
    id                 integer PRIMARY KEY NOT NULL,
    tournament_id      integer NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    stage_id           integer NOT NULL REFERENCES stages (id),
    group_id           integer REFERENCES tournament_groups (id),
    number             integer NOT NULL CHECK (number > 0),
    home_team_id       integer NOT NULL REFERENCES teams (id),
    away_team_id       integer NOT NULL REFERENCES teams (id),
    kickoff_utc        timestamp,
    utc_offset_minutes integer CHECK (utc_offset_minutes IS NULL OR utc_offset_minutes BETWEEN -720 AND 840),
    venue_id           integer REFERENCES venues (id),
    attendance         integer CHECK (attendance IS NULL OR attendance >= 0),
    status             text    NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'LIVE', 'FINISHED')),
    ht_home  integer, ht_away  integer,
    ft_home  integer, ft_away  integer,
    et_home  integer, et_away  integer,
    pen_home integer, pen_away integer,
    source_id          integer REFERENCES sources (id),
    phase              text CHECK (phase IN (
        'FIRST_HALF', 'HALF_TIME', 'SECOND_HALF', 'BEFORE_EXTRA_TIME', 'EXTRA_TIME_FIRST_HALF',
        'EXTRA_TIME_HALF_TIME', 'EXTRA_TIME_SECOND_HALF', 'PENALTY_SHOOTOUT', 'FULL_TIME')),
    version            integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    UNIQUE (tournament_id, number),
    CHECK (home_team_id <> away_team_id),
    CHECK ((ht_home IS NULL) = (ht_away IS NULL) AND (ft_home IS NULL) = (ft_away IS NULL)
       AND (et_home IS NULL) = (et_away IS NULL) AND (pen_home IS NULL) = (pen_away IS NULL)),
    CHECK (ht_home >= 0 AND ht_away >= 0 AND ft_home >= ht_home AND ft_away >= ht_away),
    CHECK (et_home >= ft_home AND et_away >= ft_away),
    -- Extra time only after a draw; a shootout only after a draw in extra time.
    CHECK (et_home IS NULL OR (ft_home IS NOT NULL AND ft_home = ft_away)),
    CHECK (pen_home IS NULL OR (et_home IS NOT NULL AND et_home = et_away AND pen_home >= 0 AND pen_away >= 0 AND pen_home <> pen_away)),
    CHECK (status = 'FINISHED' OR (et_home IS NULL AND pen_home IS NULL)),
    CHECK (status <> 'FINISHED' OR ft_home IS NOT NULL)
);
INSERT INTO matches_old (id, tournament_id, stage_id, group_id, number, home_team_id, away_team_id, kickoff_utc, utc_offset_minutes, venue_id, attendance, status, ht_home, ht_away, ft_home, ft_away, et_home, et_away, pen_home, pen_away, source_id, phase, version)
SELECT id, tournament_id, stage_id, group_id, number, home_team_id, away_team_id, kickoff_utc, utc_offset_minutes, venue_id, attendance, status, ht_home, ht_away, ft_home, ft_away, et_home, et_away, pen_home, pen_away, source_id, phase, version FROM matches;
DROP TABLE matches;
ALTER TABLE matches_old RENAME TO matches;
CREATE INDEX matches_stage_idx ON matches (stage_id);
CREATE INDEX matches_group_idx ON matches (group_id);
CREATE INDEX matches_home_team_idx ON matches (home_team_id);
CREATE INDEX matches_away_team_idx ON matches (away_team_id);
CREATE INDEX matches_venue_idx ON matches (venue_id);
CREATE INDEX matches_kickoff_idx ON matches (kickoff_utc);

CREATE TABLE tournaments_old (
    id          integer PRIMARY KEY NOT NULL,
    slug        text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name        text    NOT NULL,
    competition text    NOT NULL,
    year        integer NOT NULL CHECK (year BETWEEN 1850 AND 2100),
    host        text    NOT NULL,
    start_date  date,
    end_date    date,
    source_id   integer REFERENCES sources (id),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
INSERT INTO tournaments_old (id, slug, name, competition, year, host, start_date, end_date, source_id)
SELECT t.id, t.slug, t.name, c.name, t.year, t.host, t.start_date, t.end_date, t.source_id
FROM tournaments t JOIN competitions c ON c.id = t.competition_id;
DROP TABLE tournaments;
ALTER TABLE tournaments_old RENAME TO tournaments;
DROP TABLE competitions;
