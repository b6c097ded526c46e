-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Matches that are not part of the record. A match played back by `goalline replay` is a new
-- match in a competition of kind PLAYBACK and names the recorded match it plays back
-- (`playback_of`); records, tables, head-to-head and people's matches leave it out. A match an
-- editor created can be deleted: `deleted_at` hides it and its events from every read, and
-- its update log says so (MATCH_DELETED) to whoever follows it.
-- SQLite cannot change a CHECK: `competitions` and `match_updates` are rebuilt (goalline's
-- migration runner turns foreign keys off around migrations and checks them afterwards).
CREATE TABLE competitions_new (
    id            integer PRIMARY KEY NOT NULL,
    slug          text    NOT NULL UNIQUE CHECK (length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name          text    NOT NULL CHECK (length(name) > 0),
    kind          text    NOT NULL CHECK (kind IN ('TOURNAMENT', 'QUALIFICATION', 'LEAGUE', 'FRIENDLY', 'PLAYBACK')),
    confederation text
);
INSERT INTO competitions_new (id, slug, name, kind, confederation)
    SELECT id, slug, name, kind, confederation FROM competitions;
DROP TABLE competitions;
ALTER TABLE competitions_new RENAME TO competitions;

ALTER TABLE matches ADD COLUMN playback_of integer REFERENCES matches (id);
ALTER TABLE matches ADD COLUMN deleted_at timestamp;

CREATE TABLE match_updates_new (
    id          integer   PRIMARY KEY NOT NULL,
    match_id    integer   NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    sequence    integer   NOT NULL CHECK (sequence > 0),
    kind        text      NOT NULL CHECK (kind IN ('PHASE', 'LINEUP', 'GOAL', 'CARD', 'SUBSTITUTION',
                                                   'SHOOTOUT_KICK', 'GOAL_DELETED', 'CARD_DELETED',
                                                   'SUBSTITUTION_DELETED', 'SHOOTOUT_KICK_DELETED', 'MATCH_DELETED')),
    event_id    integer,
    phase       text,
    home_score  integer   NOT NULL CHECK (home_score >= 0),
    away_score  integer   NOT NULL CHECK (away_score >= 0),
    home_kicks  integer   CHECK (home_kicks >= 0),
    away_kicks  integer   CHECK (away_kicks >= 0),
    recorded_at timestamp NOT NULL,
    UNIQUE (match_id, sequence)
);
INSERT INTO match_updates_new (id, match_id, sequence, kind, event_id, phase, home_score, away_score, home_kicks, away_kicks, recorded_at)
    SELECT id, match_id, sequence, kind, event_id, phase, home_score, away_score, home_kicks, away_kicks, recorded_at FROM match_updates;
DROP TABLE match_updates;
ALTER TABLE match_updates_new RENAME TO match_updates;
