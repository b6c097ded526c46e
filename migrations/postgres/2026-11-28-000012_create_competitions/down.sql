-- Back to editions that name their competition and matches that all belong to one (matches
-- outside an edition, or with a result alone, are dropped).
DROP TABLE team_names;
DELETE FROM matches WHERE tournament_id IS NULL OR stage_id IS NULL OR number IS NULL OR final_only
    OR (pen_home IS NOT NULL AND et_home IS NULL);
ALTER TABLE matches DROP CONSTRAINT matches_shootout_after_draw_check;
ALTER TABLE matches DROP CONSTRAINT matches_final_only_check;
ALTER TABLE matches DROP CONSTRAINT matches_shootout_winner_check;
ALTER TABLE matches ADD CHECK (pen_home IS NULL OR (et_home IS NOT NULL AND et_home = et_away AND pen_home >= 0 AND pen_away >= 0 AND pen_home <> pen_away));
ALTER TABLE matches DROP CONSTRAINT matches_edition_parts_check;
DROP INDEX matches_played_on_idx;
DROP INDEX matches_tournament_idx;
DROP INDEX matches_competition_idx;
ALTER TABLE matches ALTER COLUMN number SET NOT NULL;
ALTER TABLE matches ALTER COLUMN stage_id SET NOT NULL;
ALTER TABLE matches ALTER COLUMN tournament_id SET NOT NULL;
ALTER TABLE matches DROP COLUMN shootout_winner_id;
ALTER TABLE matches DROP COLUMN final_only;
ALTER TABLE matches DROP COLUMN neutral;
ALTER TABLE matches DROP COLUMN country;
ALTER TABLE matches DROP COLUMN city;
ALTER TABLE matches DROP COLUMN played_on;
ALTER TABLE matches DROP COLUMN competition_id;
ALTER TABLE tournaments ADD COLUMN competition text;
UPDATE tournaments t SET competition = c.name FROM competitions c WHERE c.id = t.competition_id;
ALTER TABLE tournaments ALTER COLUMN competition SET NOT NULL;
ALTER TABLE tournaments DROP COLUMN competition_id;
DROP TABLE competitions;
