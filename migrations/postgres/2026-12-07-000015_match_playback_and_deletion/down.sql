DELETE FROM match_updates WHERE kind = 'MATCH_DELETED';
ALTER TABLE match_updates DROP CONSTRAINT match_updates_kind_check;
ALTER TABLE match_updates ADD CONSTRAINT match_updates_kind_check
    CHECK (kind IN ('PHASE', 'LINEUP', 'GOAL', 'CARD', 'SUBSTITUTION', 'SHOOTOUT_KICK',
                    'GOAL_DELETED', 'CARD_DELETED', 'SUBSTITUTION_DELETED',
                    'SHOOTOUT_KICK_DELETED'));
-- Deleted matches go (their events with them); played-back matches stay, as friendlies.
DELETE FROM matches WHERE deleted_at IS NOT NULL;
UPDATE competitions SET kind = 'FRIENDLY' WHERE kind = 'PLAYBACK';
ALTER TABLE matches DROP COLUMN deleted_at;
ALTER TABLE matches DROP COLUMN playback_of;
ALTER TABLE competitions DROP CONSTRAINT competitions_kind_check;
ALTER TABLE competitions ADD CONSTRAINT competitions_kind_check
    CHECK (kind IN ('TOURNAMENT', 'QUALIFICATION', 'LEAGUE', 'FRIENDLY'));
