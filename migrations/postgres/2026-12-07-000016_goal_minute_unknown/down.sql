-- The older schema has no place for a goal without a minute: such goals and claims go.
DELETE FROM goal_claims WHERE minute IS NULL;
DELETE FROM goals WHERE minute IS NULL;
ALTER TABLE goal_claims ALTER COLUMN minute SET NOT NULL;
ALTER TABLE goals DROP CONSTRAINT goals_offset_needs_a_minute;
ALTER TABLE goals ALTER COLUMN minute SET NOT NULL;
