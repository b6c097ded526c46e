-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Competitions (the FIFA World Cup, friendlies, each qualification, ...). A match belongs to
-- one; an edition (a row of `tournaments`) belongs to one too. Friendlies and most
-- qualifiers have no edition, so a match's edition, stage and number become optional, and a
-- match gains the date and place its sources give when they name no stadium.
-- SQLite cannot drop NOT NULL in place: `tournaments` and `matches` are rebuilt, which
-- goalline's migration runner does with foreign keys off and checked afterwards.
CREATE TABLE competitions (
    id            integer PRIMARY KEY NOT NULL,
    slug          text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name          text    NOT NULL CHECK (length(name) > 0),
    kind          text    NOT NULL CHECK (kind IN ('TOURNAMENT', 'QUALIFICATION', 'LEAGUE', 'FRIENDLY')),
    confederation text
);

-- Editions already there keep their competition by name (names other than the World Cup's
-- were typed by editors: their slug is the name's letters and digits).
INSERT INTO competitions (slug, name, kind, confederation)
SELECT DISTINCT
       CASE WHEN competition = 'FIFA World Cup' THEN 'world-cup'
            ELSE 'competition-' || lower(hex(competition)) END,
       competition, 'TOURNAMENT',
       CASE WHEN competition = 'FIFA World Cup' THEN 'FIFA' END
FROM tournaments;

CREATE TABLE tournaments_new (
    id             integer PRIMARY KEY NOT NULL,
    slug           text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name           text    NOT NULL,
    competition_id integer NOT NULL REFERENCES competitions (id),
    year           integer NOT NULL CHECK (year BETWEEN 1850 AND 2100),
    host           text    NOT NULL,
    start_date     date,
    end_date       date,
    source_id      integer REFERENCES sources (id),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
INSERT INTO tournaments_new (id, slug, name, competition_id, year, host, start_date, end_date, source_id)
SELECT t.id, t.slug, t.name, c.id, t.year, t.host, t.start_date, t.end_date, t.source_id
FROM tournaments t JOIN competitions c ON c.name = t.competition;
DROP TABLE tournaments;
ALTER TABLE tournaments_new RENAME TO tournaments;
CREATE INDEX tournaments_competition_idx ON tournaments (competition_id);

CREATE TABLE matches_new (
    id                 integer PRIMARY KEY NOT NULL,
    competition_id     integer NOT NULL REFERENCES competitions (id),
    tournament_id      integer REFERENCES tournaments (id) ON DELETE CASCADE,
    stage_id           integer REFERENCES stages (id),
    group_id           integer REFERENCES tournament_groups (id),
    number             integer CHECK (number > 0),
    home_team_id       integer NOT NULL REFERENCES teams (id),
    away_team_id       integer NOT NULL REFERENCES teams (id),
    played_on          date,
    kickoff_utc        timestamp,
    utc_offset_minutes integer CHECK (utc_offset_minutes IS NULL OR utc_offset_minutes BETWEEN -720 AND 840),
    venue_id           integer REFERENCES venues (id),
    city               text,
    country            text,
    neutral            boolean CHECK (neutral IN (0, 1)),
    -- Some sources give only the result (after extra time when it was played): it is kept in
    -- ft_home/ft_away with `final_only` set, and the periods stay unknown. A shootout they
    -- report by its winner alone is kept as `shootout_winner_id`.
    final_only         boolean NOT NULL DEFAULT false CHECK (final_only IN (0, 1)),
    shootout_winner_id integer REFERENCES teams (id),
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
    CHECK (NOT final_only OR (ht_home IS NULL AND et_home IS NULL AND pen_home IS NULL)),
    CHECK (shootout_winner_id IS NULL OR shootout_winner_id IN (home_team_id, away_team_id)),
    -- A match outside an edition has no stage or number; inside one, its stage may be unknown.
    CHECK (tournament_id IS NOT NULL OR (stage_id IS NULL AND number IS NULL)),
    CHECK ((ht_home IS NULL) = (ht_away IS NULL) AND (ft_home IS NULL) = (ft_away IS NULL)
       AND (et_home IS NULL) = (et_away IS NULL) AND (pen_home IS NULL) = (pen_away IS NULL)),
    CHECK (ht_home >= 0 AND ht_away >= 0 AND ft_home >= ht_home AND ft_away >= ht_away),
    CHECK (et_home >= ft_home AND et_away >= ft_away),
    -- Extra time only after a draw; a shootout only after a draw in extra time.
    CHECK (et_home IS NULL OR (ft_home IS NOT NULL AND ft_home = ft_away)),
    -- A shootout only after a draw: in extra time, or after 90 minutes where no extra time was
    -- played (the 1980 EURO third-place match).
    CHECK (pen_home IS NULL OR (coalesce(et_home, ft_home) = coalesce(et_away, ft_away) AND pen_home >= 0 AND pen_away >= 0 AND pen_home <> pen_away)),
    CHECK (status = 'FINISHED' OR (et_home IS NULL AND pen_home IS NULL)),
    CHECK (status <> 'FINISHED' OR ft_home IS NOT NULL)
);
INSERT INTO matches_new (id, competition_id, tournament_id, stage_id, group_id, number, home_team_id, away_team_id,
    played_on, kickoff_utc, utc_offset_minutes, venue_id, attendance, status,
    ht_home, ht_away, ft_home, ft_away, et_home, et_away, pen_home, pen_away, source_id, phase, version)
SELECT m.id, t.competition_id, m.tournament_id, m.stage_id, m.group_id, m.number, m.home_team_id, m.away_team_id,
    CASE WHEN m.kickoff_utc IS NOT NULL THEN date(m.kickoff_utc, coalesce(m.utc_offset_minutes, 0) || ' minutes') END,
    m.kickoff_utc, m.utc_offset_minutes, m.venue_id, m.attendance, m.status,
    m.ht_home, m.ht_away, m.ft_home, m.ft_away, m.et_home, m.et_away, m.pen_home, m.pen_away, m.source_id, m.phase, m.version
FROM matches m JOIN tournaments t ON t.id = m.tournament_id;
DROP TABLE matches;
ALTER TABLE matches_new RENAME TO matches;
CREATE INDEX matches_competition_idx ON matches (competition_id);
CREATE INDEX matches_tournament_idx ON matches (tournament_id);
CREATE INDEX matches_stage_idx ON matches (stage_id);
CREATE INDEX matches_group_idx ON matches (group_id);
CREATE INDEX matches_home_team_idx ON matches (home_team_id);
CREATE INDEX matches_away_team_idx ON matches (away_team_id);
CREATE INDEX matches_venue_idx ON matches (venue_id);
CREATE INDEX matches_kickoff_idx ON matches (kickoff_utc);
CREATE INDEX matches_played_on_idx ON matches (played_on);

-- Every name a team is known by in any source, with the dates a former name was used
-- (the 1882 "Ireland" is Northern Ireland). The team's current name stays in `teams.name`.
CREATE TABLE team_names (
    team_id     integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name        text    NOT NULL CHECK (length(name) > 0),
    search_name text    NOT NULL,
    valid_from  date,
    valid_until date,
    source      text    NOT NULL,
    PRIMARY KEY (team_id, name),
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX team_names_search_idx ON team_names (search_name);
