-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Scores are stored per period so that none can be misread: half time, after 90 minutes,
-- after extra time, and the shootout tally. Each pair is both set or both empty.
CREATE TABLE matches (
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
CREATE INDEX matches_stage_idx ON matches (stage_id);
CREATE INDEX matches_group_idx ON matches (group_id);
CREATE INDEX matches_home_team_idx ON matches (home_team_id);
CREATE INDEX matches_away_team_idx ON matches (away_team_id);
CREATE INDEX matches_venue_idx ON matches (venue_id);
CREATE INDEX matches_kickoff_idx ON matches (kickoff_utc);

CREATE TABLE match_officials (
    id        integer PRIMARY KEY NOT NULL,
    match_id  integer NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    person_id integer NOT NULL REFERENCES people (id),
    role      text    NOT NULL CHECK (role IN ('REFEREE', 'ASSISTANT', 'FOURTH_OFFICIAL', 'VIDEO_ASSISTANT')),
    UNIQUE (match_id, person_id)
);
CREATE INDEX match_officials_person_idx ON match_officials (person_id);
