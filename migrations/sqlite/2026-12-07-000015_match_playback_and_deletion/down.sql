-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
DELETE FROM match_updates WHERE kind = 'MATCH_DELETED';
CREATE TABLE match_updates_old (
    id          integer   PRIMARY KEY NOT NULL,
    match_id    integer   NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    sequence    integer   NOT NULL CHECK (sequence > 0),
    kind        text      NOT NULL CHECK (kind IN ('PHASE', 'LINEUP', 'GOAL', 'CARD', 'SUBSTITUTION',
                                                   'SHOOTOUT_KICK', 'GOAL_DELETED', 'CARD_DELETED',
                                                   'SUBSTITUTION_DELETED', 'SHOOTOUT_KICK_DELETED')),
    event_id    integer,
    phase       text,
    home_score  integer   NOT NULL CHECK (home_score >= 0),
    away_score  integer   NOT NULL CHECK (away_score >= 0),
    home_kicks  integer   CHECK (home_kicks >= 0),
    away_kicks  integer   CHECK (away_kicks >= 0),
    recorded_at timestamp NOT NULL,
    UNIQUE (match_id, sequence)
);
INSERT INTO match_updates_old (id, match_id, sequence, kind, event_id, phase, home_score, away_score, home_kicks, away_kicks, recorded_at)
    SELECT id, match_id, sequence, kind, event_id, phase, home_score, away_score, home_kicks, away_kicks, recorded_at FROM match_updates;
DROP TABLE match_updates;
ALTER TABLE match_updates_old RENAME TO match_updates;

-- SQLite cannot drop a column that is in a foreign key, and rebuilding `matches` for two
-- nullable columns the older schema never reads is not worth it: they stay. Deleted matches go
-- (their events with them); played-back matches stay, in a competition that becomes FRIENDLY.
DELETE FROM matches WHERE deleted_at IS NOT NULL;
UPDATE competitions SET kind = 'FRIENDLY' WHERE kind = 'PLAYBACK';
CREATE TABLE competitions_old (
    id            integer PRIMARY KEY NOT NULL,
    slug          text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name          text    NOT NULL CHECK (length(name) > 0),
    kind          text    NOT NULL CHECK (kind IN ('TOURNAMENT', 'QUALIFICATION', 'LEAGUE', 'FRIENDLY')),
    confederation text
);
INSERT INTO competitions_old (id, slug, name, kind, confederation)
    SELECT id, slug, name, kind, confederation FROM competitions;
DROP TABLE competitions;
ALTER TABLE competitions_old RENAME TO competitions;
