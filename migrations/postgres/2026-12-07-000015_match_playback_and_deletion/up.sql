-- Matches that are not part of the record. A match played back by `goalline replay` is a new
-- match in a competition of kind PLAYBACK and names the recorded match it plays back
-- (`playback_of`); records, tables, head-to-head and people's matches leave it out. A match an
-- editor created can be deleted: `deleted_at` hides it and its events from every read, and
-- its update log says so (MATCH_DELETED) to whoever follows it.
ALTER TABLE competitions DROP CONSTRAINT competitions_kind_check;
ALTER TABLE competitions ADD CONSTRAINT competitions_kind_check
    CHECK (kind IN ('TOURNAMENT', 'QUALIFICATION', 'LEAGUE', 'FRIENDLY', 'PLAYBACK'));

ALTER TABLE matches ADD COLUMN playback_of integer REFERENCES matches (id);
ALTER TABLE matches ADD COLUMN deleted_at timestamp;

ALTER TABLE match_updates DROP CONSTRAINT match_updates_kind_check;
ALTER TABLE match_updates ADD CONSTRAINT match_updates_kind_check
    CHECK (kind IN ('PHASE', 'LINEUP', 'GOAL', 'CARD', 'SUBSTITUTION', 'SHOOTOUT_KICK',
                    'GOAL_DELETED', 'CARD_DELETED', 'SUBSTITUTION_DELETED',
                    'SHOOTOUT_KICK_DELETED', 'MATCH_DELETED'));
